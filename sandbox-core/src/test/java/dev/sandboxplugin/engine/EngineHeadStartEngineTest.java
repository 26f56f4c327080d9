package dev.sandboxplugin.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A goal's head start on the engine, against the real one: the first run takes it, later runs connect anew. */
class EngineHeadStartEngineTest {

  private final AtomicInteger connections = new AtomicInteger();

  private DockerEngine counted() {
    connections.incrementAndGet();
    return DockerEngine.connect();
  }

  @Test
  void theFirstRunTakesTheConnectionBegunAheadAndLaterRunsConnectAnew() {
    try (EngineHeadStart engines = EngineHeadStart.begin(this::counted)) {
      try (DockerEngine first = engines.get(); DockerEngine second = engines.get()) {
        assertEquals(2, connections.get());
        assertNotSame(first, second);
        engines.close(); // the goal ends while its runs still hold their connections
        first.client().pingCmd().exec();
        second.client().pingCmd().exec();
      }
    }
  }

  @Test
  void aGoalThatEndsBeforeAnyRunLeavesTheHeadStartClosedAndTakesNoOther() {
    EngineHeadStart engines = EngineHeadStart.begin(this::counted);
    engines.close();
    try (DockerEngine later = engines.get()) {
      later.client().pingCmd().exec();
    }
    assertEquals(2, connections.get(), "a get after close connects anew; the head start is not handed out closed");
  }
}
