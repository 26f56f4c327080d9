package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.SandboxResult;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.policy.SeccompProfile;
import dev.sandboxplugin.verdict.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Native hostile code against {@code seccomp-profiles/default.json}, with a control run that shows the filter is what refuses. */
class SeccompProfileTest {

  private static final List<String> DENIED = List.of("mount", "umount2", "unshare", "setns", "ptrace", "bpf",
      "keyctl", "add_key", "perf_event_open", "kexec_load", "init_module", "open_by_handle_at", "userfaultfd",
      "clone-newuser");

  @TempDir static Path buildDir;
  static Path probe;

  @TempDir Path workDir;

  @BeforeAll
  static void compileProbe() throws Exception {
    probe = NativeProgramPayload.compile("probes/syscall-probe.c", buildDir);
  }

  @Test
  void defaultProfileRefusesEveryEscapeCallWithEpermAndClone3WithEnosys() {
    SandboxRuns runs = new SandboxRuns(workDir);
    List<String> calls = new java.util.ArrayList<>(DENIED);
    calls.add("clone3");
    SandboxResult result = runs.run(new NativeProgramPayload(probe, calls), SandboxPolicy.builder().build(), Map.of());

    assertEquals(Verdict.PASSED, result.report().verdict(), result.report().reason());
    for (String call : DENIED) {
      assertTrue(runs.output.contains(call + ": EPERM"), call + " was not refused: " + runs.output);
    }
    assertTrue(runs.output.contains("clone3: ENOSYS"), runs.output.toString());
  }

  @Test
  void withoutTheDefaultProfileTheSameUnprivilegedCallsSucceed() throws Exception {
    // Control: a profile that denies only acct. Dropped capabilities alone do not stop these calls.
    Path permissive = workDir.resolve("only-acct.json");
    Files.writeString(permissive, """
        {"defaultAction": "SCMP_ACT_ALLOW",
         "syscalls": [{"names": ["acct"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1}]}
        """);
    SandboxRuns runs = new SandboxRuns(workDir);
    SandboxPolicy policy = SandboxPolicy.builder().seccompProfile(SeccompProfile.resolve(permissive.toString(), workDir)).build();
    runs.run(new NativeProgramPayload(probe, List.of("unshare", "ptrace", "keyctl", "add_key")), policy, Map.of());

    assertEquals(List.of("unshare: OK", "ptrace: OK", "keyctl: OK", "add_key: OK"), runs.output);
  }

  @Test
  void aProfileThatKillsGivesVerdictSeccompKilled() throws Exception {
    Path killing = workDir.resolve("kill-acct.json");
    Files.writeString(killing, """
        {"defaultAction": "SCMP_ACT_ALLOW",
         "syscalls": [{"names": ["acct"], "action": "SCMP_ACT_KILL_PROCESS"}]}
        """);
    SandboxRuns runs = new SandboxRuns(workDir);
    SandboxPolicy policy = SandboxPolicy.builder().seccompProfile(SeccompProfile.resolve(killing.toString(), workDir)).build();
    SandboxResult result = runs.run(new NativeProgramPayload(probe, List.of("acct")), policy, Map.of());

    assertEquals(Verdict.SECCOMP_KILLED, result.report().verdict(), result.report().reason());
    assertEquals(159L, result.report().exitCode());
    assertEquals("SECCOMP", result.report().violations().get(0).kind());
  }
}
