package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sandboxplugin.SandboxResult;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.verdict.Verdict;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gVisor as the runtime: a payload runs under runsc with the whole hardening, and runsc registered without
 * {@code --oci-seccomp} (so without the seccomp profile) is refused by the preflight: it fails closed.
 */
class GvisorRuntimeTest {

  private static final String HELLO = """
      public class Hello {
        public static void main(String[] args) throws Exception {
          System.out.println("kernel: " + new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/version"))).trim());
        }
      }
      """;

  @TempDir
  Path work;

  @Test
  void runsUnderGvisorWithTheHardeningInEffect() throws Exception {
    assumeTrue(HostileCorpusTest.engineHasRuntime("runsc"), "scripts/ensure-runsc registers runsc");
    SandboxRuns runs = new SandboxRuns(work);
    SandboxResult result = runs.runSource("Hello", HELLO, SandboxPolicy.builder().runtime("runsc").build(), Map.of());
    assertEquals(Verdict.PASSED, result.report().verdict(), result.report().reason());
    assertEquals("runsc", result.report().policy().get("runtime"));
    // gVisor's own kernel answers, not the host's.
    assertTrue(runs.output.stream().anyMatch(line -> line.startsWith("kernel: Linux version 4.4.0")), runs.output.toString());
  }

  @Test
  void gvisorWithoutTheSeccompProfileIsRefusedBeforeThePayloadStarts() throws Exception {
    assumeTrue(HostileCorpusTest.engineHasRuntime("runsc-no-seccomp"), "scripts/ensure-runsc registers runsc-no-seccomp");
    SandboxRuns runs = new SandboxRuns(work);
    SandboxResult result = runs.runSource("Hello", HELLO, SandboxPolicy.builder().runtime("runsc-no-seccomp").build(),
        Map.of());
    assertEquals(Verdict.ERROR, result.report().verdict(), result.report().reason());
    assertTrue(result.report().reason().contains("Seccomp"), result.report().reason());
    assertTrue(runs.output.stream().noneMatch(line -> line.startsWith("kernel:")), "the payload never ran");
  }
}
