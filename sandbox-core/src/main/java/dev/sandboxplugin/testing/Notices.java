package dev.sandboxplugin.testing;

import dev.sandboxplugin.verdict.Violation;
import java.util.List;

/**
 * What the agent records that is not a breach: a bare host name lookup ({@code LOOKUP}: {@code URL.equals} and
 * {@code URL.hashCode} resolve, a test probes whether the network is up). The sandbox has no resolver, so it sends
 * nothing anywhere; a lookup made to connect, or of a name that carries data, is a {@code DNS} violation instead.
 * And a JVM that a test of a build starts with the agent in it ({@code JVM}: Mockito's inline mock maker attaching
 * its agent, a test of a command line tool): everything that JVM does is watched and named after the test; any
 * other process is a {@code PROCESS} violation. Notices are in the report and the log, and change no verdict.
 */
public final class Notices {

  public static final String LOOKUP = "LOOKUP";
  public static final String JVM = "JVM";

  private Notices() {}

  static boolean isNotice(Violation attempt) {
    return attempt.kind().equals(LOOKUP) || attempt.kind().equals(JVM);
  }

  static List<Violation> of(List<Violation> attempts) {
    return attempts.stream().filter(Notices::isNotice).toList();
  }

  static List<Violation> without(List<Violation> attempts) {
    return attempts.stream().filter(attempt -> !isNotice(attempt)).toList();
  }
}
