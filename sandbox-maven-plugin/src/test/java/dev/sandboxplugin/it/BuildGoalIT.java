package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * {@code sandbox:build} as a pipeline runs it, from outside the tree: the examples give the same test cases and
 * outcomes as plain {@code mvn verify} on the host (Surefire is the real one, inside), Maven started inside the tree
 * is refused, and the configuration of a trusted commit applies instead of the tree's own.
 */
@Execution(ExecutionMode.CONCURRENT)
class BuildGoalIT {


  @Test
  void aMultiModuleBuildWithAProcessorAndAPluginExecutionGivesSurefiresResults() throws Exception {
    Path pipeline = MavenRun.workFolder("build-demo");
    Path project = MavenRun.copyOf(MavenRun.repository().resolve("examples/build-demo"), pipeline.resolve("build-demo"));
    MavenRun plain = MavenRun.mvn(project, "verify");
    assertEquals(0, plain.exitCode, plain::describe);
    Set<String> surefire = testCases(project, "surefire-reports");
    deleteTargets(project);

    MavenRun sandboxed = MavenRun.mvn(pipeline, MavenRun.PLUGIN + ":build", "-Dsandbox.project=build-demo");

    assertEquals(0, sandboxed.exitCode, sandboxed::describe);
    assertEquals(surefire, testCases(project, "sandbox-reports"));
    assertEquals(4, surefire.size(), surefire::toString);
    JsonNode report = sandboxed.report(project.resolve("target/sandbox/report.json"));
    assertEquals("PASSED", report.path("verdict").asText(), sandboxed::describe);
    assertEquals(4, report.path("tests").path("run").asInt());
    assertTrue(sandboxed.log.contains("exec-maven-plugin:3.5.0:java (build-stamp) @ build-demo-app"),
        sandboxed::describe);
    MavenRun.removeImage(report);
  }

  @Test
  void failingTestsFailTheBuildAsSurefireDoes() throws Exception {
    Path pipeline = MavenRun.workFolder("build-tests-demo");
    Path project = MavenRun.copyOf(MavenRun.repository().resolve("examples/tests-demo"), pipeline.resolve("tests-demo"));
    MavenRun plain = MavenRun.mvn(project, "verify", "-Dmaven.test.failure.ignore=true");
    assertEquals(0, plain.exitCode, plain::describe);
    Set<String> surefire = testCases(project, "surefire-reports");
    deleteTargets(project);

    MavenRun sandboxed = MavenRun.mvn(pipeline, MavenRun.PLUGIN + ":build", "-Dsandbox.project=tests-demo");

    assertEquals(1, sandboxed.exitCode, sandboxed::describe);
    assertEquals(surefire, testCases(project, "sandbox-reports"));
    JsonNode report = sandboxed.report(project.resolve("target/sandbox/report.json"));
    // The exfiltration goes to a closed port of loopback, as Surefire's configuration says: nothing to report.
    assertEquals("FAILED", report.path("verdict").asText(), sandboxed::describe);
    assertEquals("tests failed: Tests run: 5, Failures: 1, Errors: 0, Skipped: 0", report.path("reason").asText());
    MavenRun.removeImage(report);
  }

