package dev.sandboxplugin.scan;

import dev.sandboxplugin.run.SafeText;
import java.util.ArrayList;
import java.util.List;

/** The per-commit table of a scan for the console: commit, author, rule, tests run, verdict, violations. */
public final class ScanTable {

  private static final int AUTHOR_WIDTH = 40;
  private static final int RULE_WIDTH = 28;

  private ScanTable() {}

  /** The table's lines, the header first; the authors' text escaped (it is the commit's to choose). */
  public static List<String> lines(ScanReport report) {
    List<String> lines = new ArrayList<>();
    String format = "%-8s %-" + AUTHOR_WIDTH + "s %-" + RULE_WIDTH + "s %5s  %-14s %s";
    lines.add(String.format(format, "Commit", "Author", "Rule", "Tests", "Verdict", "Violations"));
    for (ScanReport.CommitResult commit : report.commits()) {
      lines.add(String.format(format, commit.shortId(), fit(commit.author(), AUTHOR_WIDTH),
          fit(String.join(",", commit.rules().stream().map(RuleMatch::rule).distinct().toList()), RULE_WIDTH),
          commit.testsRun(), verdict(commit), commit.violations().size()));
    }
    return lines;
  }

  static String verdict(ScanReport.CommitResult commit) {
    return commit.verdict() == null ? "NOT_RUN" : commit.verdict().name();
  }

  private static String fit(String text, int width) {
    String safe = SafeText.forLog(text);
    return safe.length() <= width ? safe : safe.substring(0, width - 3) + "...";
  }
}
