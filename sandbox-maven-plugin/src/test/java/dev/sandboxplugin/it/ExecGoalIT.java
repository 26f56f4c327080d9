package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sandboxplugin.mojo.PropertyNames;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The {@code exec} goal as users run it: real {@code mvn} on copies of {@code examples/}, real Docker engine.
 * Each case is its own Maven process, so they run concurrently.
 */
@Execution(ExecutionMode.CONCURRENT)
class ExecGoalIT {

  private static final String HELLO = "dev.sandboxplugin.examples.hello.";
  private static final Pattern STACK_FRAME = Pattern.compile("^\\s*at [\\p{L}_$][\\w$.]*\\(.*\\)\\s*$");

  /** Also the warm-up: it resolves every plugin the other cases need before they run side by side. */
  private static MavenRun help;

  @BeforeAll
  static void helpGoalRunsFirst() throws Exception {
    help = MavenRun.mvn(MavenRun.copyOfExample("hello", "help"), "compile", "sandbox:help", "-Ddetail");
  }

  @Test
  void helpGoalDescribesEveryParameter() throws Exception {
    assertEquals(0, help.exitCode, help::describe);
    assertTrue(help.log.contains("sandbox:exec"), help::describe);
    for (Field field : PropertyNames.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        String property = (String) field.get(null);
        assertTrue(help.log.contains("User property: " + property), () -> property + " missing\n" + help.describe());
      }
    }
  }

  @Test
  void passingMainClassShowsItsOutputAndPasses() throws Exception {
    MavenRun run = MavenRun.mvn(MavenRun.copyOfExample("hello", "passes"), "compile", "sandbox:exec",
        "-Dsandbox.args=first second");

    assertEquals(0, run.exitCode, run::describe);
    assertTrue(run.log.contains("BUILD SUCCESS"), run::describe);
    assertTrue(run.log.contains("[INFO] [sandbox] Hello from the sandbox, running as sandbox"), run::describe);
    assertTrue(run.log.contains("[INFO] [sandbox] Arguments: [first, second]"), run::describe);
    JsonNode report = run.report();
    assertEquals("PASSED", report.path("verdict").asText(), run::describe);
    assertEquals(0, report.path("exitCode").asInt(-1));
    assertEquals("main", report.path("payload").path("kind").asText());
    assertEquals("256m", report.path("policy").path("memory").asText(), "the POM's <memory> applies");
  }

  @Test
  void allowlistRunGoesThroughTheEgressProxyAndReportsItsNetwork() throws Exception {
    MavenRun run = MavenRun.mvn(MavenRun.copyOfExample("hello", "allowlist"), "compile", "sandbox:exec",
        "-Dsandbox.network=allowlist", "-Dsandbox.allow=repo.example.org:443");

    assertEquals(0, run.exitCode, run::describe);
    assertTrue(run.log.contains("[INFO] Sandbox: egress proxy up in "), run::describe);
    assertTrue(run.log.contains("network allowlist [repo.example.org:443]"), run::describe);
    JsonNode report = run.report();
    assertEquals("PASSED", report.path("verdict").asText(), run::describe);
    assertEquals("allowlist", report.path("network").path("mode").asText(), run::describe);
    assertEquals(0, report.path("network").path("requests").size(), run::describe);
    assertTrue(report.path("hardening").path("networkMode").asText().startsWith("container:"), run::describe);
  }

  @Test
  void sleeperIsStoppedByTheTimeout() throws Exception {
    MavenRun run = MavenRun.mvn(MavenRun.copyOfExample("hello", "timeout"), "compile", "sandbox:exec",
        "-Dsandbox.mainClass=" + HELLO + "Sleeper", "-Dsandbox.timeout=3s");

    assertNotEquals(0, run.exitCode, run::describe);
    assertTrue(run.log.contains("BUILD FAILURE"), run::describe);
    assertTrue(run.log.contains("[INFO] [sandbox] Sleeping forever"), run::describe);
    assertTrue(run.log.contains("Sandbox verdict TIMEOUT: "), run::describe);
    JsonNode report = run.report();
    assertEquals("TIMEOUT", report.path("verdict").asText(), run::describe);
    assertEquals("3s", report.path("policy").path("timeout").asText(), "-Dsandbox.timeout wins over the POM's 1m");
    assertTrue(report.path("durationMs").asLong() < 30_000, () -> "killed near the deadline: " + report);
  }

  @Test
  void writeToRootIsAViolationThatFailsTheBuild() throws Exception {
    MavenRun run = MavenRun.mvn(MavenRun.copyOfExample("hello", "write-root"), "compile", "sandbox:exec",
        "-Dsandbox.mainClass=" + HELLO + "WriteRoot");

    assertNotEquals(0, run.exitCode, run::describe);
    assertTrue(run.log.contains("BUILD FAILURE"), run::describe);
    assertTrue(run.log.contains("Sandbox verdict VIOLATION: "), run::describe);
    JsonNode report = run.report();
    assertEquals("VIOLATION", report.path("verdict").asText(), run::describe);
    assertTrue(kinds(report).contains("FILE_WRITE"), () -> "violations: " + report.path("violations"));
  }

  @Test
  void failOnErrorFalseTurnsAViolationIntoAWarning() throws Exception {
    MavenRun run = MavenRun.mvn(MavenRun.copyOfExample("hello", "audit"), "compile", "sandbox:exec",
        "-Dsandbox.mainClass=" + HELLO + "WriteRoot", "-Dsandbox.failOnError=false");

    assertEquals(0, run.exitCode, run::describe);
    assertTrue(run.log.contains("BUILD SUCCESS"), run::describe);
    assertTrue(run.lines().stream().anyMatch(line -> line.startsWith("[WARNING] Sandbox verdict VIOLATION: ")
        && line.endsWith("(not failing the build: sandbox.failOnError=false)")), run::describe);
    assertEquals("VIOLATION", run.report().path("verdict").asText(), run::describe);
  }

  @Test
  void singleSourceFileRunsWithoutAPom() throws Exception {
    Path folder = MavenRun.copyOfExample("single-file", "single-file");
    assertFalse(Files.exists(folder.resolve("pom.xml")));

    MavenRun run = MavenRun.mvn(folder, MavenRun.PLUGIN + ":exec", "-Dsandbox.source=Hello.java", "-Dsandbox.args=x");

    assertEquals(0, run.exitCode, run::describe);
    assertTrue(run.log.contains("[INFO] [sandbox] Hello from a single source file, arguments [x]"), run::describe);
    JsonNode report = run.report();
    assertEquals("PASSED", report.path("verdict").asText(), run::describe);
    assertEquals("source", report.path("payload").path("kind").asText());
    try (var left = Files.list(folder)) {
      assertEquals(List.of("Hello.java", "target"), left.map(p -> p.getFileName().toString()).sorted().toList(),
          "nothing but ./target/ is written next to the file");
    }
  }

  @Test
  void pythonScriptRunsWithoutAPomOnThePolyglotBase() throws Exception {
    Path folder = MavenRun.copyOfExample("scripts", "script");

    MavenRun run = MavenRun.mvn(folder, MavenRun.PLUGIN + ":exec", "-Dsandbox.script=hello.py", "-Dsandbox.args=x");

    assertEquals(0, run.exitCode, run::describe);
    assertTrue(run.log.contains("[INFO] [sandbox] Hello from a sandboxed Python script, arguments ['x']"), run::describe);
    JsonNode report = run.report();
    assertEquals("PASSED", report.path("verdict").asText(), run::describe);
    assertEquals("script", report.path("payload").path("kind").asText());
    assertEquals("offline-polyglot", report.path("imageBuild").path("base").asText(), run::describe);
  }

  @Test
  void badValueFailsWithOneClearLineAndNoStackTrace() throws Exception {
    MavenRun run = MavenRun.mvn(MavenRun.copyOfExample("hello", "bad-value"), "compile", "sandbox:exec",
        "-Dsandbox.memory=lots");

    assertNotEquals(0, run.exitCode, run::describe);
    List<String> naming = run.lines().stream().filter(line -> line.contains("sandbox.memory")).toList();
    assertEquals(1, naming.size(), run::describe);
    assertTrue(naming.get(0).startsWith("[ERROR] Failed to execute goal " + MavenRun.PLUGIN + ":exec"), run::describe);
    assertTrue(naming.get(0).contains("sandbox.memory = 'lots' is not a size"), run::describe);
    assertTrue(run.lines().stream().noneMatch(line -> STACK_FRAME.matcher(line).matches() || line.startsWith("Caused by")),
        run::describe);
    assertFalse(Files.exists(run.reportFile()), "nothing ran, so no report");
  }

  @Test
  void mainClassThatWasNotCompiledIsNamed() throws Exception {
    MavenRun run = MavenRun.mvn(MavenRun.copyOfExample("hello", "not-compiled"), "sandbox:exec");

    assertNotEquals(0, run.exitCode, run::describe);
    assertTrue(run.log.contains("mainClass " + HELLO + "Hello is not on the runtime classpath; did you run `mvn compile`?"),
        run::describe);
  }

  @Test
  void skipSkips() throws Exception {
    MavenRun run = MavenRun.mvn(MavenRun.copyOfExample("hello", "skip"), "sandbox:exec", "-Dsandbox.skip=true");

    assertEquals(0, run.exitCode, run::describe);
    assertTrue(run.log.contains("Skipping the sandbox run (sandbox.skip=true)"), run::describe);
    assertFalse(run.log.contains("SANDBOX "), run::describe);
    assertFalse(Files.exists(run.reportFile()));
  }

  private static List<String> kinds(JsonNode report) {
    return StreamSupport.stream(report.path("violations").spliterator(), false)
        .map(violation -> violation.path("kind").asText()).toList();
  }
}
