package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.SandboxResult;
import dev.sandboxplugin.preflight.Preflight;
import dev.sandboxplugin.policy.MemorySize;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.report.RunReport;
import dev.sandboxplugin.verdict.Verdict;
import dev.sandboxplugin.verdict.ViolationKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Payloads that try to exhaust time, memory, processes and the log, each against its limit. */
class ResourceLimitTest {

  @TempDir Path workDir;

  @Test
  void sleepingForeverIsKilledAtTheDeadline() throws Exception {
    SandboxRuns runs = new SandboxRuns(workDir);
    SandboxResult result = runs.runSource("Sleeper", """
        public class Sleeper {
          public static void main(String[] args) throws Exception {
            System.out.println("sleeping");
            Thread.sleep(Long.MAX_VALUE);
          }
        }
        """, SandboxPolicy.builder().timeout(Duration.ofSeconds(4)).build(), Map.of());

    RunReport report = result.report();
    assertEquals(Verdict.TIMEOUT, report.verdict(), report.reason());
    assertEquals(ViolationKind.TIMEOUT, report.violations().get(0).kind());
    assertTrue(report.durationMs() >= 4000 && report.durationMs() < 6000, "killed after " + report.durationMs() + " ms");
    assertEquals(137L, report.exitCode());
  }

  @Test
  void heapBombIsOutOfMemory() throws Exception {
    SandboxRuns runs = new SandboxRuns(workDir);
    SandboxResult result = runs.runSource("HeapBomb", """
        import java.util.ArrayList;
        import java.util.List;
        public class HeapBomb {
          public static void main(String[] args) {
            List<byte[]> hoard = new ArrayList<>();
            while (true) hoard.add(new byte[1 << 20]);
          }
        }
        """, SandboxPolicy.builder().memory(MemorySize.ofMegabytes(160)).build(), Map.of());

    RunReport report = result.report();
    assertEquals(Verdict.OOM, report.verdict(), report.reason());
    assertTrue(report.violations().get(0).detail().contains("Java heap space"), report.violations().toString());
  }

  @Test
  void nativeMemoryBombIsKilledByTheKernelAtTheLimit() throws Exception {
    SandboxRuns runs = new SandboxRuns(workDir);
    SandboxResult result = runs.runSource("NativeBomb", """
        import java.lang.reflect.Field;
        public class NativeBomb {
          public static void main(String[] args) throws Exception {
            Field field = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
            field.setAccessible(true);
            sun.misc.Unsafe unsafe = (sun.misc.Unsafe) field.get(null);
            while (true) {
              long block = unsafe.allocateMemory(16 << 20);
              unsafe.setMemory(block, 16 << 20, (byte) 1);
            }
          }
        }
        """, SandboxPolicy.builder().memory(MemorySize.ofMegabytes(160)).build(), Map.of());

    RunReport report = result.report();
    assertEquals(Verdict.OOM, report.verdict(), report.reason());
    assertTrue(report.violations().get(0).detail().contains("the kernel killed"), report.violations().toString());
  }

  @Test
  void threadBombHitsThePidsLimit() throws Exception {
    SandboxRuns runs = new SandboxRuns(workDir);
    SandboxResult result = runs.runSource("ThreadBomb", """
        public class ThreadBomb {
          public static void main(String[] args) {
            while (true) {
              Thread t = new Thread(() -> { try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { } });
              t.start();
            }
          }
        }
        """, SandboxPolicy.builder().pids(48).timeout(Duration.ofSeconds(8)).build(), Map.of());

    // The main thread dies of it; the threads already started keep the JVM alive until the deadline.
    RunReport report = result.report();
    assertEquals(Verdict.PIDS_EXHAUSTED, report.verdict(), report.reason());
    assertEquals(List.of(ViolationKind.PIDS, ViolationKind.TIMEOUT),
        report.violations().stream().map(v -> v.kind()).toList());
    assertEquals(48L, report.hardening().pidsLimit());
  }

  @Test
  void aJvmThatHidesTheRefusalIsNamedByTheKernelsCount() throws Exception {
    SandboxRuns runs = new SandboxRuns(workDir);
    SandboxResult result = runs.runSource("QuietThreads", """
        public class QuietThreads {
          public static void main(String[] args) {
            try {
              while (true) {
                Thread t = new Thread(() -> { try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { } });
                t.setDaemon(true);
                t.start();
              }
            } catch (OutOfMemoryError refused) {
              return; // as if all went well
            }
          }
        }
        """, SandboxPolicy.builder().pids(48).build(), Map.of());

    RunReport report = result.report();
    assertEquals(Verdict.PIDS_EXHAUSTED, report.verdict(), report.reason());
    // The JVM warns of the failed pthread_create itself; the preflight adds the kernel's count when main returns.
    assertTrue(runs.output.stream().anyMatch(line -> line.contains(Preflight.PIDS_REFUSED)), runs.output::toString);
  }

  @Test
  void outputFloodIsCutAtTheLimitAndCountedWhileTheRunEnds() throws Exception {
    SandboxRuns runs = new SandboxRuns(workDir);
    SandboxResult result = runs.runSource("Flood", """
        public class Flood {
          public static void main(String[] args) {
            String line = "x".repeat(1000);
            for (int i = 0; i < 200_000; i++) System.out.println(line); // ~200 MB
            System.out.println("\\u001b[31mdone\\u001b[0m");
          }
        }
        """, SandboxPolicy.builder().outputLimit(MemorySize.parse("outputLimit", "64k")).build(), Map.of());

    RunReport report = result.report();
    assertEquals(Verdict.PASSED, report.verdict(), report.reason());
    assertTrue(report.output().truncated());
    // Only what was read can be counted: the engine's own log rotates at 8 MB, so how much of a fast flood is never
    // read at all depends on the machine's speed (3.5 MB counted on one CI run, over 100 MB on another).
    assertTrue(report.output().droppedBytes() > 0, "dropped " + report.output().droppedBytes());
    assertTrue(runs.output.stream().mapToInt(line -> line.length() + 1).sum() <= 64 * 1024);
    // The end of the output is fetched from the engine, with the escape sequence shown, not obeyed.
    assertEquals("\\x1b[31mdone\\x1b[0m", report.output().tail().get(report.output().tail().size() - 1));
  }
}
