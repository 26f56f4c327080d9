package dev.sandboxplugin.image;

import dev.sandboxplugin.files.AtomicFile;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The Maven that runs the build inside the sandbox: the host's own distribution (the one running this plugin, so
 * the build inside behaves as {@code mvn} on the host would), its launcher, boot and library jars and logging
 * configuration, with links resolved (Debian's point into {@code /usr/share/java}). Never its {@code conf/settings.xml}
 * or toolchains (they may hold the host's credentials): the global settings inside are the build payload's, at
 * {@link #SETTINGS_PATH}.
 */
final class MavenDistribution {

  static final String HOME = "/opt/maven";
  static final String SETTINGS_PATH = HOME + "/conf/settings.xml";
  private static final List<String> FOLDERS = List.of("bin", "boot", "lib", "conf/logging");

  private MavenDistribution() {}

  /** The distribution's files under {@link #HOME}, without any settings; {@code cacheDir} keeps what we add. */
  static ImageLayer layer(Path mavenHome, Path cacheDir) {
    if (mavenHome == null || !Files.isRegularFile(mavenHome.resolve("bin/m2.conf"))) {
      throw new ImageBuildException("sandbox:build needs the Maven that runs it (maven.home = " + mavenHome
          + ") to be a Maven distribution with bin/m2.conf; run it with a regular Maven installation");
    }
    List<ImageEntry> entries = new ArrayList<>();
    for (String folder : FOLDERS) {
      Path dir = mavenHome.resolve(folder);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      // Following links here is right: the distribution is the host's own, trusted like the JDK.
      try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
        for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
          String relative = mavenHome.relativize(file).toString().replace('\\', '/');
          entries.add(new ImageEntry(file.toRealPath(), HOME + "/" + relative, mode(file)));
        }
      } catch (IOException e) {
        throw new ImageBuildException("cannot read the Maven distribution at " + mavenHome + ": " + e.getMessage(), e);
      }
    }
    jansiNative(mavenHome, cacheDir).ifPresent(library -> entries.add(new ImageEntry(library,
        HOME + "/lib/jansi-native/Linux/" + jansiArch() + "/libjansi.so", ImageEntry.READ_ONLY_FILE)));
    return new ImageLayer("maven", entries);
  }

  // Maven's console library loads a native part from lib/jansi-native, where distributions ship only Windows';
  // elsewhere it unpacks it to /tmp, which is noexec inside, and prints a failure at every start. Unpacked
  // here from the distribution's own jar, it loads from the read-only root as on the host.
  private static Optional<Path> jansiNative(Path mavenHome, Path cacheDir) {
    if (Files.isRegularFile(mavenHome.resolve("lib/jansi-native/Linux/" + jansiArch() + "/libjansi.so"))) {
      return Optional.empty();
    }
    String entryName = "org/fusesource/jansi/internal/native/Linux/" + jansiArch() + "/libjansi.so";
    try (Stream<Path> jars = Files.list(mavenHome.resolve("lib"))) {
      for (Path jar : jars.filter(path -> path.getFileName().toString().startsWith("jansi")
          && path.getFileName().toString().endsWith(".jar")).sorted().toList()) {
        try (JarFile file = new JarFile(jar.toRealPath().toFile())) {
          var entry = file.getEntry(entryName);
          if (entry == null) {
            continue;
          }
          byte[] library = file.getInputStream(entry).readAllBytes();
          return Optional.of(AtomicFile.inCache(cacheDir, "jansi-native", "libjansi.so", library));
        }
      }
    } catch (IOException e) {
      // Without it Maven still runs, with jansi's complaint: not worth failing the build for.
      return Optional.empty();
    }
    return Optional.empty();
  }

  // Jansi's names for the machine (the engine is local, so the container's machine is ours).
  private static String jansiArch() {
    String arch = System.getProperty("os.arch");
    return switch (arch) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "arm64";
      default -> arch;
    };
  }

  /** Maven's version as its own jar says it, e.g. {@code 3.8.7}; for messages and the report. */
  static String version(Path mavenHome) {
    try (Stream<Path> jars = Files.list(mavenHome.resolve("lib"))) {
      for (Path jar : jars.filter(path -> path.getFileName().toString().startsWith("maven-core")).toList()) {
        try (JarFile file = new JarFile(jar.toFile())) {
          var entry = file.getEntry("META-INF/maven/org.apache.maven/maven-core/pom.properties");
          if (entry != null) {
            Properties properties = new Properties();
            properties.load(new InputStreamReader(file.getInputStream(entry), StandardCharsets.UTF_8));
            return properties.getProperty("version", "unknown");
          }
        }
      }
    } catch (IOException unreadable) {
      return "unknown";
    }
    return "unknown";
  }

  private static String mode(Path file) throws IOException {
    return Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_EXECUTE)
        ? ImageEntry.EXECUTABLE : ImageEntry.READ_ONLY_FILE;
  }
}
