package dev.sandboxplugin.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CorroborationTest {

  private static final Violation AGENT = new Violation(ViolationKind.NETWORK, "connection to 198.51.100.7:80",
      "a.BTest#t", List.of("a.BTest.t(BTest.java:9)"), Evidence.AGENT);
  private static final Violation SINK = new Violation(ViolationKind.NETWORK, "connection to 198.51.100.7:80 (TCP)",
      Evidence.NETWORK_SINK);

  @Test
  void theSameConnectionSeenInsideAndOutsideIsOneViolationWithTheOutsideWitness() {
    assertEquals(List.of(new Violation(ViolationKind.NETWORK, AGENT.detail(), AGENT.test(), AGENT.stack(),
        Evidence.NETWORK_SINK)), Corroboration.merge(List.of(AGENT, SINK)));
  }

  @Test
  void anAttemptOnlyTheWitnessSawStaysAndOthersAreKeptAsTheyCame() {
    Violation elsewhere = new Violation(ViolationKind.NETWORK, "connection to 203.0.113.9:443 (TCP)",
        Evidence.NETWORK_SINK);
    Violation write = new Violation(ViolationKind.FILE_WRITE, "write to /etc/x", Evidence.AGENT);
    assertEquals(List.of(write, AGENT, elsewhere), Corroboration.merge(List.of(write, AGENT, elsewhere)));
  }
}
