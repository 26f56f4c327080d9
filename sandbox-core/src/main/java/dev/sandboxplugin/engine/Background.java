package dev.sandboxplugin.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Engine work done beside the caller's (connecting, sweeping what dead runs left), on a daemon thread of its own:
 * it keeps the caller's class loader as its context, which the common pool's threads would not (Maven's plugin
 * classes would be missing there), and it never keeps a JVM from ending.
 */
public final class Background {

  private Background() {}

  /** Starts {@code work} on a thread named {@code threadName}; the future completes with its result or its throw. */
  public static <T> CompletableFuture<T> supply(String threadName, Supplier<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        result.complete(work.get());
      } catch (RuntimeException | Error e) {
        result.completeExceptionally(e);
      }
    }, threadName);
    thread.setDaemon(true);
    thread.start();
    return result;
  }

  /**
   * Closes what {@code work} gives, once it is there: at once if it is done, later (without waiting) when the
   * caller is interrupted; nothing when it failed, since then there is nothing to close.
   */
  public static <T> void closeWhenDone(CompletableFuture<T> work, Consumer<T> close) {
    T result;
    try {
      result = work.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      work.thenAccept(close);
      return;
    } catch (ExecutionException failed) {
      return;
    }
    close.accept(result);
  }

  /**
   * Waits for {@code work} and gives its result, or throws what it threw; an interrupt becomes
   * {@code interrupted}'s exception, with the thread's interrupt flag set again.
   */
  public static <T> T await(CompletableFuture<T> work, Function<InterruptedException, RuntimeException> interrupted) {
    try {
      return work.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted.apply(e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw (Error) e.getCause();
    }
  }
}
