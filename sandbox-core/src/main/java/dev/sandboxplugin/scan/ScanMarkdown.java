package dev.sandboxplugin.scan;

import dev.sandboxplugin.report.MarkdownText;
import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The scan as Markdown, for a CI job's summary ({@code $GITHUB_STEP_SUMMARY}) or a merge request note: the verdict,
 * then one row per flagged commit, then each violation. Every text from a commit or a payload is escaped.
 */
public final class ScanMarkdown {

  private static final int MAX_VIOLATIONS_LISTED = 50;

  private ScanMarkdown() {}

  public static String render(ScanReport report) {
    List<String> lines = new ArrayList<>();
    lines.add("## Sandbox scan: " + report.verdict());
    lines.add("");
    lines.add(MarkdownText.escape(report.reason()) + " (range `" + report.range().replace("`", "") + "`)");
    lines.add("");
    if (!report.commits().isEmpty()) {
      lines.add("| Commit | Author | Rule | Tests run | Verdict | Violations |");
      lines.add("|---|---|---|---:|---|---:|");
      for (ScanReport.CommitResult commit : report.commits()) {
        lines.add("| `" + commit.shortId() + "` " + MarkdownText.escape(commit.subject()) + " | "
            + MarkdownText.escape(commit.author()) + " | "
            + MarkdownText.escape(String.join(", ", commit.rules().stream().map(RuleMatch::rule).distinct().toList()))
            + " | " + commit.testsRun() + " | " + ScanTable.verdict(commit) + " | " + commit.violations().size() + " |");
      }
      lines.add("");
    }
    int listed = 0;
    for (ScanReport.CommitResult commit : report.commits()) {
      for (Violation violation : commit.violations()) {
        if (listed++ == MAX_VIOLATIONS_LISTED) {
          lines.add("- ... more in `scan.json`");
          break;
        }
        lines.add("- `" + commit.shortId() + "` **" + MarkdownText.escape(violation.kind().name()) + "**: "
            + MarkdownText.escape(violation.detail())
            + (violation.test() == null ? "" : " (test " + MarkdownText.escape(violation.test()) + ")"));
      }
    }
    if (!report.configChanges().isEmpty()) {
      lines.add("");
      lines.add("Changes of the sandbox's configuration or the build's entry points (not applied to this run):");
      lines.add("");
      for (ScanReport.ConfigChange change : report.configChanges().stream().limit(MAX_VIOLATIONS_LISTED).toList()) {
        lines.add("- `" + change.shortId() + "` " + MarkdownText.escape(change.author()) + ": **"
            + ViolationKind.CONFIG_CHANGE + "** " + MarkdownText.escape(change.path() + ":" + change.line()) + ", "
            + MarkdownText.escape(change.what()));
      }
    }
    if (report.testRun() != null) {
      lines.add("");
      lines.add("Tests: " + report.testRun().run() + " run, " + report.testRun().failures() + " failed, "
          + report.testRun().errors() + " errors, " + report.testRun().skipped() + " skipped.");
    }
    return String.join("\n", lines) + "\n";
  }
}
