package dev.sandboxplugin.testrunner;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hands the reports to the host before the JVM exits. They live on a size-capped tmpfs that the engine drops when
 * the container stops, so the runner says on stdout that they are ready and waits until the host has copied them
 * and left {@code .collected} beside them (or gives up after a while: the run is then judged without them).
 */
final class ReportHandOver {

  /** The line's start; the run's token follows, so that an accidental match in test output is unlikely. */
  static final String READY = "[sandbox-reports-ready] ";
  static final String COLLECTED = ".collected";
  private static final long WAIT_MILLIS = 30_000;

  private ReportHandOver() {}

  static void handOver(Path reportsDir, String token) {
    if (token == null || token.isBlank()) {
      return;
    }
    // The real stdout: a test may have replaced System.out.
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    out.println();
    out.println(READY + token);
    out.flush();
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    Path collected = reportsDir.resolve(COLLECTED);
    while (!Files.exists(collected) && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
