package dev.sandboxplugin.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file whole or not at all: a reader (CI, an IDE, another build on the same cache) never sees half of it.
 */
public final class AtomicFile {

  private AtomicFile() {}

  /** Writes {@code content} as {@code dir/name} through a temporary file in the same folder and a rename. */
  public static Path write(Path dir, String name, byte[] content) throws IOException {
    Files.createDirectories(dir);
    Path target = dir.resolve(name);
    Path partial = Files.createTempFile(dir, "." + name + "-", ".partial");
    try {
      Files.write(partial, content);
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
    return target;
  }
}
