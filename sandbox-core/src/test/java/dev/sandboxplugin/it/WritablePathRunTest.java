package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.SandboxResult;
import dev.sandboxplugin.policy.MemorySize;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.policy.WritablePath;
import dev.sandboxplugin.report.RunReport;
import dev.sandboxplugin.verdict.Verdict;
import dev.sandboxplugin.verdict.ViolationKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A policy's writable path is a tmpfs of its own with /tmp's restrictions, as the engine and the payload see it. */
class WritablePathRunTest {

  @TempDir Path workDir;

  @Test
  void aWritablePathTakesWritesButNoProgramAndNoMoreThanItsSize() throws Exception {
    SandboxRuns runs = new SandboxRuns(workDir);
    SandboxPolicy policy = SandboxPolicy.builder()
        .writablePaths(List.of(WritablePath.of("/app/out", MemorySize.ofMegabytes(8)))).build();
    SandboxResult result = runs.runSource("WriteOut", """
        import java.nio.file.*;

        public class WriteOut {
          public static void main(String[] args) throws Exception {
            Files.writeString(Path.of("/app/out/result.txt"), "kept");
            System.out.println("wrote " + Files.readString(Path.of("/app/out/result.txt")));
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
              if (line.contains(" /app/out ")) {
                System.out.println("mount " + line.substring(line.indexOf(" /app/out ") + 1));
              }
            }
            Path copy = Files.copy(Path.of("/opt/java/bin/java"), Path.of("/app/out/java"));
            copy.toFile().setExecutable(true);
            try {
              new ProcessBuilder("/app/out/java", "-version").start().waitFor();
              System.out.println("exec ran");
            } catch (java.io.IOException e) {
              System.out.println("exec refused " + e.getMessage().contains("Permission denied"));
            }
            try {
              Files.write(Path.of("/app/out/big"), new byte[9 << 20]);
              System.out.println("size not enforced");
            } catch (java.io.IOException e) {
              System.out.println("full " + e.getMessage());
            }
            try {
              Files.writeString(Path.of("/app/elsewhere.txt"), "x");
              System.out.println("wrote outside");
            } catch (java.io.IOException e) {
              System.out.println("outside refused");
            }
          }
        }
        """, policy, Map.of());

    RunReport report = result.report();
    // Filling the writable path to its size is a limit hit, reported as DISK; nothing else was refused.
    assertEquals(Verdict.VIOLATION, report.verdict(), report.reason() + " " + runs.output);
    assertEquals(List.of(ViolationKind.DISK), report.violations().stream().map(v -> v.kind()).distinct().toList(),
        report.violations().toString());
    assertEquals("rw,noexec,nosuid,nodev,size=8388608,nr_inodes=4096,mode=1777", report.hardening().tmpfs().get("/app/out"));
    assertTrue(runs.output.contains("wrote kept"), runs.output.toString());
    String mount = runs.output.stream().filter(line -> line.startsWith("mount ")).findFirst().orElseThrow();
    assertTrue(mount.contains("nosuid") && mount.contains("nodev") && mount.contains("noexec"), mount);
    assertTrue(mount.contains("tmpfs"), mount);
    assertTrue(runs.output.contains("exec refused true"), runs.output.toString());
    assertTrue(runs.output.contains("full /app/out/big: No space left on device")
        || runs.output.stream().anyMatch(line -> line.startsWith("full ")), runs.output.toString());
    assertTrue(runs.output.contains("outside refused"), runs.output.toString());
    assertEquals(List.of(Map.of("path", "/app/out", "size", "8m")), report.policy().get("writablePaths"));
    assertTrue(String.valueOf(report.policy().get("sha256")).startsWith("sha256:"), report.policy().toString());
    // Sandbox.run writes the CI formats next to report.json.
    Path reportDir = result.reportFile().getParent();
    assertTrue(Files.readString(reportDir.resolve("report.sarif")).contains("\"version\" : \"2.1.0\""));
    assertTrue(Files.readString(reportDir.resolve("summary.md")).startsWith("## Sandbox: VIOLATION"));
  }
}
