package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.SandboxResult;
import dev.sandboxplugin.engine.DockerEngine;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.verdict.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Eight sandboxes started at once on a small machine: each gets its own verdict, and all are cleaned up. */
class ConcurrentRunsTest {

  @TempDir
  Path work;

  @Test
  void eightRunsAtOnceGetTheirOwnVerdicts() throws Exception {
    String passes = "public class P { public static void main(String[] a) { System.out.println(\"ok \" + a[0]); } }";
    String hangs = "public class H { public static void main(String[] a) throws Exception { Thread.sleep(600_000); } }";
    String writes = "public class W { public static void main(String[] a) throws Exception {"
        + " java.nio.file.Files.writeString(java.nio.file.Path.of(\"/app/x\"), a[0]); } }";
    List<String> sources = List.of(passes, hangs, writes, passes, hangs, writes, passes, passes);
    List<Verdict> expected = List.of(Verdict.PASSED, Verdict.TIMEOUT, Verdict.VIOLATION, Verdict.PASSED,
        Verdict.TIMEOUT, Verdict.VIOLATION, Verdict.PASSED, Verdict.PASSED);
    SandboxPolicy policy = SandboxPolicy.builder().timeout(Duration.ofSeconds(20)).memory(
        dev.sandboxplugin.policy.MemorySize.parse("memory", "128m")).build();
    SandboxPolicy shortPolicy = policy.toBuilder().timeout(Duration.ofSeconds(8)).build();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<SandboxResult>> results = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Path dir = Files.createDirectories(work.resolve("run-" + i));
      String source = sources.get(i);
      String name = source.substring("public class ".length(), "public class ".length() + 1);
      boolean hanging = expected.get(i) == Verdict.TIMEOUT;
      int index = i;
      results.add(pool.submit(() -> new SandboxRuns(dir).runSource(name, source, hanging ? shortPolicy : policy,
          Map.of(), "run-" + index)));
    }
    pool.shutdown();
    assertTrue(pool.awaitTermination(4, TimeUnit.MINUTES), "eight runs finish");
    for (int i = 0; i < 8; i++) {
      SandboxResult result = results.get(i).get();
      assertEquals(expected.get(i), result.report().verdict(), "run " + i + ": " + result.report().reason());
      if (expected.get(i) == Verdict.PASSED) {
        assertTrue(Files.readString(result.reportFile()).contains("\"verdict\" : \"PASSED\""));
      }
    }
    try (DockerEngine engine = DockerEngine.connect()) {
      String owner = java.net.InetAddress.getLocalHost().getHostName() + ":" + ProcessHandle.current().pid();
      assertTrue(engine.client().listContainersCmd().withShowAll(true)
          .withLabelFilter(Map.of("dev.sandboxplugin.owner", owner)).exec().isEmpty(), "no container left");
    }
  }
}
