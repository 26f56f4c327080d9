package dev.sandboxplugin.report;

import dev.sandboxplugin.files.AtomicFile;
import dev.sandboxplugin.policy.PolicyDescription;
import dev.sandboxplugin.verdict.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes {@code summary.md}: the verdict, the limits and a table of violations, short enough for a CI job summary
 * ({@code $GITHUB_STEP_SUMMARY}). Every value the payload could have influenced is escaped ({@link MarkdownText}).
 */
public final class MarkdownSummary {

  public static final String FILE = "summary.md";
  private static final int MAX_VIOLATIONS_SHOWN = 50;

  private MarkdownSummary() {}

  /** Writes the summary of {@code report} into {@code reportDir}. */
  public static Path write(RunReport report, Path reportDir) throws IOException {
    return AtomicFile.write(reportDir, FILE, toMarkdown(report).getBytes(StandardCharsets.UTF_8));
  }

  /** The summary as Markdown text. */
  public static String toMarkdown(RunReport report) {
    StringBuilder md = new StringBuilder();
    md.append("## Sandbox: ").append(report.verdict()).append("\n\n");
    md.append(MarkdownText.escape(report.reason())).append("\n\n");
    md.append("| | |\n|---|---|\n");
    if (report.payload() != null) {
      row(md, "Payload", MarkdownText.escape(report.payload().description()));
    }
    if (report.exitCode() != null) {
      row(md, "Exit code", String.valueOf(report.exitCode()));
      row(md, "Duration", report.durationMs() + " ms");
    }
    Map<String, Object> policy = report.policy();
    if (policy != null) {
      row(md, "Limits", MarkdownText.escape(PolicyDescription.limits(policy)));
      row(md, "Network", MarkdownText.escape(String.valueOf(policy.get("network"))
          + (policy.get("allow") instanceof List<?> allow ? " " + allow : "")));
      if (policy.get("writablePaths") instanceof List<?> writable) {
        row(md, "Writable", MarkdownText.escape("/tmp, " + writable.stream()
            .map(entry -> entry instanceof Map<?, ?> path ? path.get("path") + " (" + path.get("size") + ")"
                : String.valueOf(entry))
            .collect(Collectors.joining(", "))));
      }
      row(md, "Mode", MarkdownText.escape(String.valueOf(policy.get("mode"))));
      row(md, "Seccomp", MarkdownText.escape(String.valueOf(policy.get("seccomp"))));
      if (policy.get("sha256") != null) {
        row(md, "Policy", MarkdownText.escape(policy.get("sha256")
            + (policy.get("file") != null ? " from " + policy.get("file") : "")));
      }
    }
    if (report.output() != null && report.output().truncated()) {
      row(md, "Output", "truncated: at least " + report.output().droppedBytes() + " bytes not shown");
    }
    List<Violation> violations = report.violations() == null ? List.of() : report.violations();
    md.append("\n### Violations: ").append(violations.size()).append("\n\n");
    if (violations.isEmpty()) {
      md.append("None seen.\n");
      return md.toString();
    }
    md.append("| # | Kind | Detail | Seen by |\n|---|---|---|---|\n");
    for (int i = 0; i < Math.min(violations.size(), MAX_VIOLATIONS_SHOWN); i++) {
      Violation violation = violations.get(i);
      md.append("| ").append(i + 1).append(" | ").append(MarkdownText.escape(violation.kind().name())).append(" | ")
          .append(MarkdownText.escape(violation.detail())).append(" | ")
          .append(violation.source() == null ? "" : violation.source().label()).append(" |\n");
    }
    if (violations.size() > MAX_VIOLATIONS_SHOWN) {
      md.append("\n").append(violations.size() - MAX_VIOLATIONS_SHOWN).append(" more in report.json.\n");
    }
    String witnesses = Witnesses.describe(violations);
    if (witnesses != null) {
      md.append("\n").append(MarkdownText.escape(witnesses)).append("\n");
    }
    return md.toString();
  }

  private static void row(StringBuilder md, String name, String escapedValue) {
    md.append("| ").append(name).append(" | ").append(escapedValue).append(" |\n");
  }
}
