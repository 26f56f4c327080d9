package dev.sandboxplugin.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CreateGateTest {

  // Threads of their own: the common pool may have a single one on a small machine.
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  @Test
  void closingWaitsForTheCreateInFlightThenRefusesNewOnes() throws Exception {
    CreateGate gate = new CreateGate();
    CountDownLatch inEngine = new CountDownLatch(1);
    CountDownLatch engineAnswers = new CountDownLatch(1);
    CompletableFuture<String> create = CompletableFuture.supplyAsync(() -> gate.through(() -> {
      inEngine.countDown();
      await(engineAnswers);
      return "container-id";
    }), threads);
    assertTrue(inEngine.await(10, TimeUnit.SECONDS));

    CompletableFuture<Boolean> closing =
        CompletableFuture.supplyAsync(() -> gate.close(Duration.ofSeconds(10)), threads);
    Thread.sleep(200);
    assertFalse(closing.isDone(), "the cleanup went ahead while a create was still in the engine");

    engineAnswers.countDown();
    assertEquals("container-id", create.get(10, TimeUnit.SECONDS));
    assertTrue(closing.get(10, TimeUnit.SECONDS));
    assertThrows(IllegalStateException.class, () -> gate.through(() -> "another"));
  }

  @Test
  void aHungCreateDelaysTheCleanupOnlyAsLongAsTheWait() throws Exception {
    CreateGate gate = new CreateGate();
    CountDownLatch inEngine = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    CompletableFuture.runAsync(() -> gate.through(() -> {
      inEngine.countDown();
      await(never);
      return null;
    }), threads);
    assertTrue(inEngine.await(10, TimeUnit.SECONDS));

    assertFalse(gate.close(Duration.ofMillis(200)));
    never.countDown();
  }

  @Test
  void createsPassSideBySide() throws Exception {
    CreateGate gate = new CreateGate();
    CountDownLatch both = new CountDownLatch(2);
    CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> gate.through(() -> arrive(both)), threads);
    CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> gate.through(() -> arrive(both)), threads);

    assertTrue(first.get(10, TimeUnit.SECONDS) && second.get(10, TimeUnit.SECONDS), "one create waited for another");
  }

  private static boolean arrive(CountDownLatch both) {
    both.countDown();
    try {
      return both.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
