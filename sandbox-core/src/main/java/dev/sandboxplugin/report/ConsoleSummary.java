package dev.sandboxplugin.report;

import dev.sandboxplugin.policy.PolicyDescription;
import dev.sandboxplugin.verdict.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The one-screen summary printed after a run. */
public final class ConsoleSummary {

  private static final int MAX_VIOLATIONS_SHOWN = 10;

  private ConsoleSummary() {}

  public static List<String> lines(RunReport report, String reportPath) {
    List<String> lines = new ArrayList<>();
    lines.add("------------------------------------------------------------------------");
    lines.add("SANDBOX " + report.verdict() + ": " + report.reason());
    lines.add("------------------------------------------------------------------------");
    if (report.payload() != null) {
      lines.add("Payload:    " + report.payload().description());
    }
    if (report.exitCode() != null) {
      lines.add("Exit code:  " + report.exitCode() + "   Duration: " + report.durationMs() + " ms");
    }
    Map<String, Object> policy = report.policy();
    if (policy != null) {
      lines.add("Limits:     " + PolicyDescription.limits(policy) + ", network " + policy.get("network")
          + (policy.containsKey("allow") ? " " + policy.get("allow") : ""));
    }
    if (policy != null && policy.get("sha256") != null) {
      lines.add("Policy:     " + policy.get("sha256")
          + (policy.get("file") != null ? " from " + policy.get("file") : ""));
    }
    if (report.network() != null && report.network().allowed() + report.network().denied() > 0) {
      lines.add("Network:    " + report.network().allowed() + " request(s) allowed, " + report.network().denied()
          + " denied by the egress proxy (all listed in the report)");
    }
    if (report.image() != null && report.imageBuild() != null) {
      lines.add("Image:      " + report.image() + (report.imageBuild().reused() ? " (unchanged, reused)" : " (built)"));
    }
    if (report.output() != null && report.output().truncated()) {
      lines.add("Output:     truncated: at least " + report.output().droppedBytes()
          + " bytes past the limit were not shown (sandbox.outputLimit)");
    }
    List<Violation> violations = report.violations() == null ? List.of() : report.violations();
    if (!violations.isEmpty()) {
      lines.add("Violations: " + violations.size());
      for (Violation violation : violations.subList(0, Math.min(violations.size(), MAX_VIOLATIONS_SHOWN))) {
        lines.add("  - " + violation.kind() + ": " + violation.detail()
            + (violation.test() != null ? " [test " + violation.test() + "]" : "")
            + (violation.stack().isEmpty() ? "" : " at " + violation.stack().get(0))
            + (violation.source() != null ? " (seen by: " + violation.source().label() + ")" : ""));
      }
      if (violations.size() > MAX_VIOLATIONS_SHOWN) {
        lines.add("  ... and " + (violations.size() - MAX_VIOLATIONS_SHOWN) + " more in the report");
      }
      String witnesses = Witnesses.describe(violations);
      if (witnesses != null) {
        lines.add("Witnesses:  " + witnesses);
      }
    }
    RunReport.Network network = report.network();
    if (network != null && network.witnessGaps() != null && !network.witnessGaps().isEmpty()) {
      lines.add("Network:    the witness may have missed some: " + String.join("; ", network.witnessGaps()));
    } else if (network != null && !network.watchedFromOutside()) {
      lines.add("Network:    " + network.witness()); // why nothing outside the payload watched its network
    }
    List<Violation> notices = report.notices() == null ? List.of() : report.notices();
    if (!notices.isEmpty()) {
      lines.add("Noted:      " + notices.size() + " action(s) that are not breaches, e.g. " + notices.get(0).kind()
          + ": " + notices.get(0).detail() + (notices.get(0).test() != null ? " [test " + notices.get(0).test() + "]"
          : ""));
    }
    lines.add("Report:     " + reportPath);
    return lines;
  }
}
