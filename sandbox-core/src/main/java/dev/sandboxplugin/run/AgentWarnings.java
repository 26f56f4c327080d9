package dev.sandboxplugin.run;

import java.util.Set;

/**
 * The JDK's own warning, on stderr, that our test agent installs a (deprecated) Security Manager. It is printed
 * straight to the JVM's first stderr, past anything the agent could redirect, and says nothing about the payload:
 * left out of the output shown for test runs.
 */
final class AgentWarnings {

  private static final String AGENT = "dev.sandboxplugin.agent.AttributionAgent";
  private static final Set<String> LINES = Set.of(
      "WARNING: A terminally deprecated method in java.lang.System has been called",
      "WARNING: System::setSecurityManager will be removed in a future release",
      "WARNING: Please consider reporting this to the maintainers of " + AGENT);

  private AgentWarnings() {}

  static boolean isOne(String line) {
    return LINES.contains(line)
        || (line.startsWith("WARNING: System::setSecurityManager has been called by " + AGENT + " "));
  }
}
