package dev.sandboxplugin.scan;

import dev.sandboxplugin.verdict.Evidence;
import dev.sandboxplugin.verdict.Verdict;
import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.util.List;

/**
 * The account of one scan, written as {@code target/sandbox/scan.json}. The field names are a format other tools
 * read: add fields, never rename them.
 *
 * @param range the commits scanned, as given
 * @param verdict the worst verdict of the flagged commits; PASSED when none was flagged or nothing ran
 * @param reason one line saying why
 * @param commitsScanned commits in the range
 * @param testRun the one build in the sandbox for the flagged commits (with their tests, or without tests when they
 *     changed only the build), or null when nothing of theirs needed one
 * @param commits one entry per flagged commit, oldest first
 * @param configChanges every commit of the range, flagged or not, that changed the sandbox's configuration or the
 *     build's entry points ({@link ConfigChanges})
 */
public record ScanReport(int schemaVersion, String range, Verdict verdict, String reason, int commitsScanned,
    TestRunSummary testRun, List<CommitResult> commits, List<ConfigChange> configChanges) {

  public ScanReport {
    commits = List.copyOf(commits);
    configChanges = configChanges == null ? List.of() : List.copyOf(configChanges);
  }

  /** A scan with no configuration change found. */
  public ScanReport(int schemaVersion, String range, Verdict verdict, String reason, int commitsScanned,
      TestRunSummary testRun, List<CommitResult> commits) {
    this(schemaVersion, range, verdict, reason, commitsScanned, testRun, commits, List.of());
  }

  /**
   * One change of the sandbox's configuration or of a build entry point.
   *
   * @param author {@code Name <email>}, as the commit says (untrusted text)
   * @param path repository-relative
   * @param line the first line it changed, 1-based
   * @param what what the file is, e.g. "the sandbox's policy file"
   */
  public record ConfigChange(String commit, String shortId, String author, String path, int line, String what) {

    /** As a violation of the scan's, for SARIF, Code Quality and the console. */
    public Violation asViolation() {
      return new Violation(ViolationKind.CONFIG_CHANGE, "commit " + shortId + " changes " + what + " (" + path + ":"
          + line + "); it does not apply to this run, whose configuration comes from a trusted place", Evidence.HOST);
    }
  }

  /**
   * The shared test run.
   *
   * @param selection the {@code -Dtest=} selection it ran
   * @param report its {@code report.json}
   * @param reportsDirectory its Surefire-format XML reports
   */
  public record TestRunSummary(String selection, Verdict verdict, String reason, String report,
      String reportsDirectory, int run, int failures, int errors, int skipped) {}

  /**
   * One flagged commit and what its code did in the sandbox.
   *
   * @param author {@code Name <email>}, as the commit says (untrusted text)
   * @param rules the rules that fired
   * @param tests the test classes its changes mapped to
   * @param testsRun test cases of those classes that ran
   * @param scripts its scripts and how each ended
   * @param verdict the worst of its tests' and scripts' outcomes; null when nothing of it could run
   * @param violations the breaches of its tests (by the agent's attribution) and scripts, and those of the test
   *     run that no test could be named for
   * @param notes changed files that map to nothing that runs, and why
   */
  public record CommitResult(String commit, String shortId, String author, String committer, String subject,
      List<RuleMatch> rules, List<String> tests, int testsRun, int failures, int errors, int skipped,
      List<ScriptResult> scripts, Verdict verdict, List<Violation> violations, List<String> notes) {}

  /**
   * One script a flagged commit changed.
   *
   * @param path repository-relative
   * @param verdict null when it did not run
   * @param reason how it ended, or why it did not run
   * @param report its {@code report.json}, or null
   */
  public record ScriptResult(String path, Verdict verdict, String reason, String report) {}
}
