package dev.sandboxplugin.agent;

/**
 * One attempt as a line of JSON, java.base only (the tested project may bring any JSON library in any version):
 * what {@code attempts.jsonl} holds, whether the runner writes it at the end or the agent of a build as it goes.
 */
public final class AttemptJson {

  private AttemptJson() {}

  public static String line(Attribution.Attempt attempt) {
    StringBuilder line = new StringBuilder();
    line.append("{\"kind\":").append(string(attempt.kind()))
        .append(",\"detail\":").append(string(attempt.detail()))
        .append(",\"test\":").append(string(attempt.test()))
        .append(",\"time\":").append(string(attempt.time().toString()))
        .append(",\"stack\":[");
    for (int i = 0; i < attempt.stack().size(); i++) {
      line.append(i == 0 ? "" : ",").append(string(attempt.stack().get(i)));
    }
    return line.append("]}\n").toString();
  }

  public static String string(String value) {
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
