package dev.sandboxplugin.testing;

import dev.sandboxplugin.progress.SandboxListener;

/** Shows a test run's results the way Maven users know them from Surefire: the {@code Results:} block. */
public final class TestResultsLog {

  private TestResultsLog() {}

  public static void show(TestRun run, SandboxListener listener) {
    listener.info("");
    listener.info("Results:");
    listener.info("");
    for (String failed : run.failed()) {
      listener.warn("  " + failed);
    }
    if (!run.failed().isEmpty()) {
      listener.info("");
    }
    if (run.failures() + run.errors() > 0) {
      listener.warn(run.summaryLine());
    } else {
      listener.info(run.summaryLine());
    }
    if (run.attribution() != null) {
      listener.warn("Attribution: " + run.attribution());
    }
  }
}
