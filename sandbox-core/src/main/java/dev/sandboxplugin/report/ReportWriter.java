package dev.sandboxplugin.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sandboxplugin.files.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;

/** Writes {@code report.json} whole or not at all: a reader never sees half a report. */
public final class ReportWriter {

  public static final String REPORT_FILE = "report.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportWriter() {}

  /** Writes {@code report} into {@code reportDir} and returns the file. */
  public static Path write(RunReport report, Path reportDir) throws IOException {
    return AtomicFile.write(reportDir, REPORT_FILE, JSON.writeValueAsBytes(report));
  }

  /**
   * Reads a report back; for tests and tools. A violation or payload kind this version does not know is refused
   * (an {@link IOException} naming it), never read as another kind.
   */
  public static RunReport read(Path file) throws IOException {
    return JSON.readValue(file.toFile(), RunReport.class);
  }
}
