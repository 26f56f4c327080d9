package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import dev.sandboxplugin.engine.DockerEngine;
import dev.sandboxplugin.image.BaseImage;
import dev.sandboxplugin.image.PayloadImage;
import dev.sandboxplugin.image.PayloadImageBuilder;
import dev.sandboxplugin.payload.SourceFilePayload;
import dev.sandboxplugin.preflight.Preflight;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fail closed: the same image and command line, started by an engine that applies none of the hardening (as a
 * misconfigured runtime would), refuse to run the payload and say what was missing.
 */
class PreflightInContainerTest {

  @TempDir Path workDir;

  @Test
  void withoutTheHardeningThePayloadIsNotStarted() throws Exception {
    Path source = Files.writeString(workDir.resolve("Planted.java"),
        "public class Planted { public static void main(String[] a) { System.out.println(\"payload ran\"); } }");
    assertRefusedWithoutHardening(new SourceFilePayload(source, List.of()), BaseImage.offlineJava());
  }

  @Test
  void withoutTheHardeningAScriptIsNotStartedEither() throws Exception {
    Path script = Files.writeString(workDir.resolve("planted.sh"), "echo payload ran\n");
    assertRefusedWithoutHardening(new dev.sandboxplugin.payload.ScriptPayload(script, null, List.of()),
        BaseImage.offlinePolyglot());
  }

  private void assertRefusedWithoutHardening(dev.sandboxplugin.payload.Payload payload, BaseImage base)
      throws Exception {
    try (DockerEngine engine = DockerEngine.connect()) {
      PayloadImage image = new PayloadImageBuilder(engine, SandboxRuns.CACHE).build(base, payload);
      String id = engine.client().createContainerCmd(image.reference())
          .withEntrypoint(payload.command())
          .withUser("0:0")
          .withHostConfig(HostConfig.newHostConfig().withNetworkMode("bridge"))
          .exec().getId();
      StringBuilder output = new StringBuilder();
      try {
        engine.client().startContainerCmd(id).exec();
        long exit = engine.client().waitContainerCmd(id).start().awaitStatusCode(60, TimeUnit.SECONDS);
        engine.client().logContainerCmd(id).withStdOut(true).withStdErr(true)
            .exec(new ResultCallback.Adapter<Frame>() {
              @Override
              public void onNext(Frame frame) {
                output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
              }
            }).awaitCompletion(10, TimeUnit.SECONDS);

        assertEquals(Preflight.REFUSED_EXIT, exit, output.toString());
        assertTrue(!output.toString().contains("payload ran"), output.toString());
        String refusal = output.toString().trim();
        assertTrue(refusal.startsWith(Preflight.REFUSED), refusal);
        for (String missing : List.of("capabilities CapEff", "no_new_privs not in effect", "running as root",
            "root file system is not read-only", "/tmp is not noexec", "network interface eth0 present")) {
          assertTrue(refusal.contains(missing), missing + " not named in: " + refusal);
        }
      } finally {
        engine.client().removeContainerCmd(id).withForce(true).exec();
        engine.client().removeImageCmd(image.imageId()).withForce(true).exec();
      }
    }
  }
}
