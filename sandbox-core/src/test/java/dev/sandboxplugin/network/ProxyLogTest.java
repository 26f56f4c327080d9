package dev.sandboxplugin.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.verdict.Evidence;
import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyLogTest {

  @Test
  void roundTripsTheProxysLinesAndEscapesWhatTheClientChose() {
    String hostile = "evil\u001b[2J\"\\\n.example";
    List<String> lines = List.of(
        "sandbox egress proxy listening on /run/egress/proxy.sock",
        new ProxyLogEntry("2026-11-23T13:00:00Z", "GET", "repo.example.org", 80, true, 200, "allowed by repo.example.org").toJson(),
        new ProxyLogEntry("2026-11-23T13:00:01Z", "CONNECT", hostile, 443, false, 403, "not on the allowlist").toJson(),
        "{\"time\":\"cut by the engine's log cap");

    ProxyLog log = ProxyLog.parse(lines);

    assertEquals(2, log.requests().size());
    assertEquals(List.of(1L, 1L), List.of(log.allowed(), log.denied()));
    String host = log.requests().get(1).host();
    assertEquals("evil\\x1b[2J\"\\\\x0a.example", host);
    List<Violation> violations = log.violations();
    assertEquals(List.of(new Violation(ViolationKind.NETWORK, "denied CONNECT " + host
        + ":443 at 2026-11-23T13:00:01Z by the egress proxy: not on the allowlist", Evidence.PROXY)), violations);
  }

  @Test
  void listsAndReportsABoundedNumberButCountsAll() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < ProxyLog.MAX_ENTRIES + 5; i++) {
      lines.add(new ProxyLogEntry("2026-11-23T13:00:00Z", "GET", "h" + i + ".example", 80, false, 403, "not on the allowlist")
          .toJson());
    }

    ProxyLog log = ProxyLog.parse(lines);

    assertEquals(ProxyLog.MAX_ENTRIES, log.requests().size());
    assertEquals(ProxyLog.MAX_ENTRIES + 5, log.denied());
    assertTrue(log.truncated());
    List<Violation> violations = log.violations();
    assertEquals(ProxyLog.MAX_VIOLATIONS + 1, violations.size());
    assertEquals((ProxyLog.MAX_ENTRIES + 5 - ProxyLog.MAX_VIOLATIONS) + " more request(s) denied by the egress proxy;"
        + " see network.requests in the report", violations.get(ProxyLog.MAX_VIOLATIONS).detail());
  }

  @Test
  void requestsPastTheProxysLoggingLimitAreCounted() {
    List<String> lines = List.of(
        new ProxyLogEntry("t", "GET", "a.example", 80, false, 403, "not on the allowlist").toJson(),
        ProxyServer.UNLOGGED + "{\"allowed\":1,\"denied\":100,\"time\":\"t\"}}",
        ProxyServer.UNLOGGED + "{\"allowed\":2,\"denied\":199,\"time\":\"t\"}}");

    ProxyLog log = ProxyLog.parse(lines);

    assertEquals(List.of(2L, 200L), List.of(log.allowed(), log.denied()));
    assertTrue(log.truncated());
    assertEquals(2, log.violations().size());
  }

  @Test
  void longFieldsAreCutInTheLogLine() {
    String json = new ProxyLogEntry("t", "GET", "a".repeat(1000), 80, false, 400, "r").toJson();
    assertTrue(json.contains("\"host\":\"" + "a".repeat(256) + "...\""), json);
  }
}
