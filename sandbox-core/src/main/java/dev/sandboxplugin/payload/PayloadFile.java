package dev.sandboxplugin.payload;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One host file and the absolute path it gets inside the image.
 *
 * @param executable whether it gets exec bits (a native program of the payload); otherwise read-only data
 */
public record PayloadFile(Path source, String containerPath, boolean executable) {

  public PayloadFile {
    Objects.requireNonNull(source, "source");
    if (!containerPath.startsWith("/")) {
      throw new IllegalArgumentException("container path must be absolute: " + containerPath);
    }
  }

  /** A data file: class, jar, source or script, read-only for everyone. */
  public PayloadFile(Path source, String containerPath) {
    this(source, containerPath, false);
  }
}
