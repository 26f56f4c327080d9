package dev.sandboxplugin.report;

import dev.sandboxplugin.payload.PayloadKind;
import dev.sandboxplugin.verdict.Verdict;
import dev.sandboxplugin.verdict.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reports as Sandbox.run makes them, for the writers' tests. */
final class ReportSamples {

  private ReportSamples() {}

  static RunReport report(Verdict verdict, String reason, String mode, List<Violation> violations) {
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("memory", "256m");
    policy.put("cpus", 0.5);
    policy.put("pids", 64);
    policy.put("timeout", "1m");
    policy.put("tmpfsSize", "64m");
    policy.put("network", "none");
    policy.put("writablePaths", List.of(Map.of("path", "/app/out", "size", "16m")));
    policy.put("mode", mode);
    policy.put("seccomp", "strict sha256:abc");
    policy.put("sha256", "sha256:0123");
    policy.put("file", "/work/project/sandbox-policy.yaml");
    return new RunReport(1, verdict, reason, verdict == Verdict.ERROR ? null : 1L, 870, "2026-01-01T00:00:00Z",
        new RunReport.Payload(PayloadKind.MAIN, "main class com.example.Tool", List.of("java", "com.example.Tool")),
        "sha256:feed", null, policy, null, violations, null, "unix:///var/run/docker.sock", null, null);
  }
}
