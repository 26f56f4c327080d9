package dev.sandboxplugin.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandboxplugin.verdict.Evidence;
import dev.sandboxplugin.verdict.Verdict;
import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

  @TempDir Path dir;

  @Test
  void kindsAreWrittenAsOtherToolsReadThemAndReadBack() throws Exception {
    RunReport sample = ReportSamples.report(Verdict.VIOLATION, "1 forbidden action", "enforce",
        List.of(new Violation(ViolationKind.FILE_WRITE, "write refused: /etc/passwd", Evidence.PAYLOAD_OUTPUT)));
    RunReport report = new RunReport(sample.schemaVersion(), sample.verdict(), sample.reason(), sample.exitCode(),
        sample.durationMs(), sample.startedAt(), sample.payload(), sample.image(), sample.imageBuild(),
        sample.policy(), sample.hardening(), sample.violations(), sample.output(), sample.engine(), sample.network(),
        sample.tests(), null, List.of(new Violation(ViolationKind.LOOKUP, "host name lookup of x", Evidence.AGENT)));

    Path file = ReportWriter.write(report, dir);

    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertEquals("main", json.path("payload").path("kind").asText());
    assertEquals("FILE_WRITE", json.path("violations").path(0).path("kind").asText());
    assertEquals("LOOKUP", json.path("notices").path(0).path("kind").asText());
    assertEquals(report, ReportWriter.read(file));
  }

  @Test
  void aKindThisVersionDoesNotKnowIsRefusedNamingIt() throws Exception {
    Path file = ReportWriter.write(ReportSamples.report(Verdict.VIOLATION, "1 forbidden action", "enforce",
        List.of(new Violation(ViolationKind.FILE_WRITE, "write refused: /etc/passwd", Evidence.PAYLOAD_OUTPUT))), dir);
    String written = Files.readString(file);

    Files.writeString(file, written.replace("\"FILE_WRITE\"", "\"EGRESS\""));
    IOException unknownViolation = assertThrows(IOException.class, () -> ReportWriter.read(file));
    assertTrue(unknownViolation.getMessage().contains("'EGRESS' is not a violation kind"),
        unknownViolation::getMessage);

    Files.writeString(file, written.replace("\"main\"", "\"native\""));
    IOException unknownPayload = assertThrows(IOException.class, () -> ReportWriter.read(file));
    assertTrue(unknownPayload.getMessage().contains("NATIVE"), unknownPayload::getMessage);
  }
}
