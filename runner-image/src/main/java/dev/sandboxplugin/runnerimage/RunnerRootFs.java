package dev.sandboxplugin.runnerimage;

import dev.sandboxplugin.image.DebianRootFs;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;

/**
 * The runner image's root file system: Debian 12 with a full JDK 17 (jlink, jmods, javac), Maven 3.8.7, glibc with
 * {@code ldd}, {@code objcopy}, a shell, git and jq, made by {@code mmdebstrap} from Debian's own packages (no registry), with every
 * setuid/setgid bit stripped and a user {@code runner} (1000:1000).
 *
 * <p>Why Debian packages rather than the build machine's JDK as a Jib layer: the plugin inside runs {@code jlink}
 * (needs the JDK's jmods) and {@code ldd} (a bash script of glibc's), {@code mvn} is a shell script, and CI
 * executors run job scripts with a shell; a real distribution gives all of that consistently, with the
 * symlinks and alternatives Jib's file layers would not keep. The tar is kept in the cache folder by a key of
 * its inputs, so it is made once per machine.
 */
final class RunnerRootFs {

  /**
   * binutils because Debian's jlink strips native debug symbols with {@code objcopy} under {@code --strip-debug},
   * which the plugin's offline base uses; jq for the GitHub Action's script; git for CI scripts and checkouts
   * ({@code sandbox:scan} needs the history, and {@code git fetch} of the target branch).
   */
  static final List<String> PACKAGES = List.of("openjdk-17-jdk-headless", "maven", "binutils", "git", "jq");
  static final String JAVA_HOME = "/usr/lib/jvm/java-17-openjdk-amd64";
  static final int RUNNER_UID = 1000;


  /**
   * Runs on the finished root file system ({@code $1}) before it is packed; part of the cache key. A CI job's
   * user must have no way back to root, so the build fails if any setuid/setgid file is left.
   */
  static final String STRIP_SCRIPT = """
      set -eu
      r="$1"
      rm -rf "$r"/usr/share/doc "$r"/usr/share/man "$r"/usr/share/info "$r"/var/log/* "$r"/var/cache/apt \\
        "$r"/var/lib/apt/lists
      find "$r" -xdev ! -type l -perm /6000 -exec chmod ug-s {} +
      left="$(find "$r" -xdev ! -type l -perm /6000)"
      if [ -n "$left" ]; then echo "runner image: setuid/setgid files left: $left" >&2; exit 1; fi
      [ -x "$r%1$s/bin/jlink" ] && [ -f "$r%1$s/jmods/java.base.jmod" ] || { echo "runner image: no jlink/jmods" >&2; exit 1; }
      echo 'runner:x:%2$d:%2$d:runner:/home/runner:/bin/bash' >> "$r/etc/passwd"
      echo 'runner:x:%2$d:' >> "$r/etc/group"
      mkdir -p "$r/home/runner/.m2" "$r/home/runner/.cache" "$r/home/runner/work"
      chown -R %2$d:%2$d "$r/home/runner"
      """.formatted(JAVA_HOME, RUNNER_UID);

  // openjdk's postinst registers its man pages as alternatives' slave links; they need the folder to exist.
  private static final DebianRootFs ROOT_FS = new DebianRootFs("runner-rootfs-v1", PACKAGES, STRIP_SCRIPT,
      List.of("--essential-hook=mkdir -p \"$1/usr/share/man/man1\""));

  private RunnerRootFs() {}

  /**
   * Returns the base archive (the root file system as a one-layer {@code docker save} tar) under {@code cacheDir},
   * building it first if needed. The raw root file system is not kept: the archive holds it.
   */
  static Path ensure(Path cacheDir, Consumer<String> log) throws IOException {
    String key = cacheKey(toolVersion());
    Path dir = cacheDir.resolve("runner-rootfs").resolve(key.substring(0, 16));
    Path archive = dir.resolve("base-image.tar");
    Files.createDirectories(dir);
    try (FileChannel channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      if (Files.isRegularFile(archive)) {
        log.accept("Runner image: root file system from the cache: " + archive);
        return archive;
      }
      log.accept("Runner image: building the root file system (" + String.join(", ", PACKAGES) + " from Debian "
          + DebianRootFs.SUITE + ", with mmdebstrap) once for this machine; it takes a minute or two. Cache: " + dir);
      long started = System.nanoTime();
      Path rootfs = dir.resolve("rootfs.tar");
      build(dir, rootfs);
      RunnerImage.writeBaseArchive(rootfs, archive);
      Files.delete(rootfs);
      log.accept("Runner image: root file system built in " + (System.nanoTime() - started) / 1_000_000 + " ms");
      removeOlderKeys(dir);
      return archive;
    }
  }

  // Each key holds ~0.8 GB (the root file system and its archive); an older key is never used again.
  private static void removeOlderKeys(Path current) {
    try (java.util.stream.Stream<Path> keys = Files.list(current.getParent())) {
      for (Path older : keys.filter(path -> !path.equals(current)).toList()) {
        PrefilledRepository.deleteTree(older);
      }
    } catch (IOException busyOrGone) {
      // Housekeeping only: another build may still be reading an older key.
    }
  }

  static String cacheKey(String toolVersion) {
    return ROOT_FS.cacheKey(toolVersion);
  }

  private static String toolVersion() throws IOException {
    String version = DebianRootFs.toolVersion();
    if (version == null) {
      throw new IOException("the runner image is built with mmdebstrap from Debian's packages, and it is not on the"
          + " PATH; run scripts/ensure-mmdebstrap (Debian: apt-get install mmdebstrap), or skip the image with"
          + " -Dsandbox.runnerImage.skip");
    }
    return version;
  }

  private static void build(Path dir, Path rootfs) throws IOException {
    ROOT_FS.build(dir, rootfs);
  }
}
