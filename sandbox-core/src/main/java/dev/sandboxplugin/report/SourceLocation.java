package dev.sandboxplugin.report;

import java.util.Objects;

/**
 * A place in the project a finding points at, for SARIF and CI annotations.
 *
 * @param path relative to the project's root, with forward slashes, e.g. {@code src/main/java/a/B.java}
 * @param line 1-based, or null when only the file is known
 */
public record SourceLocation(String path, Integer line) {

  public SourceLocation {
    Objects.requireNonNull(path, "path");
    if (line != null && line < 1) {
      throw new IllegalArgumentException("line " + line + " is not 1-based");
    }
  }
}
