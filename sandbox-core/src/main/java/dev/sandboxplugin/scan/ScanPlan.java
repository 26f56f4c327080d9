package dev.sandboxplugin.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a scan will run: the commits of the range the rules flagged, the test classes they touched (one sandbox run
 * for all of them) and their scripts (a run each).
 *
 * @param scanned how many commits the range had
 */
public record ScanPlan(CommitRange range, int scanned, List<FlaggedCommit> flagged) {

  public ScanPlan {
    flagged = List.copyOf(flagged);
  }

  /** Flags the commits of {@code commits} that a rule fires on, and maps their changes with {@code layout}. */
  public static ScanPlan of(CommitRange range, List<ScannedCommit> commits, AiCommitRules rules, ProjectLayout layout) {
    List<FlaggedCommit> flagged = new ArrayList<>();
    for (ScannedCommit commit : commits) {
      List<RuleMatch> matches = rules.match(commit);
      if (!matches.isEmpty()) {
        flagged.add(new FlaggedCommit(commit, matches, layout.targets(commit.changes())));
      }
    }
    return new ScanPlan(range, commits.size(), flagged);
  }

  /** Every flagged commit's test classes, sorted. */
  public Set<String> testClasses() {
    Set<String> classes = new TreeSet<>();
    flagged.forEach(commit -> classes.addAll(commit.targets().testClasses()));
    return classes;
  }

  /**
   * The selection for the one test run in Surefire's {@code -Dtest=} syntax ({@code a.XTest,a.YTest}), or null
   * when no flagged commit touched a test.
   */
  public String testSelection() {
    Set<String> classes = testClasses();
    return classes.isEmpty() ? null : String.join(",", classes);
  }

  /** Whether a flagged commit changed what the build itself reads (a POM, {@code .mvn/}, main code). */
  public boolean changesTheBuild() {
    return flagged.stream().anyMatch(commit -> !commit.targets().buildFiles().isEmpty());
  }

  /** Every flagged commit's scripts (repository-relative), sorted. */
  public Set<String> scripts() {
    Set<String> scripts = new TreeSet<>();
    flagged.forEach(commit -> scripts.addAll(commit.targets().scripts()));
    return scripts;
  }
}
