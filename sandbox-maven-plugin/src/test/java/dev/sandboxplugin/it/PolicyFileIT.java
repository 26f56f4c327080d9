package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** {@code sandbox-policy.yaml} as users write it, read by real {@code mvn}, under the POM and the command line. */
@Execution(ExecutionMode.CONCURRENT)
class PolicyFileIT {

  @Test
  void thePolicyFileAppliesUnderThePomAndTheCommandLineAndTheReportsNameIt() throws Exception {
    Path project = MavenRun.copyOfExample("hello", "policy-file");
    // The example's POM sets memory 256m and timeout 1m; the file's values for those lose, its pids wins.
    Files.writeString(project.resolve("sandbox-policy.yaml"), """
        memory: 200m
        timeout: 10m
        pids: 96
        seccompProfile: strict
        writablePaths: [/app/out]
        """);

    MavenRun run = MavenRun.mvn(project, "compile", "sandbox:exec", "-Dsandbox.timeout=45s");

    assertEquals(0, run.exitCode, run::describe);
    JsonNode policy = run.report().path("policy");
    assertEquals("256m", policy.path("memory").asText(), "POM over file");
    assertEquals("45s", policy.path("timeout").asText(), "command line over POM");
    assertEquals(96, policy.path("pids").asInt(), "file over default");
    assertTrue(policy.path("seccomp").asText().startsWith("strict sha256:"), policy::toString);
    assertEquals("/app/out", policy.path("writablePaths").get(0).path("path").asText(), policy::toString);
    assertTrue(policy.path("sha256").asText().matches("sha256:[0-9a-f]{64}"), policy::toString);
    assertEquals(project.resolve("sandbox-policy.yaml").toString(), policy.path("file").asText());
    Path reports = run.reportFile().getParent();
    JsonNode sarif = new ObjectMapper().readTree(reports.resolve("report.sarif").toFile());
    assertEquals("2.1.0", sarif.path("version").asText());
    assertTrue(Files.readString(reports.resolve("summary.md")).startsWith("## Sandbox: PASSED"));
  }

  @Test
  void auditModeFromTheFileWarnsAndTheSarifResultPointsAtThePom() throws Exception {
    Path project = MavenRun.copyOfExample("hello", "policy-audit");
    Files.writeString(project.resolve("sandbox-policy.yaml"), "mode: audit\n");

    MavenRun run = MavenRun.mvn(project, "compile", "sandbox:exec",
        "-Dsandbox.mainClass=dev.sandboxplugin.examples.hello.WriteRoot");

    assertEquals(0, run.exitCode, run::describe);
    assertTrue(run.lines().stream().anyMatch(line -> line.startsWith("[WARNING] Sandbox verdict VIOLATION: ")
        && line.endsWith("(not failing the build: sandbox.mode=audit)")), run::describe);
    Path reports = run.reportFile().getParent();
    JsonNode result = new ObjectMapper().readTree(reports.resolve("report.sarif").toFile())
        .path("runs").get(0).path("results").get(0);
    assertEquals("FILE_WRITE", result.path("ruleId").asText(), result::toString);
    assertEquals("warning", result.path("level").asText(), result::toString);
    assertEquals("pom.xml", result.path("locations").get(0).path("physicalLocation").path("artifactLocation")
        .path("uri").asText(), result::toString);
    String summary = Files.readString(reports.resolve("summary.md"));
    assertTrue(summary.startsWith("## Sandbox: VIOLATION"), summary);
    assertTrue(summary.contains("| 1 | FILE\\_WRITE | "), summary);
  }

  @Test
  void aBadPolicyFileFailsWithFileLineAndColumnAndNoStackTrace() throws Exception {
    Path project = MavenRun.copyOfExample("hello", "bad-policy-file");
    Files.writeString(project.resolve("sandbox-policy.yaml"), "timeout: 1m\ncpus: many\nmemroy: 1g\n");

    MavenRun run = MavenRun.mvn(project, "compile", "sandbox:exec");

    assertNotEquals(0, run.exitCode, run::describe);
    Path file = project.resolve("sandbox-policy.yaml");
    List<String> lines = run.lines();
    assertTrue(lines.stream().anyMatch(line -> line.contains("policy file " + file + " has 2 problems:")), run::describe);
    // One problem a line, each as file:line:column, which IDEs and CI logs link to.
    // The place and the setting, never the file's own text.
    assertTrue(lines.contains("[ERROR]   " + file + ":2:7: cpus = … is not a number above 0, e.g. 0.5 or 2"),
        run::describe);
    assertTrue(lines.stream().anyMatch(line -> line.startsWith("[ERROR]   " + file + ":3:1: unknown key …"
        + " (did you mean 'memory'?)")), run::describe);
    assertTrue(lines.stream().noneMatch(line -> line.contains("many") || line.contains("memroy")), run::describe);
    assertTrue(lines.stream().noneMatch(line -> line.trim().startsWith("at dev.") || line.startsWith("Caused by")),
        run::describe);
    assertFalse(Files.exists(run.reportFile()), "nothing ran, so no report");
  }
}
