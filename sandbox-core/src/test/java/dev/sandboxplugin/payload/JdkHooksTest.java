package dev.sandboxplugin.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sandboxplugin.agentprobe.ChildJvmProbe;
import dev.sandboxplugin.agentprobe.HookProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test agent's JDK hooks, in a JVM of their own on the host (no container: the probe does nothing that leaves a
 * trace): the agent made by {@link RunnerJar} rewrites the JDK's methods instead of installing a Security Manager,
 * on this build's JDK and on a JDK 24+ when one is installed, where no Security Manager exists at all. Network
 * attempts are not made here (this host's traffic must stay its own); {@code TestPayloadTest} shows them in a
 * sandbox.
 */
class JdkHooksTest {

  @TempDir
  Path dir;

  @Test
  void onThisJdkTheHooksSeeEveryAttemptAndNoSecurityManagerIsInstalled() throws Exception {
    String output = assertProbeSeenBy(Path.of(System.getProperty("java.home")), "");
    assertTrue(output.contains("security manager: null"), output);
    assertTrue(output.contains("hooks class: true"), output);
  }

  /** The fallback for a JVM that cannot rewrite classes, asked for by the agent argument: the same record. */
  @Test
  void theSecurityManagerFallbackSeesTheSame() throws Exception {
    // JDK 18 to 23 install one only when the command line allows it, which the sandbox does not (JDK 24+ would
    // refuse to start); 24+ have none.
    assumeTrue(Runtime.version().feature() == 17, "the fallback installs a Security Manager on JDK 17 only");
    String output = assertProbeSeenBy(Path.of(System.getProperty("java.home")), "=security-manager");
    assertTrue(output.contains("security manager: dev.sandboxplugin.agent.ObservingSecurityManager"), output);
  }

  @Test
  void onAJdkWithoutSecurityManagerTheHooksSeeThemToo() throws Exception {
    Path newer = newerJdk();
    assumeTrue(newer != null, "no JDK 24+ under /usr/lib/jvm");
    String output = assertProbeSeenBy(newer, "");
    assertTrue(output.contains("security manager: null"), output);
  }

  @Test
  void aJvmATestOfABuildStartsWithTheAgentIsANoticeAndWhatItDoesIsThatTests() throws Exception {
    Path runnerJar = RunnerJar.in(dir.resolve("cache"));
    Path child = Files.writeString(dir.resolve("Child.java"), """
        public class Child {
          public static void main(String[] args) throws Exception {
            System.out.println("child knows: " + System.getenv("SANDBOX_AGENT_TEST"));
            new ProcessBuilder("/bin/true").start().waitFor();
            Object attempts = Class.forName("dev.sandboxplugin.agent.Attribution").getMethod("attempts").invoke(null);
            for (Object attempt : (java.util.List<?>) attempts) {
              System.out.println("child: " + attempt);
            }
          }
        }
        """);
    String classpath = runnerJar + ":" + Path.of(ChildJvmProbe.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classpath, ChildJvmProbe.class.getName(), child.toString()).redirectErrorStream(true);
    builder.environment().put("JAVA_TOOL_OPTIONS", "-javaagent:" + runnerJar + "=build");
    Process probe = builder.start();
    String output = new String(probe.getInputStream().readAllBytes());
    assertTrue(probe.waitFor(60, TimeUnit.SECONDS), output);

    assertEquals(0, probe.exitValue(), output);
    String test = "dev.sandboxplugin.agentprobe.ChildJvmProbe#main";
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    assertTrue(output.contains("parent: JVM start of a JVM the agent watches too (" + java + "); what it does is the"
        + " test's in " + test), output);
    assertTrue(output.contains("parent: PROCESS start of process " + java + " in " + test), output);
    assertTrue(output.contains("child knows: " + test), output);
    assertTrue(output.contains("child: Attempt[kind=PROCESS, detail=start of process /bin/true, test=" + test), output);
  }

  @Test
  void aJvmUnderASecurityManagerOfItsOwnStartsWithTheAgentAndKeepsWhatItsPolicyAllows() throws Exception {
    // As slf4j's integration tests fork one: -Djava.security.manager with a policy that grants the agent nothing.
    Path runnerJar = RunnerJar.in(dir.resolve("cache"));
    Path policy = Files.writeString(dir.resolve("test.policy"),
        "grant { permission java.util.PropertyPermission \"*\", \"read\"; };\n");
    Path main = Files.writeString(dir.resolve("Guarded.java"), """
        public class Guarded {
          public static void main(String[] args) {
            System.out.println("manager: " + (System.getSecurityManager() != null));
            try {
              System.getenv("HOME");
              System.out.println("the policy let it read the environment");
            } catch (SecurityException refused) {
              System.out.println("refused by its own policy: " + refused.getMessage());
            }
          }
        }
        """);
    // Compiled first: the source launcher itself needs more than that policy grants.
    assertEquals(0, javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.toString(),
        main.toString()));
    Process guarded = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-javaagent:" + runnerJar + "=build", "-Djava.security.manager", "-Djava.security.policy==" + policy,
        "-cp", dir.toString(), "Guarded").redirectErrorStream(true).start();
    String output = new String(guarded.getInputStream().readAllBytes());
    assertTrue(guarded.waitFor(60, TimeUnit.SECONDS), output);

    assertEquals(0, guarded.exitValue(), output);
    assertTrue(output.contains("manager: true"), output);
    assertTrue(output.contains("refused by its own policy: access denied (\"java.lang.RuntimePermission\""
        + " \"getenv.HOME\")"), output);
    assertTrue(output.contains("[sandbox-agent] this JVM runs under a Security Manager of its own"), output);
  }

  private String assertProbeSeenBy(Path javaHome, String agentArgument) throws Exception {
    Path runnerJar = RunnerJar.in(dir.resolve("cache"));
    // Outside /tmp, where writing is an attempt worth recording, in a folder that does not exist, so nothing is.
    Path missing = Path.of("/sandbox-probe-missing-" + UUID.randomUUID());
    String classpath = runnerJar + ":" + Path.of(HookProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString(),
        "-javaagent:" + runnerJar + agentArgument, "-cp", classpath, "dev.sandboxplugin.agentprobe.HookProbe", missing.toString()));
    Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(probe.getInputStream().readAllBytes());
    assertTrue(probe.waitFor(60, TimeUnit.SECONDS), output);

    assertEquals(0, probe.exitValue(), output);
    // The exit is said at once on stderr (Runtime.halt would skip any later report); the rest is in the record.
    assertTrue(output.contains("[sandbox-agent] EXIT(0) called by probe.HookProbe#acts"), output);
    assertTrue(output.contains("attempt: FILE_WRITE write to " + missing + "/planted.txt (only /tmp is writable) in"
        + " probe.HookProbe#acts at dev.sandboxplugin.agentprobe.HookProbe.main(HookProbe.java:"), output);
    assertTrue(output.contains("attempt: FILE_READ read of /proc/1/environ"), output);
    assertTrue(output.contains("attempt: FILE_WRITE write to " + missing + "/nio.txt"), output);
    assertTrue(output.contains("attempt: PROCESS start of process /bin/true"), output);
    assertTrue(output.contains("attempt: FILE_READ read of /root/.ssh/id_rsa"), output);
    assertTrue(output.contains("attempt: FILE_READ read of /etc/shadow"), output);
    assertTrue(output.contains("attempt: FILE_WRITE write to " + missing + "/copied"), output);
    for (String changed : List.of("made", "created", "writable", "touched", "mode", "time")) {
      assertTrue(output.contains("attempt: FILE_WRITE write to " + missing + "/" + changed), changed + ":\n" + output);
    }
    assertTrue(Files.notExists(missing), "nothing was written");
    return output;
  }

  private static Path newerJdk() throws IOException {
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return null;
    }
    try (Stream<Path> homes = Files.list(jvms)) {
      return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")))
          .filter(home -> releaseFeature(home) >= 24).findFirst().orElse(null);
    }
  }

  private static int releaseFeature(Path home) {
    try {
      var matcher = java.util.regex.Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)").matcher(Files.readString(home.resolve("release")));
      return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
