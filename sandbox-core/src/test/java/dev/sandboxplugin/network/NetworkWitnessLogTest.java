package dev.sandboxplugin.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.verdict.Evidence;
import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkWitnessLogTest {

  // A query for "secret-abc.exfil.invalid", type A, as glibc sends it.
  private static final String QUERY = "ba3a010000010000000000000a7365637265742d61626305657866696c07696e76616c69640000010001";

  @Test
  void connectionsDatagramsAndPingsAreNetworkViolationsNamingTheDestination() {
    NetworkWitnessLog log = NetworkWitnessLog.parse(List.of(
        "sandbox-witness ready 1",
        "sandbox-witness 632 tcp 4 c6336407 80 -",
        "sandbox-witness 634 tcp 6 20010db8000000000000000000000001 443 -",
        "sandbox-witness 634 udp 4 cb007109 9999 -",
        "sandbox-witness 640 icmp 4 cb007109 0 -",
        "a line of something else"));
    assertEquals(List.of(
        new Violation(ViolationKind.NETWORK, "connection to 198.51.100.7:80 (TCP)", Evidence.NETWORK_SINK),
        new Violation(ViolationKind.NETWORK, "connection to [2001:db8:0:0:0:0:0:1]:443 (TCP)", Evidence.NETWORK_SINK),
        new Violation(ViolationKind.NETWORK, "datagram to 203.0.113.9:9999 (UDP)", Evidence.NETWORK_SINK),
        new Violation(ViolationKind.NETWORK, "ping to 203.0.113.9 (ICMP echo)", Evidence.NETWORK_SINK)),
        log.violations());
    assertEquals(List.of(), log.notices());
    assertEquals(List.of(), log.gaps());
  }

  @Test
  void aLookupThroughTheMissingResolverIsANoticeAndOneToAChosenServerIsAViolation() {
    NetworkWitnessLog log = NetworkWitnessLog.parse(List.of(
        "sandbox-witness 666 udp 4 7f000001 53 " + QUERY,
        "sandbox-witness 667 udp 4 08080808 53 " + QUERY));
    assertEquals(List.of(new Violation(ViolationKind.LOOKUP, "host name lookup of secret-abc.exfil.invalid (it reaches"
        + " nothing: the sandbox has no resolver)", Evidence.NETWORK_SINK)), log.notices());
    assertEquals(List.of(new Violation(ViolationKind.NETWORK, "DNS query for secret-abc.exfil.invalid sent to"
        + " 8.8.8.8:53 (udp)", Evidence.NETWORK_SINK)), log.violations());
  }

  @Test
  void aNameThatCarriesDataIsADnsViolation() {
    String label = "6a".repeat(20); // 40 characters: longer than any word
    String query = "00010100000100000000000028" + HexFormat.of().formatHex(label.getBytes()) + "07696e76616c69640000010001";
    NetworkWitnessLog log = NetworkWitnessLog.parse(List.of("sandbox-witness 1 udp 4 7f000001 53 " + query));
    assertEquals(List.of(new Violation(ViolationKind.DNS, "host name lookup of " + label + ".invalid, a name that"
        + " carries data (a covert channel)", Evidence.NETWORK_SINK)), log.violations());
  }

  @Test
  void theAgentsNoticeOfTheSameLookupIsKeptInsteadOfTheWitnesss() {
    NetworkWitnessLog log = NetworkWitnessLog.parse(List.of("sandbox-witness 666 udp 4 7f000001 53 " + QUERY));
    Violation agents = new Violation(ViolationKind.LOOKUP,
        "host name lookup of secret-abc.exfil.invalid (it sends nothing)", "a.BTest#t", List.of(), Evidence.AGENT);
    assertEquals(List.of(agents), log.noticesBeyond(List.of(agents)));
    assertEquals(2, log.noticesBeyond(List.of(new Violation(ViolationKind.LOOKUP,
        "host name lookup of other.invalid (x)", Evidence.AGENT))).size());
  }

  @Test
  void whatTheWitnessMayHaveMissedIsSaid() {
    NetworkWitnessLog log = NetworkWitnessLog.parse(List.of("sandbox-witness dropped 12", "sandbox-witness overflow 500",
        "sandbox-witness stopped 137"));
    assertEquals(3, log.gaps().size(), log.gaps()::toString);
    assertTrue(log.gaps().stream().anyMatch(gap -> gap.contains("exit 137")), log.gaps()::toString);
  }

  @Test
  void namesInQueriesAreKeptPrintableAndBrokenMessagesAreNoQuestion() {
    assertEquals("a\\008b.invalid", NetworkWitnessLog.questionName(
        HexFormat.of().parseHex("000101000001000000000000036108620" + "7696e76616c69640000010001")));
    assertNull(NetworkWitnessLog.questionName(HexFormat.of().parseHex("0001010000010000000000003f61")));
    assertNull(NetworkWitnessLog.questionName(HexFormat.of().parseHex("00010100000100000000000001")));
  }

  @Test
  void linesCutShortOrForeignAreSkipped() {
    NetworkWitnessLog log = NetworkWitnessLog.parse(List.of("sandbox-witness 1 tcp 4 c63364", "sandbox-witness 1 sctp 4"
        + " c6336407 80 -", "sandbox-witness 1 tcp 4 zz 80 -", "sandbox-witness 1 tcp 4 c6336407 x -"));
    assertEquals(List.of(), log.violations());
  }
}
