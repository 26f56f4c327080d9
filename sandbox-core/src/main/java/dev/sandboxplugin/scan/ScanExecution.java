package dev.sandboxplugin.scan;

import dev.sandboxplugin.SandboxResult;
import dev.sandboxplugin.report.RunReport;
import dev.sandboxplugin.verdict.Verdict;
import dev.sandboxplugin.verdict.Violation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a {@link ScanPlan}: the flagged commits' tests in one sandbox run, each of their scripts in a run of its own,
 * then gives each commit the outcome of its own tests (by the test reports and the agent's attribution) and scripts.
 */
public final class ScanExecution {

  private static final int SCHEMA_VERSION = 1;

  /** How the sandbox runs are made; the Maven plugin builds the payloads and specs. */
  public interface Runs {

    /** One sandbox run of the project's tests with a {@code -Dtest=} selection. */
    SandboxResult tests(String selection);

    /**
     * One sandbox run of a script, or empty when there is no payload that runs this kind of script.
     *
     * @param repositoryPath the script's path relative to the repository's root
     */
    Optional<SandboxResult> script(String repositoryPath);

    /**
     * One sandbox run of the project's build without its tests, for flagged commits that change the build but no
     * test; empty where the scan does not build the tree (a scan in the project, which the host has built).
     */
    default Optional<SandboxResult> build() {
      return Optional.empty();
    }
  }

  private ScanExecution() {}

  /** Runs what {@code plan} names with {@code runs} and sums it up per commit. */
  public static ScanReport run(ScanPlan plan, Runs runs) throws IOException {
    return run(plan, runs, List.of());
  }

  /**
   * As {@link #run(ScanPlan, Runs)}, with the range's changes of the sandbox's configuration: any of them makes the
   * scan a {@code VIOLATION}, whatever ran.
   */
  public static ScanReport run(ScanPlan plan, Runs runs, List<ScanReport.ConfigChange> configChanges)
      throws IOException {
    String selection = plan.testSelection();
    // One build runs every flagged change: with the tests they touched, else without tests when they changed the
    // build itself (a plugin execution, an extension, an annotation processor runs there).
    SandboxResult tests = selection != null ? runs.tests(selection)
        : plan.changesTheBuild() ? runs.build().orElse(null) : null;
    TestCaseCounts counts = TestCaseCounts.read(tests == null || tests.report().tests() == null ? null
        : Path.of(tests.report().tests().reportsDirectory()));
    Map<String, ScanReport.ScriptResult> scripts = new HashMap<>();
    Map<String, List<Violation>> scriptViolations = new HashMap<>();
    for (String script : plan.scripts()) {
      Optional<SandboxResult> result = runs.script(script);
      if (result.isEmpty()) {
        scripts.put(script, new ScanReport.ScriptResult(script, null,
            "not run: no sandbox payload for this kind of script yet", null));
        scriptViolations.put(script, List.of());
      } else {
        RunReport report = result.get().report();
        scripts.put(script, new ScanReport.ScriptResult(script, report.verdict(), report.reason(),
            result.get().reportFile().toString()));
        scriptViolations.put(script, report.violations());
      }
    }
    List<ScanReport.CommitResult> commits = new ArrayList<>();
    Verdict overall = Verdict.PASSED;
    for (FlaggedCommit flagged : plan.flagged()) {
      ScanReport.CommitResult result = result(flagged, tests, selection == null, counts, scripts, scriptViolations);
      commits.add(result);
      overall = VerdictOrder.worst(overall, result.verdict());
    }
    String reason = reason(plan, commits, overall);
    if (!configChanges.isEmpty()) {
      overall = VerdictOrder.worst(overall, Verdict.VIOLATION);
      reason = reason + "; " + configChanges.size() + " change(s) of the sandbox's configuration or the build's"
          + " entry points (" + String.join(", ", configChanges.stream()
              .map(change -> change.shortId() + " " + change.path()).distinct().limit(5).toList()) + ")";
    }
    return new ScanReport(SCHEMA_VERSION, plan.range().toString(), overall, reason, plan.scanned(),
        summary(selection, tests), commits, configChanges);
  }

  private static ScanReport.CommitResult result(FlaggedCommit flagged, SandboxResult tests, boolean buildOnly,
      TestCaseCounts counts, Map<String, ScanReport.ScriptResult> scripts,
      Map<String, List<Violation>> scriptViolations) {
    List<String> classes = flagged.targets().testClasses();
    List<String> notes = new ArrayList<>(flagged.targets().notes());
    Verdict verdict = null;
    List<Violation> violations = new ArrayList<>();
    TestCaseCounts.Counts mine = TestCaseCounts.Counts.NONE;
    if (!classes.isEmpty() && tests != null) {
      RunReport report = tests.report();
      for (String testClass : classes) {
        mine = mine.plus(counts.of(testClass));
      }
      boolean unattributed = false;
      for (Violation violation : report.violations()) {
        if (violation.test() == null) {
          // A timeout, the memory limit, a refused report: the run's, so every commit in it is named.
          violations.add(violation);
          unattributed = true;
        } else if (classes.stream().anyMatch(c -> belongsTo(violation.test(), c))) {
          violations.add(violation);
        }
      }
      if (report.verdict() == Verdict.ERROR) {
        verdict = Verdict.ERROR;
      } else if (violations.stream().anyMatch(v -> v.test() != null)) {
        verdict = Verdict.VIOLATION;
      } else if (unattributed && !report.verdict().passed() && report.verdict() != Verdict.FAILED) {
        verdict = report.verdict();
      } else if (mine.failures() + mine.errors() > 0 || (mine.run() == 0 && report.verdict() == Verdict.FAILED)) {
        verdict = Verdict.FAILED;
      } else if (mine.run() == 0) {
        // Nothing of it ran (an abstract class named like a test, a class with no tests): not a pass.
        notes.add(String.join(", ", classes) + ": no test case ran");
      } else {
        verdict = Verdict.PASSED;
      }
    }
    if (classes.isEmpty() && !flagged.targets().buildFiles().isEmpty()) {
      if (tests == null) {
        notes.add(String.join(", ", flagged.targets().buildFiles()) + ": changes the build, which this scan does not"
            + " run (scan from outside the project, -Dsandbox.project, to build it in the sandbox)");
      } else {
        verdict = buildVerdict(tests.report(), buildOnly, violations);
      }
    }
    List<ScanReport.ScriptResult> myScripts = new ArrayList<>();
    for (String script : flagged.targets().scripts()) {
      ScanReport.ScriptResult scriptResult = scripts.get(script);
      myScripts.add(scriptResult);
      verdict = VerdictOrder.worst(verdict, scriptResult.verdict());
      violations.addAll(scriptViolations.get(script));
    }
    ScannedCommit commit = flagged.commit();
    return new ScanReport.CommitResult(commit.id(), commit.shortId(), commit.author(), commit.committer(),
        commit.subject(), flagged.matches(), classes, mine.run(), mine.failures(), mine.errors(), mine.skipped(),
        myScripts, verdict, violations, notes);
  }

  // A commit that changed the build but no test: what the build did outside any test is its (a processor, a plugin
  // execution); a failing build is its when nothing but the build ran, or no test ran at all.
  private static Verdict buildVerdict(RunReport report, boolean buildOnly, List<Violation> violations) {
    report.violations().stream().filter(violation -> violation.test() == null).forEach(violations::add);
    Verdict verdict = report.verdict();
    if (verdict == Verdict.ERROR || (!verdict.passed() && verdict != Verdict.FAILED && verdict != Verdict.VIOLATION)) {
      return verdict;
    }
    if (!violations.isEmpty()) {
      return Verdict.VIOLATION;
    }
    boolean noTestRan = report.tests() == null || report.tests().run() == 0;
    return verdict == Verdict.FAILED && (buildOnly || noTestRan) ? Verdict.FAILED : Verdict.PASSED;
  }

  // The agent names tests "a.b.XTest#method"; nested classes "a.b.XTest$Inner#method".
  private static boolean belongsTo(String test, String testClass) {
    return test.startsWith(testClass + "#") || test.startsWith(testClass + "$") || test.equals(testClass);
  }

  private static ScanReport.TestRunSummary summary(String selection, SandboxResult tests) {
    if (tests == null) {
      return null;
    }
    RunReport report = tests.report();
    RunReport.Tests counts = report.tests();
    return new ScanReport.TestRunSummary(selection, report.verdict(), report.reason(), tests.reportFile().toString(),
        counts == null ? null : counts.reportsDirectory(), counts == null ? 0 : counts.run(),
        counts == null ? 0 : counts.failures(), counts == null ? 0 : counts.errors(),
        counts == null ? 0 : counts.skipped());
  }

  private static String reason(ScanPlan plan, List<ScanReport.CommitResult> commits, Verdict overall) {
    String scanned = plan.scanned() + " commit(s) scanned, " + commits.size() + " flagged as AI-written";
    if (commits.isEmpty()) {
      return scanned;
    }
    long ran = commits.stream().filter(c -> c.verdict() != null).count();
    if (ran == 0) {
      return scanned + "; nothing of theirs could run (no test, tested class, script or build file changed, or no"
          + " test case ran)";
    }
    if (overall.passed()) {
      return scanned + "; the code of " + ran + " ran in the sandbox and passed";
    }
    List<String> bad = commits.stream().filter(c -> c.verdict() != null && !c.verdict().passed())
        .map(c -> c.shortId() + " " + c.verdict()).toList();
    return scanned + "; " + String.join(", ", bad);
  }
}
