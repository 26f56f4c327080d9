package dev.sandboxplugin.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * Seccomp profiles as files, for Podman: its compatible API opens the value of {@code seccomp=} as a path where
 * Docker takes the profile itself. Each profile is written once per JVM, named by its hash, into a folder only this
 * user can read, which goes when the JVM ends. Podman reads the file when the container is created, on this
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
      Path file = folder.resolve(sha256(profileJson) + ".json");
      if (!Files.isRegularFile(file)) {
        Path partial = Files.createTempFile(folder, "profile-", ".partial");
        Files.writeString(partial, profileJson, StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
      }
      return file;
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

  private static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
