package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.SandboxSpec;
import dev.sandboxplugin.engine.DockerEngine;
import dev.sandboxplugin.image.BaseImage;
import dev.sandboxplugin.image.PayloadImage;
import dev.sandboxplugin.image.PayloadImageBuilder;
import dev.sandboxplugin.payload.SourceFilePayload;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.verdict.Verdict;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bases other than the offline default, without a registry: an image the engine has ({@code docker://}) and a
 * saved image ({@code tar://}). The offline image of one payload serves as the base of another.
 */
class BaseImageSourcesTest {

  @TempDir Path workDir;

  @Test
  void anEngineImageAndASavedTarServeAsBases() throws Exception {
    Path first = Files.writeString(workDir.resolve("First.java"), "class First { public static void main(String[] a) {} }");
    Path second = Files.writeString(workDir.resolve("Second.java"), """
        public class Second {
          public static void main(String[] args) {
            System.out.println("second on " + System.getenv("JAVA_HOME") + " as " + System.getProperty("user.name"));
          }
        }
        """);
    try (DockerEngine engine = DockerEngine.connect()) {
      PayloadImage base = new PayloadImageBuilder(engine, SandboxRuns.CACHE)
          .build(BaseImage.offlineJava(), new SourceFilePayload(first, List.of()));
      String tag = "sandbox-test-base:" + Long.toHexString(System.nanoTime());
      String[] nameAndTag = tag.split(":");
      engine.client().tagImageCmd(base.imageId(), nameAndTag[0], nameAndTag[1]).exec();
      Path tar = workDir.resolve("base.tar");
      try (InputStream saved = engine.client().saveImageCmd(tag).exec()) {
        Files.copy(saved, tar);
      }
      try {
        for (String reference : List.of("docker://" + tag, "tar://" + tar)) {
          SandboxRuns runs = new SandboxRuns(workDir);
          var result = runs.run(new SourceFilePayload(second, List.of()), SandboxPolicy.builder().build(),
              Map.of(), BaseImage.parse(reference, workDir));
          assertEquals(Verdict.PASSED, result.report().verdict(), reference + ": " + result.report().reason());
          assertEquals(reference.startsWith("tar://") ? "tar://" + tar : reference, result.report().imageBuild().base());
          assertTrue(runs.output.contains("second on /opt/java as sandbox"), reference + ": " + runs.output);
        }
      } finally {
        engine.client().removeImageCmd(tag).withForce(true).exec();
        engine.client().removeImageCmd(base.imageId()).withForce(true).exec();
      }
    }
  }
}
