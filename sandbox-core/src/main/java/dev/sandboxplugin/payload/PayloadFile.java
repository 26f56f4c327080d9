package dev.sandboxplugin.payload;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One host file (or an empty folder) and the absolute path it gets inside the image.
 *
 * @param executable whether it gets exec bits (a native program of the payload); otherwise read-only data
 * @param directory an empty folder of the payload's (its source is a folder whose content is not taken)
 */
public record PayloadFile(Path source, String containerPath, boolean executable, boolean directory) {

  public PayloadFile {
    Objects.requireNonNull(source, "source");
    if (!containerPath.startsWith("/")) {
      throw new IllegalArgumentException("container path must be absolute: " + containerPath);
    }
  }

  public PayloadFile(Path source, String containerPath, boolean executable) {
    this(source, containerPath, executable, false);
  }

  /** A data file: class, jar, source or script, read-only for everyone. */
  public PayloadFile(Path source, String containerPath) {
    this(source, containerPath, false, false);
  }
}
