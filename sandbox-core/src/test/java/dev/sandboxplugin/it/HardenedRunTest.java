package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.SandboxResult;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.report.RunReport;
import dev.sandboxplugin.verdict.Verdict;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and harmless payloads through the real engine, asserting the exact verdict and evidence. */
class HardenedRunTest {

  @TempDir Path workDir;

  @Test
  void harmlessProgramPassesAndTheEngineConfirmsEveryHardeningSetting() throws Exception {
    SandboxRuns runs = new SandboxRuns(workDir);
    SandboxResult result = runs.runSource("Hello", """
        public class Hello {
          public static void main(String[] args) {
            System.out.println("hello " + String.join(",", args) + " uid=" + System.getProperty("user.name"));
          }
        }
        """, SandboxPolicy.builder().build(), Map.of(), "a", "b");

    RunReport report = result.report();
    assertEquals(Verdict.PASSED, report.verdict(), report.reason());
    assertEquals(0L, report.exitCode());
    assertTrue(runs.output.contains("hello a,b uid=sandbox"), runs.output.toString());
    var hardening = report.hardening();
    assertTrue(hardening.readOnlyRootfs());
    assertEquals(java.util.List.of("ALL"), hardening.capDrop());
    assertTrue(hardening.securityOpt().contains("no-new-privileges"), hardening.securityOpt().toString());
    assertTrue(hardening.securityOpt().stream().anyMatch(o -> o.startsWith("seccomp=default sha256:")));
    // No network: the namespace of the network witness, which has only loopback and records what tries to leave.
    assertTrue(hardening.networkMode().startsWith("container:"), hardening.networkMode());
    assertEquals("network-sink", report.network().witness());
    assertEquals(512L << 20, hardening.memoryBytes());
    assertEquals(hardening.memoryBytes(), hardening.memorySwapBytes());
    assertEquals(1_000_000_000L, hardening.nanoCpus());
    assertEquals(128L, hardening.pidsLimit());
    assertEquals(Map.of("core", "0:0", "nofile", "1024:1024", "nproc", "1024:1024"), hardening.ulimits());
    assertEquals("rw,noexec,nosuid,nodev,size=67108864,nr_inodes=8192,mode=1777", hardening.tmpfs().get("/tmp"));
    assertEquals("rw,noexec,nosuid,nodev,size=16777216,nr_inodes=4096,mode=1777", hardening.tmpfs().get("/dev/shm"));
    assertEquals("65532:65532", hardening.user());
    assertTrue(hardening.init());
    assertTrue(!hardening.privileged());
  }
}
