package dev.sandboxplugin.testing;

import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.util.List;

/**
 * What the agent records that is not a breach: a bare host name lookup ({@link ViolationKind#LOOKUP}:
 * {@code URL.equals} and {@code URL.hashCode} resolve, a test probes whether the network is up). The sandbox has no
 * resolver, so it sends nothing anywhere; a lookup made to connect, or of a name that carries data, is a
 * {@code DNS} violation instead. And a JVM that a test of a build starts with the agent in it
 * ({@link ViolationKind#JVM}: Mockito's inline mock maker attaching its agent, a test of a command line tool):
 * everything that JVM does is watched and named after the test; any other process is a {@code PROCESS} violation.
 * Notices are in the report and the log, and change no verdict.
 */
final class Notices {

  private Notices() {}

  static boolean isNotice(Violation attempt) {
    return attempt.kind().isNotice();
  }

  static List<Violation> of(List<Violation> attempts) {
    return attempts.stream().filter(Notices::isNotice).toList();
  }

  static List<Violation> without(List<Violation> attempts) {
    return attempts.stream().filter(attempt -> !isNotice(attempt)).toList();
  }
}
