package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.Sandbox;
import dev.sandboxplugin.SandboxResult;
import dev.sandboxplugin.SandboxSpec;
import dev.sandboxplugin.image.BaseImage;
import dev.sandboxplugin.payload.SourceFilePayload;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.progress.SandboxListener;
import dev.sandboxplugin.report.ReportWriter;
import dev.sandboxplugin.verdict.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures on our side are verdict ERROR with one actionable reason, and a whole report. */
class OurSideErrorTest {

  @TempDir Path workDir;

  @Test
  void anUnreachableEngineIsOneClearError() throws Exception {
    // docker-java reads DOCKER_HOST from system properties too, so this points only this run elsewhere.
    String previous = System.getProperty("DOCKER_HOST");
    System.setProperty("DOCKER_HOST", "unix://" + workDir.resolve("no-engine.sock"));
    try {
      SandboxResult result = Sandbox.run(spec(BaseImage.offlineJava()), SandboxListener.silent());

      assertEquals(Verdict.ERROR, result.report().verdict());
      assertTrue(result.report().reason().startsWith("Docker engine not reachable at unix://" + workDir),
          result.report().reason());
      assertTrue(result.report().reason().endsWith("or set DOCKER_HOST to where it listens"),
          result.report().reason());
      assertNull(result.report().hardening());
      assertEquals(Verdict.ERROR, ReportWriter.read(result.reportFile()).verdict());
    } finally {
      if (previous == null) {
        System.clearProperty("DOCKER_HOST");
      } else {
        System.setProperty("DOCKER_HOST", previous);
      }
    }
  }

  @Test
  void aMissingEngineBaseImageIsOneClearError() throws Exception {
    SandboxResult result = Sandbox.run(spec(BaseImage.parse("docker://sandbox-no-such-image:0", workDir)),
        SandboxListener.silent());

    assertEquals(Verdict.ERROR, result.report().verdict());
    assertEquals("sandbox.baseImage = 'docker://sandbox-no-such-image:0': the engine has no such image;"
        + " load or build it first (docker image ls lists what it has)", result.report().reason());
  }

  private SandboxSpec spec(BaseImage base) throws Exception {
    Path source = Files.writeString(workDir.resolve("Hello.java"), "class Hello { public static void main(String[] a) {} }");
    return new SandboxSpec(new SourceFilePayload(source, List.of()), SandboxPolicy.builder().build(), base,
        SandboxRuns.CACHE, workDir.resolve("report"), Map.of());
  }
}
