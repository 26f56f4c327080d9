package dev.sandboxplugin.build;

import dev.sandboxplugin.files.AtomicFile;
import dev.sandboxplugin.image.BuildToolchain;
import dev.sandboxplugin.payload.PayloadFile;
import dev.sandboxplugin.payload.PayloadLayer;
import dev.sandboxplugin.payload.RunnerJar;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Our files in the build's image, under {@code /opt/sandbox}: the launcher script, the Maven extension (channel
 * and resolve step), the attribution agent that every JVM of the build starts with, and the Maven settings.
 */
final class BuildTools {

  static final String DIR = "/opt/sandbox";
  static final String LAUNCHER = DIR + "/build.sh";
  // In Maven's lib/ext: part of its core from the start, so that even the tree's core extensions
  // (.mvn/extensions.xml), which Maven resolves before anything else, come through the channel.
  static final String EXTENSION = "/opt/maven/lib/ext/sandbox-maven-extension.jar";
  static final String AGENT = DIR + "/sandbox-agent.jar";
  private static final String LAUNCHER_RESOURCE = "dev/sandboxplugin/build/build.sh";

  private BuildTools() {}

  static PayloadLayer layer(Path cacheDir) {
    return new PayloadLayer("sandbox-tools", List.of(
        new PayloadFile(cached(cacheDir, "build.sh", resource(LAUNCHER_RESOURCE)), LAUNCHER),
        new PayloadFile(ExtensionJar.in(cacheDir), EXTENSION),
        new PayloadFile(RunnerJar.in(cacheDir), AGENT),
        new PayloadFile(cached(cacheDir, "settings.xml", BuildSettings.xml().getBytes(StandardCharsets.UTF_8)),
            BuildToolchain.MAVEN_SETTINGS)));
  }

  private static byte[] resource(String name) {
    try (InputStream in = BuildTools.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the plugin's class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }

  private static Path cached(Path cacheDir, String name, byte[] content) {
    try {
      return AtomicFile.inCache(cacheDir, "build-tools", name, content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + name + " under " + cacheDir, e);
    }
  }
}
