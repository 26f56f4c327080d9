package dev.sandboxplugin.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * What {@code sandbox:build} adds to the polyglot base: a runtime with every module of the host's JDK under
 * {@code /opt/java} (so javac, javadoc and the locales are there as on the host) and the host's Maven under
 * {@code /opt/maven} (its global settings are the build payload's, see {@link #MAVEN_SETTINGS}).
 */
public final class BuildToolchain {

  static final String JAVA_HOME = "/opt/java";
  /** Where the payload puts the global settings of the Maven inside; the host's own are never copied. */
  public static final String MAVEN_SETTINGS = MavenDistribution.SETTINGS_PATH;

  private BuildToolchain() {}

  static List<ImageLayer> layers(Path cacheDir, Path mavenHome, Consumer<String> progress) {
    Path jdk = jdk(cacheDir, progress);
    List<ImageEntry> runtime = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(jdk)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        String relative = jdk.relativize(file).toString().replace('\\', '/');
        runtime.add(new ImageEntry(file, JAVA_HOME + "/" + relative,
            Files.isExecutable(file) ? ImageEntry.EXECUTABLE : ImageEntry.READ_ONLY_FILE));
      }
    } catch (IOException e) {
      throw new ImageBuildException("cannot read the build's JDK at " + jdk + ": " + e.getMessage(), e);
    }
    return List.of(new ImageLayer("build-jdk", runtime), MavenDistribution.layer(mavenHome, cacheDir));
  }

  static Map<String, String> environment() {
    return Map.of(
        "PATH", JAVA_HOME + "/bin:" + MavenDistribution.HOME + "/bin:/usr/local/bin:/usr/bin:/bin",
        "JAVA_HOME", JAVA_HOME,
        "MAVEN_HOME", MavenDistribution.HOME,
        "HOME", "/tmp",
        "LANG", "C.UTF-8");
  }

  static String cacheKey() {
    return "build-toolchain-v2 " + JavaRuntimeImage.fullCacheKey();
  }

  private static Path jdk(Path cacheDir, Consumer<String> progress) {
    if (!JavaRuntimeImage.isBuilt(cacheDir, JavaRuntimeImage.allModules())) {
      progress.accept("Sandbox: linking the build's JDK (every module of " + System.getProperty("java.home")
          + ") once for this machine; it takes about half a minute. Cache: " + cacheDir);
    }
    return JavaRuntimeImage.resolveFull(cacheDir);
  }
}
