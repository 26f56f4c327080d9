package dev.sandboxplugin.image;

import java.nio.file.Path;

/**
 * One file or directory of an image layer: where its content comes from, where it goes, and its mode in octal.
 * Modes are set on purpose: Jib would otherwise make every file 644 and drop the runtime's exec bits.
 */
record ImageEntry(Path source, String containerPath, String mode) {

  static final String READ_ONLY_FILE = "644";
  static final String EXECUTABLE = "755";
  static final String DIRECTORY = "755";
}
