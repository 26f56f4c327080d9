package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.SandboxResult;
import dev.sandboxplugin.policy.MemorySize;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.policy.SeccompProfile;
import dev.sandboxplugin.report.RunReport;
import dev.sandboxplugin.verdict.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What scripts get from the engine's own facts, with no help from the interpreter's wording: the kernel's OOM
 * kill, the deadline, a seccomp kill. One language is enough: none of these reads the script's output.
 */
class ScriptLimitTest {

  @TempDir Path workDir;

  @Test
  void aMemoryBombIsKilledByTheKernelAndJudgedOom() throws Exception {
    SandboxRuns runs = new SandboxRuns(workDir);
    SandboxResult result = runs.runScript("hoard.py", """
        hoard = []
        while True:
            hoard.append(b"x" * (16 << 20))  # written, so the pages count
        """, SandboxPolicy.builder().memory(MemorySize.ofMegabytes(96)).build(), Map.of());

    RunReport report = result.report();
    assertEquals(Verdict.OOM, report.verdict(), report.reason());
    assertEquals("the kernel killed the payload at the 96m memory limit", report.violations().get(0).detail());
    assertEquals(137L, report.exitCode());
  }

  @Test
  void aScriptThatNeverEndsIsKilledAtTheDeadline() throws Exception {
    SandboxRuns runs = new SandboxRuns(workDir);
    SandboxResult result = runs.runScript("forever.sh", """
        echo waiting
        while :; do sleep 1; done
        """, SandboxPolicy.builder().timeout(Duration.ofSeconds(2)).build(), Map.of());

    RunReport report = result.report();
    assertEquals(Verdict.TIMEOUT, report.verdict(), report.reason());
    assertTrue(report.durationMs() >= 2000 && report.durationMs() < 4000, "killed after " + report.durationMs() + " ms");
  }

  @Test
  void aForbiddenCallUnderAKillingProfileIsSeccompKilled() throws Exception {
    Path profile = workDir.resolve("kill-mkdir.json");
    Files.writeString(profile, """
        {"defaultAction": "SCMP_ACT_ALLOW",
         "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_KILL_PROCESS"}]}
        """);
    SandboxRuns runs = new SandboxRuns(workDir);
    SandboxPolicy policy = SandboxPolicy.builder()
        .seccompProfile(SeccompProfile.resolve(profile.toString(), workDir)).build();
    SandboxResult result = runs.runScript("mkdir.js", """
        require("fs").mkdirSync("/tmp/stash");
        console.log("not reached");
        """, policy, Map.of());

    RunReport report = result.report();
    assertEquals(Verdict.SECCOMP_KILLED, report.verdict(), report.reason());
    assertEquals(159L, report.exitCode());
    assertTrue(runs.output.stream().noneMatch(line -> line.contains("not reached")), runs.output.toString());
  }
}
