package dev.sandboxplugin.network;

/**
 * One request the egress proxy saw, as it logs it (one JSON line on its stdout) and as the report lists it. No
 * path, query or header is logged: they may carry credentials.
 *
 * @param time when the proxy decided, ISO-8601 UTC
 * @param method {@code CONNECT}, {@code GET}, ...; {@code ?} when the request line was unreadable
 * @param host the target host as the client named it (never resolved before the decision)
 * @param port the target port
 * @param allowed whether the allowlist let it through
 * @param status the status the proxy answered with (200 for an established tunnel, 403 refused, 502 unreachable)
 * @param reason why
 */
public record ProxyLogEntry(String time, String method, String host, int port, boolean allowed, int status,
    String reason) {

  private static final int MAX_FIELD = 256;

  /** The log line; runs inside the proxy, so it writes JSON by hand ({@code java.base} only). */
  String toJson() {
    return "{\"time\":" + quote(time) + ",\"method\":" + quote(method) + ",\"host\":" + quote(host)
        + ",\"port\":" + port + ",\"allowed\":" + allowed + ",\"status\":" + status
        + ",\"reason\":" + quote(reason) + "}";
  }

  // Hostile clients choose host names and methods: bound them and escape everything outside printable ASCII.
  private static String quote(String value) {
    String text = value == null ? "" : value;
    if (text.length() > MAX_FIELD) {
      text = text.substring(0, MAX_FIELD) + "...";
    }
    StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        quoted.append('\\').append(c);
      } else if (c < 0x20 || c > 0x7e) {
        quoted.append(String.format("\\u%04x", (int) c));
      } else {
        quoted.append(c);
      }
    }
    return quoted.append('"').toString();
  }

  /** The line the report and the console show for a refused request. */
  public String describe() {
    return (allowed ? "allowed " : "denied ") + method + " " + host + ":" + port + " at " + time + " (" + reason + ")";
  }
}
