package dev.sandboxplugin.run;

import dev.sandboxplugin.files.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Seccomp profiles as files, for Podman: its compatible API opens the value of {@code seccomp=} as a path where
 * Docker takes the profile itself. Each profile is written once per JVM, named by its content
 * ({@link AtomicFile#inCache}), under a folder only this user can read, which goes when the JVM ends. Podman reads the file when the container is created, on this
 * machine: a Podman service elsewhere cannot see it, and says so in its refusal.
 */
final class SeccompProfileFiles {

  private static Path folder;

  private SeccompProfileFiles() {}

  static synchronized Path pathOf(String profileJson) {
    try {
      if (folder == null) {
        folder = Files.createTempDirectory("sandbox-seccomp-");
        Runtime.getRuntime().addShutdownHook(new Thread(SeccompProfileFiles::deleteFolder, "sandbox-seccomp-cleanup"));
      }
      return AtomicFile.inCache(folder, "profile", "seccomp.json", profileJson.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the seccomp profile for Podman: " + e.getMessage(), e);
    }
  }

  private static synchronized void deleteFolder() {
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException gone) {
      // Already gone, or going with the machine's temp folder: nothing else to do at exit.
    }
  }
}
