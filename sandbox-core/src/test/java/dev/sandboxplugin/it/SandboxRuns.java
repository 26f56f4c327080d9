package dev.sandboxplugin.it;

import dev.sandboxplugin.Sandbox;
import dev.sandboxplugin.SandboxResult;
import dev.sandboxplugin.SandboxSpec;
import dev.sandboxplugin.engine.DockerEngine;
import dev.sandboxplugin.image.BaseImage;
import dev.sandboxplugin.payload.Payload;
import dev.sandboxplugin.payload.ScriptPayload;
import dev.sandboxplugin.payload.SourceFilePayload;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.progress.SandboxListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Runs payloads through the real engine for the tests, collecting what the listener saw. */
final class SandboxRuns {

  /** The runtime is cached per user, so every test class and module shares one jlink build. */
  static final Path CACHE = SandboxSpec.defaultCacheDir(System.getenv());

  final List<String> output = Collections.synchronizedList(new ArrayList<>());
  final List<String> messages = Collections.synchronizedList(new ArrayList<>());
  private final Path workDir;

  SandboxRuns(Path workDir) {
    this.workDir = workDir;
  }

  /** Writes {@code source} as {@code className}.java and runs it with the source launcher. */
  SandboxResult runSource(String className, String source, SandboxPolicy policy, Map<String, String> hostEnv,
      String... args) throws IOException {
    Path file = workDir.resolve(className + ".java");
    Files.writeString(file, source);
    return run(new SourceFilePayload(file, List.of(args)), policy, hostEnv);
  }

  /** Writes {@code content} as {@code fileName} and runs it as a script (interpreter by shebang or extension). */
  SandboxResult runScript(String fileName, String content, SandboxPolicy policy, Map<String, String> hostEnv,
      String... args) throws IOException {
    Path file = workDir.resolve(fileName);
    Files.writeString(file, content);
    return run(new ScriptPayload(file, null, List.of(args)), policy, hostEnv);
  }

  SandboxResult run(Payload payload, SandboxPolicy policy, Map<String, String> hostEnv) {
    return run(payload, policy, hostEnv, BaseImage.offlineJava());
  }

  SandboxResult run(Payload payload, SandboxPolicy policy, Map<String, String> hostEnv, BaseImage base) {
    SandboxSpec spec = new SandboxSpec(payload, policy, base, CACHE,
        workDir.resolve("report"), hostEnv);
    SandboxResult result = Sandbox.run(spec, new SandboxListener() {
      @Override
      public void info(String message) {
        messages.add(message);
        System.out.println("[info] " + message);
      }

      @Override
      public void warn(String message) {
        messages.add(message);
        System.out.println("[warn] " + message);
      }

      @Override
      public void output(Stream stream, String line) {
        output.add(line);
        System.out.println("[" + stream + "] " + line);
      }
    });
    removeImage(result.report().image());
    return result;
  }

  // Every test payload lives in its own temporary folder, so no later build would replace its image.
  private static void removeImage(String imageId) {
    if (imageId == null) {
      return;
    }
    try (DockerEngine engine = DockerEngine.connect()) {
      engine.client().removeImageCmd(imageId).withForce(true).exec();
    } catch (RuntimeException alreadyGone) {
      // Nothing left to clean.
    }
  }
}
