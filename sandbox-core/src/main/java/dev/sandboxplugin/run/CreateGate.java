package dev.sandboxplugin.run;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The engine calls that make something, and the cleanup that must not run in the middle of one: many calls pass at
 * once; {@link #close} waits for those in flight and lets no new one through, so that what the cleanup removes is
 * everything that was or will be made.
 */
final class CreateGate {

  // Readers: the calls that make something; the writer: the cleanup.
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile boolean closed;

  /**
   * Runs {@code create} unless the gate is closed.
   *
   * @throws IllegalStateException when it is
   */
  <T> T through(Supplier<T> create) {
    lock.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("Maven is stopping: the sandbox makes nothing new");
      }
      return create.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Lets no new call through and waits up to {@code wait} for those in flight; true when none is left. */
  boolean close(Duration wait) {
    closed = true;
    try {
      if (lock.writeLock().tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        lock.writeLock().unlock();
        return true;
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
