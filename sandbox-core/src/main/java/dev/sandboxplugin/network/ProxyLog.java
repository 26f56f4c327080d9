package dev.sandboxplugin.network;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandboxplugin.run.SafeText;
import dev.sandboxplugin.verdict.Evidence;
import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The egress proxy's account of a run: the requests it saw (the first {@link #MAX_ENTRIES}), how many it allowed
 * and denied in all (past the proxy's own logging limit, counted in steps of 100, so at least that many). Its lines are written by our proxy, but their host names and methods come from the payload:
 * they are read as data and escaped before they are shown.
 *
 * @param requests allowed and denied requests in order, at most {@link #MAX_ENTRIES}
 * @param allowed how many requests were let through
 * @param denied how many were refused
 * @param truncated whether requests beyond {@link #MAX_ENTRIES} were counted but not listed
 */
public record ProxyLog(List<ProxyLogEntry> requests, long allowed, long denied, boolean truncated) {

  /** At most this many requests are listed in the report; all are counted. */
  public static final int MAX_ENTRIES = 1000;
  /** At most this many denied requests become violations; the count names the rest. */
  public static final int MAX_VIOLATIONS = 20;
  static final ProxyLog EMPTY = new ProxyLog(List.of(), 0, 0, false);
  private static final ObjectMapper JSON = new ObjectMapper();

  public ProxyLog {
    requests = List.copyOf(requests);
  }

  /** Parses the proxy's stdout, one JSON object a line; other lines are skipped. */
  static ProxyLog parse(List<String> lines) {
    List<ProxyLogEntry> entries = new ArrayList<>();
    long allowed = 0;
    long denied = 0;
    long unloggedAllowed = 0;
    long unloggedDenied = 0;
    for (String line : lines) {
      if (line.startsWith(ProxyServer.UNLOGGED)) {
        try {
          var counts = JSON.readTree(line).path("unlogged");
          unloggedAllowed = Math.max(unloggedAllowed, counts.path("allowed").asLong());
          unloggedDenied = Math.max(unloggedDenied, counts.path("denied").asLong());
        } catch (java.io.IOException | RuntimeException malformed) {
          // A line cut by the engine; the next one counts.
        }
        continue;
      }
      if (!line.startsWith("{")) {
        continue;
      }
      ProxyLogEntry entry;
      try {
        entry = JSON.readValue(line, ProxyLogEntry.class);
      } catch (java.io.IOException | RuntimeException malformed) {
        continue; // a line cut by the engine's log cap
      }
      entry = new ProxyLogEntry(entry.time(), safe(entry.method()), safe(entry.host()), entry.port(),
          entry.allowed(), entry.status(), safe(entry.reason()));
      if (entry.allowed()) {
        allowed++;
      } else {
        denied++;
      }
      if (entries.size() < MAX_ENTRIES) {
        entries.add(entry);
      }
    }
    // Unlogged requests are counted in steps of 100: the totals are at least these.
    allowed += unloggedAllowed;
    denied += unloggedDenied;
    return new ProxyLog(entries, allowed, denied, allowed + denied > entries.size());
  }

  /** One {@code NETWORK} violation per denied request (the first {@link #MAX_VIOLATIONS}), with what and when. */
  public List<Violation> violations() {
    List<Violation> violations = new ArrayList<>();
    for (ProxyLogEntry entry : requests) {
      if (!entry.allowed() && violations.size() < MAX_VIOLATIONS) {
        violations.add(new Violation(ViolationKind.NETWORK, "denied " + entry.method() + " " + entry.host() + ":"
            + entry.port() + " at " + entry.time() + " by the egress proxy: " + entry.reason(), Evidence.PROXY));
      }
    }
    if (denied > violations.size()) {
      violations.add(new Violation(ViolationKind.NETWORK, (denied - violations.size()) + " more request(s) denied by"
          + " the egress proxy; see network.requests in the report", Evidence.PROXY));
    }
    return violations;
  }

  private static String safe(String text) {
    return text == null ? "" : SafeText.forLog(text);
  }
}
