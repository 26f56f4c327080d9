package dev.sandboxplugin.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sandboxplugin.files.AtomicFile;
import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code code-quality.json}: GitLab's Code Quality report (a subset of Code Climate's), so a merge request's
 * widget shows each violation of a run on the diff. Entries are placed, and fingerprinted, as in the SARIF report,
 * so both name one finding the same way from run to run; a finding with no place of its own points at the POM.
 */
public final class CodeQualityWriter {

  public static final String FILE = "code-quality.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CodeQualityWriter() {}

  /**
   * @param sourceRoot the project's root, which paths are relative to; null when unknown
   * @param fallback where a violation with no location of its own points; null for the POM
   */
  public static Path write(RunReport report, Path reportDir, Path sourceRoot, SourceLocation fallback)
      throws IOException {
    return AtomicFile.write(reportDir, FILE, JSON.writeValueAsString(entries(report, sourceRoot, fallback))
        .getBytes(StandardCharsets.UTF_8));
  }

  static List<Map<String, Object>> entries(RunReport report, Path sourceRoot, SourceLocation fallback) {
    List<Map<String, Object>> entries = new ArrayList<>();
    for (Violation violation : report.violations()) {
      SourceLocation location = SarifWriter.location(violation, fallback, sourceRoot);
      if (location == null) {
        location = new SourceLocation("pom.xml", 1);
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("description", violation.kind() + ": " + violation.detail()
          + (violation.test() == null ? "" : " (test " + violation.test() + ")"));
      entry.put("check_name", "sandbox/" + violation.kind());
      entry.put("fingerprint", SarifWriter.fingerprint(violation, location).substring(0, 32));
      entry.put("severity", severity(violation.kind()));
      entry.put("location", Map.of("path", location.path(),
          "lines", Map.of("begin", location.line() == null ? 1 : location.line())));
      entries.add(entry);
    }
    return entries;
  }

  // Code Climate's scale, from the kind's security-severity: escapes and reaching out above limits used up.
  private static String severity(ViolationKind kind) {
    double score = kind.securitySeverity();
    return score >= 9.0 ? "blocker" : score >= 7.0 ? "critical" : score >= 4.0 ? "major" : "minor";
  }
}
