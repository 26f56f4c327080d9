package dev.sandboxplugin.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Where we write or delete on the host inside a project that the tree under test shaped: a folder is only used
 * when it is inside the project and neither it nor any folder between the project and it is a link. A committed
 * {@code target -> /somewhere} would otherwise have us write, or delete, there.
 */
public final class HostWrites {

  private HostWrites() {}

  /**
   * Creates {@code folder} (and the folders above it, up to {@code project}) without following links, or throws
   * {@link UnsafeFolderException} naming the link and touching nothing there.
   *
   * @param project the project's folder, as the user named it (it may itself be reached through a link)
   */
  public static Path folderInside(Path project, Path folder) throws IOException {
    Path root = project.toAbsolutePath().normalize();
    Path target = folder.toAbsolutePath().normalize();
    if (!target.startsWith(root)) {
      // Outside the project: the user's own choice (e.g. -Dsandbox.reportDirectory=/ci/out), not the tree's.
      Files.createDirectories(target);
      return target;
    }
    Path current = root;
    for (Path part : root.relativize(target)) {
      current = current.resolve(part);
      if (Files.isSymbolicLink(current)) {
        throw new UnsafeFolderException(current, "is a link; the project may not point our reports elsewhere."
            + " Remove the link (a clean checkout has none) or set sandbox.reportDirectory outside the project");
      }
      if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
        if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
          throw new UnsafeFolderException(current, "is not a folder");
        }
      } else {
        Files.createDirectory(current);
      }
    }
    return target;
  }

  /** A folder we will not write into. */
  public static final class UnsafeFolderException extends IOException {
    public UnsafeFolderException(Path folder, String why) {
      super(folder + " " + why);
    }
  }
}