  /**
   * A test that starts this JDK's java with the agent in its environment (as Mockito's inline mock maker does) is
   * a notice, and what that JVM does is the test's; a test that starts a shell, or java without the agent, is a
   * PROCESS violation.
   */
  @Test
  void aJvmATestStartsIsWatchedAndAnyOtherProgramIsAViolation() throws Exception {
    Path pipeline = MavenRun.workFolder("build-child-jvm");
    Path project = MavenRun.copyOf(MavenRun.repository().resolve("examples/tests-demo"), pipeline.resolve("tests"));
    Path tests = project.resolve("src/test/java/dev/sandboxplugin/examples/tests");
    try (Stream<Path> files = Files.list(tests)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.writeString(tests.resolve("ChildProcessTest.java"), """
        package dev.sandboxplugin.examples.tests;

        import static org.junit.jupiter.api.Assertions.assertEquals;

        import java.nio.file.Files;
        import java.nio.file.Path;
        import org.junit.jupiter.api.Test;

        class ChildProcessTest {
          static final String JAVA = System.getProperty("java.home") + "/bin/java";

          @Test
          void startsAWatchedJvmThatReadsTheInitsEnvironment() throws Exception {
            Path child = Files.writeString(Path.of("target/Child.java"), "public class Child { public static void"
                + " main(String[] a) throws Exception { java.nio.file.Files.readAllBytes(java.nio.file.Path.of("
                + "\\"/proc/1/environ\\")); } }");
            assertEquals(0, new ProcessBuilder(JAVA, child.toString()).inheritIO().start().waitFor());
          }

          @Test
          void startsJavaWithoutTheAgent() throws Exception {
            ProcessBuilder unwatched = new ProcessBuilder(JAVA, "-version");
            unwatched.environment().remove("JAVA_TOOL_OPTIONS");
            assertEquals(0, unwatched.start().waitFor());
          }

          @Test
          void startsAShell() throws Exception {
            assertEquals(0, new ProcessBuilder("/bin/sh", "-c", "true").start().waitFor());
          }
        }
        """);

    MavenRun sandboxed = MavenRun.mvn(pipeline, MavenRun.PLUGIN + ":build", "-Dsandbox.project=tests");

    assertEquals(1, sandboxed.exitCode, sandboxed::describe);
    JsonNode report = sandboxed.report(project.resolve("target/sandbox/report.json"));
    assertEquals("VIOLATION", report.path("verdict").asText(), sandboxed::describe);
    String test = "dev.sandboxplugin.examples.tests.ChildProcessTest#";
    Set<String> violations = new TreeSet<>();
    report.path("violations").forEach(v -> violations.add(v.path("kind").asText() + " " + v.path("detail").asText()
        + " [" + v.path("test").asText() + "]"));
    assertEquals(new TreeSet<>(List.of(
        "FILE_READ read of /proc/1/environ (a process's environment, where CI secrets live) ["
            + test + "startsAWatchedJvmThatReadsTheInitsEnvironment]",
        "PROCESS start of process /opt/java/bin/java [" + test + "startsJavaWithoutTheAgent]",
        "PROCESS start of process /bin/sh [" + test + "startsAShell]")), violations, sandboxed::describe);
    JsonNode notice = report.path("notices").get(0);
    assertEquals("JVM", notice.path("kind").asText(), report::toString);
    assertEquals(test + "startsAWatchedJvmThatReadsTheInitsEnvironment", notice.path("test").asText());
    assertEquals("Tests run: 3, Failures: 0, Errors: 0, Skipped: 0",
        report.path("reason").asText().replaceFirst(".*\\((.*)\\)$", "$1"), report::toString);
    MavenRun.removeImage(report);
  }

  @Test
  void mavenStartedInsideTheTreeIsRefused() throws Exception {
    Path project = MavenRun.copyOfExample("tests-demo", "build-inside");

    MavenRun run = MavenRun.mvn(project, MavenRun.PLUGIN + ":build", "-Dsandbox.project=.");

    assertEquals(1, run.exitCode, run::describe);
    assertTrue(run.log.contains("was started inside the tree it is asked to build"), run::describe);
    JsonNode report = run.report();
    assertEquals("ERROR", report.path("verdict").asText());
    assertTrue(!run.log.contains("Sandbox: resolve step"), run::describe);
  }

  @Test
  void theTrustedCommitsConfigurationAppliesNotTheTrees() throws Exception {
    Path pipeline = MavenRun.workFolder("build-trusted-ref");
    Path project = MavenRun.copyOf(HostileTree.CORPUS.resolve("test-only"), pipeline.resolve("checkout"));
    Files.delete(project.resolve("case.properties"));
    Files.createDirectories(project.resolve("src/test/java/hostile"));
    Files.copy(HostileTree.CORPUS.resolve("_shared/hostile/Hostile.java"),
        project.resolve("src/test/java/hostile/Hostile.java"));
    try (Git git = Git.init().setDirectory(project.toFile()).setInitialBranch("main").call()) {
      Files.writeString(project.resolve("sandbox-policy.yaml"), "version: 1\ntimeout: 3m\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("base").setSign(false).call();
      git.branchCreate().setName("base").call();
      Files.writeString(project.resolve("sandbox-policy.yaml"), "version: 1\ntimeout: 7d\nmode: audit\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("the commit under test loosens its sandbox").setSign(false).call();
    }

    MavenRun run = MavenRun.mvn(pipeline, MavenRun.PLUGIN + ":build", "-Dsandbox.project=checkout",
        "-Dsandbox.trustedRef=base");

    assertEquals(1, run.exitCode, run::describe);
    assertTrue(run.log.contains("Sandbox: configuration read at base"), run::describe);
    JsonNode report = run.report(project.resolve("target/sandbox/report.json"));
    assertEquals("VIOLATION", report.path("verdict").asText(), run::describe);
    assertEquals("enforce", report.path("policy").path("mode").asText());
    assertEquals("3m", report.path("policy").path("timeout").asText());
    assertTrue(!report.path("policy").path("file").asText().startsWith(project.toString()), report::toString);
    MavenRun.removeImage(report);
  }

  // "Class#name outcome" of every test case under each module's target/<folder>.
  private static Set<String> testCases(Path project, String folder) throws IOException {
    return TestCases.under(project, parent -> parent.endsWith("target/" + folder));
  }

  private static void deleteTargets(Path project) throws IOException {
    try (Stream<Path> targets = Files.walk(project)) {
      for (Path target : targets.filter(path -> path.getFileName().toString().equals("target")).toList()) {
        if (!Files.exists(target)) {
          continue; // inside one deleted already
        }
        try (Stream<Path> walk = Files.walk(target)) {
          for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
    }
  }
}
