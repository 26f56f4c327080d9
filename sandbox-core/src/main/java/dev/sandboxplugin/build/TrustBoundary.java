package dev.sandboxplugin.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;

/**
 * The host step of {@code sandbox:build} runs no code of the tree, so the Maven running it must not have been
 * started inside the tree: that Maven has already read the tree's {@code .mvn/} (JVM options, extensions) and maybe
 * its POM. Checked before anything else, by real paths.
 */
public final class TrustBoundary {

  private TrustBoundary() {}

  /** The first of {@code mavenFolders} that is {@code projectDir} or inside it, if any. */
  public static Optional<Path> startedInside(Path projectDir, Collection<Path> mavenFolders) {
    Path project = real(projectDir);
    for (Path folder : mavenFolders) {
      if (folder != null && real(folder).startsWith(project)) {
        return Optional.of(folder);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code path} is the project or inside it (a policy file of the tree's own, say). */
  public static boolean isInside(Path projectDir, Path path) {
    return real(path).startsWith(real(projectDir));
  }

  // The nearest folder that exists, by its real path, and the rest as named: a file that does not exist yet is
  // still inside the tree when its folder is.
  private static Path real(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    Path existing = absolute;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return absolute;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(absolute));
    } catch (IOException unreadable) {
      return absolute;
    }
  }
}
