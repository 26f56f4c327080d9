package dev.sandboxplugin.testrunner;

import dev.sandboxplugin.agent.AttemptJson;
import dev.sandboxplugin.agent.Attribution;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes what the agent saw as {@code attempts.jsonl}, one JSON object per line ({@link AttemptJson}), for the host
 * to read.
 */
final class AttemptsFile {

  static final String NAME = "attempts.jsonl";

  private AttemptsFile() {}

  static void write(Path reportsDir, List<Attribution.Attempt> attempts, int dropped, String unavailable)
      throws IOException {
    StringBuilder lines = new StringBuilder();
    for (Attribution.Attempt attempt : attempts) {
      lines.append(AttemptJson.line(attempt));
    }
    if (dropped > 0) {
      lines.append("{\"dropped\":").append(dropped).append("}\n");
    }
    if (unavailable != null) {
      lines.append("{\"unavailable\":").append(AttemptJson.string(unavailable)).append("}\n");
    }
    Files.writeString(reportsDir.resolve(NAME), lines, StandardCharsets.UTF_8);
  }
}
