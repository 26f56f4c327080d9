package dev.sandboxplugin.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandboxplugin.verdict.Evidence;
import dev.sandboxplugin.verdict.Verdict;
import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** code-quality.json: GitLab's Code Quality entries for a run, placed and fingerprinted as in the SARIF report. */
class CodeQualityWriterTest {

  @TempDir Path dir;

  @Test
  void eachViolationIsAnEntryAtItsLineOrAtThePom() throws Exception {
    Path source = Files.createDirectories(dir.resolve("app/src/test/java/a"));
    Files.writeString(source.resolve("ExfilTest.java"), "class ExfilTest {}");
    Violation network = new Violation(ViolationKind.NETWORK, "connection to 198.51.100.7:80 at 2026-12-02T10:00:00Z",
        "a.ExfilTest#leaks", List.of("a.ExfilTest.leaks(ExfilTest.java:12)"), Evidence.NETWORK_SINK);
    Violation timeout = new Violation(ViolationKind.TIMEOUT, "still running after 30 s", Evidence.ENGINE);
    RunReport report = ReportSamples.report(Verdict.VIOLATION, "2 findings", "enforce", List.of(network, timeout));

    Path written = CodeQualityWriter.write(report, dir.resolve("app/target/sandbox"), dir, null);

    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(written)));
    JsonNode entries = new ObjectMapper().readTree(written.toFile());
    assertEquals(2, entries.size());
    JsonNode first = entries.get(0);
    assertEquals("NETWORK: connection to 198.51.100.7:80 at 2026-12-02T10:00:00Z (test a.ExfilTest#leaks)",
        first.path("description").asText());
    assertEquals("sandbox/NETWORK", first.path("check_name").asText());
    assertEquals("critical", first.path("severity").asText());
    assertEquals("app/src/test/java/a/ExfilTest.java", first.path("location").path("path").asText());
    assertEquals(12, first.path("location").path("lines").path("begin").asInt());
    assertEquals(32, first.path("fingerprint").asText().length());
    JsonNode second = entries.get(1);
    assertEquals("pom.xml", second.path("location").path("path").asText());
    assertEquals(1, second.path("location").path("lines").path("begin").asInt());
    assertEquals("minor", second.path("severity").asText());
  }

  @Test
  void theSameFindingKeepsItsFingerprintAcrossRuns() throws Exception {
    Violation atTen = new Violation(ViolationKind.FILE_WRITE, "write refused at 2026-12-02T10:00:00Z: /tmp/junit123/x", Evidence.KERNEL);
    Violation atEleven = new Violation(ViolationKind.FILE_WRITE,
        "write refused at 2026-12-02T11:30:00Z: /tmp/junit987/x", Evidence.KERNEL);
    Violation other = new Violation(ViolationKind.FILE_WRITE, "write refused: /etc/passwd", Evidence.KERNEL);
    String ten = fingerprint(atTen);
    assertEquals(ten, fingerprint(atEleven));
    assertNotEquals(ten, fingerprint(other));
  }

  private String fingerprint(Violation violation) {
    RunReport report = ReportSamples.report(Verdict.VIOLATION, "1 finding", "enforce", List.of(violation));
    return String.valueOf(CodeQualityWriter.entries(report, dir, new SourceLocation("pom.xml", null)).get(0)
        .get("fingerprint"));
  }
}
