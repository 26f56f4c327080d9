package dev.sandboxplugin.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Writes a file whole or not at all: a reader (CI, an IDE, another build on the same cache) never sees half of it.
 */
public final class AtomicFile {

  private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> READABLE_BY_ALL =
      java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");

  private AtomicFile() {}

  /** Writes {@code content} as {@code dir/name} through a temporary file in the same folder and a rename. */
  public static Path write(Path dir, String name, byte[] content) throws IOException {
    Files.createDirectories(dir);
    Path target = dir.resolve(name);
    Path partial = Files.createTempFile(dir, "." + name + "-", ".partial");
    try {
      // A temporary file is the owner's alone (0600); reports and cache files are read by CI steps and tools that
      // may run as another user, as any file the build writes: rw-r--r--.
      if (Files.getFileStore(partial).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
        Files.setPosixFilePermissions(partial, READABLE_BY_ALL);
      }
      Files.write(partial, content);
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
    return target;
  }

  /**
   * {@code cacheDir/<prefix>-<16 hex digits of content's SHA-256>/name} ({@code name} may have folders), written with {@code content} unless it is
   * there: a file of ours named by its content keeps its time from one build to the next, so an image's fingerprint
   * stays the same, and two builds at once each write a whole one.
   */
  public static Path inCache(Path cacheDir, String prefix, String name, byte[] content) throws IOException {
    String digest;
    try {
      digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    // The name may be a relative path (a class file's): its folders are made too.
    Path file = cacheDir.resolve(prefix + "-" + digest).resolve(name);
    return Files.isRegularFile(file) ? file : write(file.getParent(), file.getFileName().toString(), content);
  }
}
