package dev.sandboxplugin.agent;

/**
 * The Java agent of the test JVM ({@code -javaagent}): installs the {@link ObservingSecurityManager} before any
 * test class loads. The JVM must allow it ({@code -Djava.security.manager=allow}); JDKs from 24 on have no
 * Security Manager at all, and then attribution is off and the report says so.
 */
public final class AttributionAgent {

  private AttributionAgent() {}

  public static void premain(String arguments) {
    try {
      ObservingSecurityManager.warmUp();
      System.setSecurityManager(new ObservingSecurityManager());
    } catch (UnsupportedOperationException | SecurityException e) {
      Attribution.unavailable("this JDK cannot install a Security Manager (" + e.getMessage()
          + "); breaches are still blocked, but not attributed to tests");
    }
  }
}
