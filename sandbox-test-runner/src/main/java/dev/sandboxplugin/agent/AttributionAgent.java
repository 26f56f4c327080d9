package dev.sandboxplugin.agent;

import java.lang.instrument.Instrumentation;

/**
 * The Java agent of the test JVM ({@code -javaagent}): before any test class loads, rewrites the few JDK methods
 * that start a connection, a name lookup, a file access, a process or an exit to tell the {@link Observer}
 * ({@link JdkHooks}). That works on every JDK from 17, changes nothing the tests can see, and unlike a Security
 * Manager is still there on JDK 24+. Where a JVM cannot rewrite classes, the {@link ObservingSecurityManager} is
 * the fallback, on a JDK that installs one without a command-line allowance (17: JDK 24+ refuse to start with that
 * allowance, so none is given); with neither, attribution is off and the report says so. The agent argument
 * {@code security-manager} goes straight to the fallback, to test it; {@code build} is a JVM of a build inside the
 * sandbox ({@code sandbox:build}: Maven's own and each JVM Surefire forks), which records from the start. A JVM
 * started under a Security Manager of its own gets no hooks at all: they would answer to its policy.
 */
public final class AttributionAgent {

  private AttributionAgent() {}

  /** The reports folder of a build inside ({@code sandbox:build}), which the agent writes its records into. */
  static final String BUILD_REPORTS = "/sandbox/reports";

  public static void premain(String arguments, Instrumentation instrumentation) {
    if (System.getSecurityManager() != null) {
      // Started under a Security Manager of its own (-Djava.security.manager and a policy, as some test suites
      // fork a JVM): our checks would run under that policy, be refused, and refuse the tests what it allows.
      // The agent steps aside; the kernel still contains the JVM.
      System.err.println("[sandbox-agent] this JVM runs under a Security Manager of its own: its attempts are"
          + " contained but not attributed to tests");
      return;
    }
    boolean build = "build".equals(arguments);
    if (build) {
      Observer.forBuild("/work");
    }
    Observer.warmUp();
    install(arguments, instrumentation);
    if (build) {
      // Armed only now: installing the hooks calls each hooked method once, and that is not the payload.
      Attribution.buildMode(java.nio.file.Path.of(BUILD_REPORTS));
    }
  }

  private static void install(String arguments, Instrumentation instrumentation) {
    String noHooks = "hooks not asked for";
    if (!"security-manager".equals(arguments)) {
      try {
        JdkHooks.install(instrumentation);
        return;
      } catch (Exception | LinkageError e) {
        noHooks = "the JDK's methods could not be hooked (" + e + ")";
      }
    }
    try {
      System.setSecurityManager(new ObservingSecurityManager());
    } catch (UnsupportedOperationException | SecurityException e) {
      Attribution.unavailable(noHooks + ", and this JDK cannot install a Security Manager (" + e.getMessage()
          + "); breaches are still blocked, but not attributed to tests");
    }
  }
}
