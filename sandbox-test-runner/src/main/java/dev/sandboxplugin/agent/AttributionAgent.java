package dev.sandboxplugin.agent;

import java.lang.instrument.Instrumentation;

/**
 * The Java agent of the test JVM ({@code -javaagent}): before any test class loads, rewrites the few JDK methods
 * that start a connection, a name lookup, a file access, a process or an exit to tell the {@link Observer}
 * ({@link JdkHooks}). That works on every JDK from 17, changes nothing the tests can see, and unlike a Security
 * Manager is still there on JDK 24+. Where a JVM cannot rewrite classes, the {@link ObservingSecurityManager} is
 * the fallback, on a JDK that installs one without a command-line allowance (17: JDK 24+ refuse to start with that
 * allowance, so none is given); with neither, attribution is off and the report says so. The agent argument
 * {@code security-manager} goes straight to the fallback, to test it.
 */
public final class AttributionAgent {

  private AttributionAgent() {}

  public static void premain(String arguments, Instrumentation instrumentation) {
    Observer.warmUp();
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
