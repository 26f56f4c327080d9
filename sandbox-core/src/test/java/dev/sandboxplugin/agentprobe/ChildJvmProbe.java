package dev.sandboxplugin.agentprobe;

import dev.sandboxplugin.agent.Attribution;
import java.nio.file.Path;

/**
 * Run by {@code JdkHooksTest} as a JVM of a build inside would be (the agent from JAVA_TOOL_OPTIONS, in build mode):
 * from a class of a test-classes folder, as a test, it starts this JDK's {@code java} twice: once with the agent
 * in its environment (as Mockito's inline mock maker starts one to attach itself), once without it. The first
 * child is a source file, so none of its frames is a test's: what it does is named after the parent's test.
 */
public final class ChildJvmProbe {

  public static void main(String[] args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder watched = new ProcessBuilder(java, args[0]).inheritIO();
    watched.start().waitFor();
    ProcessBuilder unwatched = new ProcessBuilder(java, "-version");
    unwatched.environment().remove("JAVA_TOOL_OPTIONS");
    unwatched.start().waitFor();
    for (Attribution.Attempt attempt : Attribution.attempts()) {
      System.out.println("parent: " + attempt.kind() + " " + attempt.detail() + " in " + attempt.test());
    }
  }
}
