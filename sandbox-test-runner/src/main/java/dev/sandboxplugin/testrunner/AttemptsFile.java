package dev.sandboxplugin.testrunner;

import dev.sandboxplugin.agent.Attribution;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes what the agent saw as {@code attempts.jsonl}, one JSON object per line, for the host to read: java.base
 * only, since the tested project may bring any JSON library in any version.
 */
final class AttemptsFile {

  static final String NAME = "attempts.jsonl";

  private AttemptsFile() {}

  static void write(Path reportsDir, List<Attribution.Attempt> attempts, int dropped, String unavailable)
      throws IOException {
    StringBuilder lines = new StringBuilder();
    for (Attribution.Attempt attempt : attempts) {
      lines.append("{\"kind\":").append(string(attempt.kind()))
          .append(",\"detail\":").append(string(attempt.detail()))
          .append(",\"test\":").append(string(attempt.test()))
          .append(",\"time\":").append(string(attempt.time().toString()))
          .append(",\"stack\":[");
      for (int i = 0; i < attempt.stack().size(); i++) {
        lines.append(i == 0 ? "" : ",").append(string(attempt.stack().get(i)));
      }
      lines.append("]}\n");
    }
    if (dropped > 0) {
      lines.append("{\"dropped\":").append(dropped).append("}\n");
    }
    if (unavailable != null) {
      lines.append("{\"unavailable\":").append(string(unavailable)).append("}\n");
    }
    Files.writeString(reportsDir.resolve(NAME), lines, StandardCharsets.UTF_8);
  }

  static String string(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
