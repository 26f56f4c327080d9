package dev.sandboxplugin.scan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes a scan's files into the report folder, each whole or not at all: {@code scan.json}, {@code scan.md},
 * {@code scan-junit.xml} and {@code scan-code-quality.json} (GitLab's Code Quality format).
 */
public final class ScanArtifacts {

  public static final String JSON_FILE = "scan.json";
  public static final String MARKDOWN_FILE = "scan.md";
  public static final String JUNIT_FILE = "scan-junit.xml";
  public static final String CODE_QUALITY_FILE = "scan-code-quality.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ScanArtifacts() {}

  /** Writes every file and returns them, {@code scan.json} first. */
  public static List<Path> write(ScanReport report, ProjectLayout layout, Path reportDir) throws IOException {
    Files.createDirectories(reportDir);
    return List.of(
        write(reportDir.resolve(JSON_FILE), JSON.writeValueAsString(report)),
        write(reportDir.resolve(MARKDOWN_FILE), ScanMarkdown.render(report)),
        write(reportDir.resolve(JUNIT_FILE), ScanJUnitReport.render(report)),
        write(reportDir.resolve(CODE_QUALITY_FILE),
            JSON.writeValueAsString(CodeQualityReport.entries(report, layout))));
  }

  /** Reads {@code scan.json} back; for tests and tools. A violation kind this version does not know is refused. */
  public static ScanReport read(Path file) throws IOException {
    return JSON.readValue(file.toFile(), ScanReport.class);
  }

  private static Path write(Path target, String content) throws IOException {
    Path partial = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".partial");
    try {
      Files.writeString(partial, content, StandardCharsets.UTF_8);
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
    return target;
  }
}
