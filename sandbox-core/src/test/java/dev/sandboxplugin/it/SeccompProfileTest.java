package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.SandboxResult;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.policy.SeccompProfile;
import dev.sandboxplugin.verdict.Verdict;
import dev.sandboxplugin.verdict.ViolationKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Native hostile code against {@code seccomp-profiles/default.json} (refuses with EPERM) and {@code strict.json}
 * (kills with SIGSYS), with a control run that shows the filter is what refuses; and the JVM under strict.
 */
class SeccompProfileTest {

  private static final List<String> DENIED = List.of("mount", "umount2", "unshare", "setns", "ptrace", "bpf",
      "keyctl", "add_key", "perf_event_open", "kexec_load", "init_module", "open_by_handle_at", "userfaultfd",
      "clone-newuser");

  /** What {@code strict.json} kills the process for: the escape calls, without the clone flag case. */
  private static final List<String> KILLED_BY_STRICT = DENIED.subList(0, DENIED.indexOf("clone-newuser"));

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
    assertEquals(ViolationKind.SECCOMP, result.report().violations().get(0).kind());
  }

  @Test
  void strictProfileKillsTheProcessAtEachEscapeCall() {
    SandboxPolicy strict = SandboxPolicy.builder().seccompProfile(SeccompProfile.resolve("strict", workDir)).build();
    for (String call : KILLED_BY_STRICT) {
      SandboxRuns runs = new SandboxRuns(workDir);
      SandboxResult result = runs.run(new NativeProgramPayload(probe, List.of(call)), strict, Map.of());

      assertEquals(Verdict.SECCOMP_KILLED, result.report().verdict(), call + ": " + result.report().reason());
      assertEquals(159L, result.report().exitCode(), call);
      assertEquals(List.of(), runs.output, call + " returned instead of killing the process");
    }
  }

  @Test
  void strictProfileRefusesWhatItDoesNotListWithEperm() {
    SandboxPolicy strict = SandboxPolicy.builder().seccompProfile(SeccompProfile.resolve("strict", workDir)).build();
    SandboxRuns runs = new SandboxRuns(workDir);
    SandboxResult result = runs.run(new NativeProgramPayload(probe, List.of("clone-newuser", "acct", "clone3")),
        strict, Map.of());

    assertEquals(Verdict.PASSED, result.report().verdict(), result.report().reason());
    assertEquals(List.of("clone-newuser: EPERM", "acct: EPERM", "clone3: ENOSYS"), runs.output);
  }

  @Test
  void strictProfileStillRunsTheJvm() throws Exception {
    // The source launcher compiles in process; then threads, files in /tmp, a loopback server, GC and /proc.
    String source = """
        import java.net.*;
        import java.nio.file.*;
        import java.util.concurrent.*;

        public class UnderStrict {
          public static void main(String[] args) throws Exception {
            Path file = Files.createTempFile("strict", ".txt");
            Files.writeString(file, "written");
            ExecutorService pool = Executors.newFixedThreadPool(4);
            for (int i = 0; i < 16; i++) {
              pool.submit(() -> new byte[1 << 20].length);
            }
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.SECONDS);
            try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
              client.getOutputStream().write(42);
              System.out.println("loopback " + accepted.getInputStream().read());
            }
            System.gc();
            System.out.println(Files.readString(file) + " " + Files.readAllLines(Path.of("/proc/self/status")).size());
          }
        }
        """;
    SandboxPolicy strict = SandboxPolicy.builder().seccompProfile(SeccompProfile.resolve("strict", workDir)).build();
    SandboxRuns runs = new SandboxRuns(workDir);
    SandboxResult result = runs.runSource("UnderStrict", source, strict, Map.of());

    assertEquals(Verdict.PASSED, result.report().verdict(), result.report().reason() + " " + runs.output);
    assertTrue(runs.output.contains("loopback 42"), runs.output.toString());
    assertTrue(runs.output.stream().anyMatch(line -> line.startsWith("written ")), runs.output.toString());
  }
}
