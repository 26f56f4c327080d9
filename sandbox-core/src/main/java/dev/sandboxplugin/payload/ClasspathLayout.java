package dev.sandboxplugin.payload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a host classpath goes in the image: jars under {@code /app/libs}, folders under {@code /app/classes/<n>},
 * in classpath order, as two layers (dependencies change less often than classes).
 */
final class ClasspathLayout {

  /** One classpath entry and its place in the image. */
  record PlacedEntry(Path source, String containerPath, boolean directory) {}

  private final List<PlacedEntry> placed;

  // Two dependencies may share a file name (same artifactId, other groupId): both are kept. Entries that do not
  // exist are left out, as the JVM would.
  ClasspathLayout(List<Path> classpath) {
    List<PlacedEntry> entries = new ArrayList<>();
    Set<String> jarNames = new HashSet<>();
    int directoryIndex = 0;
    for (Path entry : classpath) {
      if (Files.isDirectory(entry)) {
        entries.add(new PlacedEntry(entry, "/app/classes/" + directoryIndex++, true));
      } else if (Files.isRegularFile(entry)) {
        String name = entry.getFileName().toString();
        String candidate = name;
        for (int i = 1; !jarNames.add(candidate); i++) {
          candidate = i + "-" + name;
        }
        entries.add(new PlacedEntry(entry, "/app/libs/" + candidate, false));
      }
    }
    this.placed = List.copyOf(entries);
  }

  List<PlacedEntry> entries() {
    return placed;
  }

  /** The container path of a host folder of the classpath, or null when it is not one of them. */
  String containerPathOf(Path hostDirectory) {
    for (PlacedEntry entry : placed) {
      if (entry.directory() && entry.source().equals(hostDirectory)) {
        return entry.containerPath();
      }
    }
    return null;
  }

  /** {@code :}-joined container paths, each preceded by {@code :}, to append to a classpath. */
  String joinedWithLeadingColons() {
    return placed.stream().map(entry -> ":" + entry.containerPath()).collect(Collectors.joining());
  }

  List<PayloadLayer> layers() {
    List<PayloadFile> dependencies = new ArrayList<>();
    List<PayloadFile> classes = new ArrayList<>();
    for (PlacedEntry entry : placed) {
      if (entry.directory()) {
        classes.addAll(filesUnder(entry.source(), entry.containerPath()));
      } else {
        dependencies.add(new PayloadFile(entry.source(), entry.containerPath()));
      }
    }
    return List.of(new PayloadLayer("dependencies", dependencies), new PayloadLayer("classes", classes));
  }

  /**
   * The files of a classes folder, read without following a link out of it (a compiled or copied file that is a link
   * to a host file is never packaged).
   *
   * @throws LinkedFileException naming the links that leave the folder
   */
  static List<PayloadFile> filesUnder(Path directory, String containerRoot) {
    try {
      dev.sandboxplugin.files.SafeTree.Listing listing = dev.sandboxplugin.files.SafeTree.walk(directory);
      List<String> links = listing.refused().stream().filter(dev.sandboxplugin.files.SafeTree.Refusal::breach)
          .map(refusal -> directory.resolve(refusal.relativePath()).toString()).limit(5).toList();
      if (!links.isEmpty()) {
        throw new LinkedFileException(String.join(", ", links) + (links.size() == 1 ? " is a link" : " are links")
            + " that leave " + directory + "; nothing of the host beyond the project is packaged");
      }
      return listing.files().stream()
          .sorted(java.util.Comparator.comparing(dev.sandboxplugin.files.SafeTree.TreeFile::relativePath))
          .map(file -> new PayloadFile(file.source(), containerRoot + "/" + file.relativePath()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
  }
}
