package dev.sandboxplugin.policy;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A folder the payload may write to besides {@code /tmp}: a tmpfs of its own at an absolute path, mounted like
 * {@code /tmp} ({@code noexec,nosuid,nodev}, size-capped, counted as container memory), empty at every start and
 * gone after the run. Nothing of the host is mounted: a writable path never reaches the host's disk.
 *
 * @param path absolute, normalized, e.g. {@code /app/out}
 * @param size most bytes the folder may hold
 */
public record WritablePath(String path, MemorySize size) {

  /** The size of a writable path that names none: the same as {@code /tmp}'s default. */
  public static final MemorySize DEFAULT_SIZE = MemorySize.ofMegabytes(64);

  // Plain names only: the path becomes a mount point and a key of the engine's tmpfs map.
  private static final Pattern SYNTAX = Pattern.compile("(/[A-Za-z0-9._-]+)+");
  // Kernel and engine views (and /tmp, which is writable already): nothing may be mounted at or under them.
  private static final List<String> NOT_UNDER = List.of("/proc", "/sys", "/dev", "/etc", "/tmp");
  // Folders the image needs to run: a tmpfs on one (or on a parent of one) would hide the runtime or the payload.
  private static final List<String> NOT_OVER = List.of("/app", "/bin", "/sbin", "/lib", "/lib64", "/usr", "/opt");

  public WritablePath {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(size, "size");
  }

  /**
   * Checks {@code path} and pairs it with {@code size} ({@link #DEFAULT_SIZE} when null).
   *
   * @throws InvalidPolicyException naming the path and what to write instead
   */
  public static WritablePath of(String path, MemorySize size) {
    String text = path == null ? "" : path.trim();
    if (text.length() > 1 && text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    if (!text.startsWith("/")) {
      throw invalid(path, "is not an absolute path; write one such as /app/out");
    }
    if (text.equals("/")) {
      throw invalid(path, "is the root; name a folder such as /app/out");
    }
    if (text.length() > 255 || !SYNTAX.matcher(text).matches()) {
      throw invalid(path, "may only have letters, digits, '.', '_' and '-' between single slashes");
    }
    for (String segment : text.substring(1).split("/")) {
      if (segment.equals(".") || segment.equals("..")) {
        throw invalid(path, "has a '.' or '..' segment; write the folder it means");
      }
    }
    for (String root : NOT_UNDER) {
      if (text.equals(root) || text.startsWith(root + "/")) {
        throw invalid(path, "is " + (text.equals(root) ? "" : "under ") + root + ", which the engine manages"
            + (root.equals("/tmp") ? " and is writable already" : "") + "; pick another folder, e.g. /app/out");
      }
    }
    for (String needed : NOT_OVER) {
      if (needed.equals(text) || needed.startsWith(text + "/")) {
        throw invalid(path, "would hide " + needed + ", which the payload needs to run; pick a folder below it,"
            + " e.g. /app/out");
      }
    }
    return new WritablePath(text, size == null ? DEFAULT_SIZE : size);
  }

  private static InvalidPolicyException invalid(String path, String why) {
    return new InvalidPolicyException("writablePaths = '" + path + "' " + why);
  }

  /**
   * The options of every tmpfs the payload can write to. The size cap counts file contents only: the kernel's
   * memory for each file (about 1 KiB) comes on top, so a storm of empty files would cost the host memory long
   * before the cap. One file per 8 KiB of size (at least 4096) turns such a storm into "No space left on device".
   * mode=1777: the engine would make it root's 755, and the payload runs as 65532.
   *
   * @param fileCountCap false for an engine that refuses {@code nr_inodes} (Podman): the memory limit then bounds it
   */
  public static String tmpfsOptions(MemorySize size, boolean fileCountCap) {
    return "rw,noexec,nosuid,nodev,size=" + size.bytes() + (fileCountCap ? ",nr_inodes=" + inodesFor(size) : "")
        + ",mode=1777";
  }

  static long inodesFor(MemorySize size) {
    return Math.max(4096, size.bytes() / (8 * 1024));
  }

  @Override
  public String toString() {
    return path + " (" + size + ")";
  }
}
