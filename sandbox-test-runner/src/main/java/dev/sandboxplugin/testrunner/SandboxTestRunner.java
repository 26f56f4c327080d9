package dev.sandboxplugin.testrunner;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;

import dev.sandboxplugin.agent.Attribution;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the project's tests on the JUnit Platform inside the sandbox, writes Surefire-compatible reports and what
 * the agent saw, and hands them to the host.
 *
 * <p>Usage: {@code SandboxTestRunner --reports <dir> --scan <test-classes dir> [--test <selection>]}; the host's
 * token for the hand-over comes in {@code SANDBOX_REPORTS_TOKEN}. Exit code: 0 all passed, 1 failures or errors,
 * 2 no test matched an explicit selection, 3 the runner itself failed.
 */
public final class SandboxTestRunner {

  static final int ALL_PASSED = 0;
  static final int TESTS_FAILED = 1;
  static final int NOTHING_SELECTED = 2;
  static final int RUNNER_FAILED = 3;

  private SandboxTestRunner() {}

  public static void main(String[] args) {
    Path reportsDir = null;
    List<Path> scanRoots = new ArrayList<>();
    String selectionText = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--reports" -> reportsDir = Path.of(args[i + 1]);
        case "--scan" -> scanRoots.add(Path.of(args[i + 1]));
        case "--test" -> selectionText = args[i + 1];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    PrintWriter console = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
        StandardCharsets.UTF_8), true);
    int exitCode = run(reportsDir, scanRoots, selectionText, System.getenv("SANDBOX_REPORTS_TOKEN"), console);
    Attribution.ownExit();
    System.exit(exitCode);
  }

  static int run(Path reportsDir, List<Path> scanRoots, String selectionText, String token, PrintWriter console) {
    TestSelection selection;
    try {
      selection = TestSelection.parse(selectionText);
      Files.createDirectories(reportsDir);
    } catch (IllegalArgumentException | IOException e) {
      console.println("sandbox test runner: " + e.getMessage());
      return RUNNER_FAILED;
    }
    SurefireXmlReport report = new SurefireXmlReport(reportsDir, console);
    AtomicBoolean finished = new AtomicBoolean();
    // A test that calls System.exit ends the JVM mid-run: the reports are still written and handed over.
    Thread onExit = new Thread(() -> {
      if (finished.compareAndSet(false, true)) {
        report.abortRunning("the test JVM was made to exit while this test ran (System.exit in the test?)");
        finish(reportsDir, token, console);
      }
    }, "sandbox-report-on-exit");
    Runtime.getRuntime().addShutdownHook(onExit);

    Attribution.arm();
    Set<Path> roots = new LinkedHashSet<>(scanRoots);
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClasspathRoots(roots))
        .filters(selection)
        .build();
    Launcher launcher = LauncherFactory.create();
    TestPlan plan = launcher.discover(request);
    if (!plan.containsTests()) {
      console.println(selection.explicit() ? "No tests matched the selection: " + selectionText
          : "No tests found in " + roots);
    }
    launcher.execute(plan, report);
    if (!finished.compareAndSet(false, true)) {
      return RUNNER_FAILED;
    }
    report.sendEnd();
    Runtime.getRuntime().removeShutdownHook(onExit);
    finish(reportsDir, token, console);
    int[] totals = report.totals();
    if (totals[0] == 0 && selection.explicit()) {
      return NOTHING_SELECTED;
    }
    return totals[1] + totals[2] > 0 ? TESTS_FAILED : ALL_PASSED;
  }

  private static void finish(Path reportsDir, String token, PrintWriter console) {
    try {
      AttemptsFile.write(reportsDir, Attribution.attempts(), Attribution.dropped(), Attribution.unavailableReason());
    } catch (IOException e) {
      console.println("sandbox test runner: cannot write " + AttemptsFile.NAME + ": " + e.getMessage());
    }
    console.flush();
    ReportHandOver.handOver(reportsDir, token);
  }
}
