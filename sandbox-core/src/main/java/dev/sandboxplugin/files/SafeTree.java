package dev.sandboxplugin.files;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The files of a folder that the tree under test gave us, read as data: links are never followed out of it. A
 * link to a file inside the folder stands for that file; a link that leaves the folder (or dangles, or names a
 * folder), a device, a pipe or a socket is left out and named, so nothing of the host beyond the folder is ever
 * read through a link the tree planted.
 */
public final class SafeTree {

  /** A regular file of the tree: where its bytes are on the host (a link's target) and its path in the tree. */
  public record TreeFile(Path source, String relativePath, boolean executable) {}

  /**
   * What could not be taken, and why, with the path relative to the root.
   *
   * @param breach whether it reaches out of the tree (a link that leaves it, a device): an attempt, not an accident
   */
  public record Refusal(String relativePath, String reason, boolean breach) {}

  /** What a walk found. */
  public record Listing(Path root, List<TreeFile> files, List<String> emptyDirectories, List<Refusal> refused,
      long bytes) {

    public Listing {
      files = List.copyOf(files);
      emptyDirectories = List.copyOf(emptyDirectories);
      refused = List.copyOf(refused);
    }
  }

  private SafeTree() {}

  /** Every file under {@code root}. */
  public static Listing walk(Path root) throws IOException {
    return walk(root, folder -> false);
  }

  /**
   * Every file under {@code root}, but for the folders {@code skipFolder} says to leave out (relative paths, e.g.
   * a module's {@code target}).
   */
  public static Listing walk(Path root, Predicate<String> skipFolder) throws IOException {
    Path realRoot = root.toRealPath();
    List<TreeFile> files = new ArrayList<>();
    List<String> empty = new ArrayList<>();
    List<Refusal> refused = new ArrayList<>();
    long[] bytes = {0};
    Files.walkFileTree(realRoot, Set.of(), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
      private final List<int[]> childCounts = new ArrayList<>();

      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
        String relative = relative(realRoot, dir);
        if (!relative.isEmpty() && skipFolder.test(relative)) {
          countChild();
          return FileVisitResult.SKIP_SUBTREE;
        }
        countChild();
        childCounts.add(new int[] {0});
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException error) {
        int[] count = childCounts.remove(childCounts.size() - 1);
        String relative = relative(realRoot, dir);
        if (count[0] == 0 && !relative.isEmpty()) {
          empty.add(relative);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        countChild();
        String relative = relative(realRoot, file);
        if (attributes.isRegularFile()) {
          files.add(new TreeFile(file, relative, executable(file)));
          bytes[0] += attributes.size();
        } else if (attributes.isSymbolicLink()) {
          linked(file, relative);
        } else {
          refused.add(new Refusal(relative, "not a plain file (a device, pipe or socket)", true));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException error) {
        countChild();
        refused.add(new Refusal(relative(realRoot, file), "unreadable (" + error.getClass().getSimpleName() + ")",
            false));
        return FileVisitResult.CONTINUE;
      }

      private void linked(Path link, String relative) throws IOException {
        Path target;
        try {
          target = link.toRealPath();
        } catch (IOException dangling) {
          refused.add(new Refusal(relative, "a link to nothing", false));
          return;
        }
        if (!target.startsWith(realRoot)) {
          refused.add(new Refusal(relative, "a link that leaves the project", true));
        } else if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          refused.add(new Refusal(relative, "a link to a folder (not followed)", false));
        } else if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
          files.add(new TreeFile(target, relative, executable(target)));
          bytes[0] += Files.size(target);
        } else {
          refused.add(new Refusal(relative, "a link to something that is not a plain file", true));
        }
      }

      private void countChild() {
        if (!childCounts.isEmpty()) {
          childCounts.get(childCounts.size() - 1)[0]++;
        }
      }
    });
    return new Listing(realRoot, files, empty, refused, bytes[0]);
  }

  private static boolean executable(Path file) throws IOException {
    try {
      return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OWNER_EXECUTE);
    } catch (UnsupportedOperationException notPosix) {
      return false;
    }
  }

  private static String relative(Path root, Path path) {
    return root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
  }
}
