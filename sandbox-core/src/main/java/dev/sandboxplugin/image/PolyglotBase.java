package dev.sandboxplugin.image;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import dev.sandboxplugin.engine.DockerEngine;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The default base of script payloads, made without any registry: a Debian root file system with python3, node,
 * a POSIX shell (dash, and bash) and CA certificates, built by {@code mmdebstrap} from Debian's own packages, then
 * stripped of the package manager and of every setuid/setgid bit, with passwd/group naming uid and gid 65532.
 *
 * <p>It is built once per machine and cache key (package list, suite, sources, strip script, mmdebstrap's
 * version): the root file system is kept as a tar under the cache folder and
 * loaded into the engine under a tag named by the key. An unchanged key costs one inspect.
 */
final class PolyglotBase {

  static final String REPOSITORY = "sandbox-maven-plugin/polyglot-base";
  static final String BASE_LABEL = "dev.sandboxplugin.base";
  static final String KEY_LABEL = "dev.sandboxplugin.base-key";

  /** What scripts get. wget and mount are there so that a script's download or mount attempt meets the kernel. */
  static final List<String> PACKAGES = List.of("python3", "nodejs", "ca-certificates", "wget", "mount");
  private static final Object IN_THIS_JVM = new Object();

  /**
   * Runs inside the finished root file system ({@code $1}) before it is packed. It removes what installs software,
   * strips setuid/setgid bits, then checks that neither is left (the build fails otherwise), and adds the sandbox
   * user. Part of the cache key: editing it makes a new base.
   */
  static final String STRIP_SCRIPT = """
      set -eu
      r="$1"
      # Nothing in a sandbox installs software: no dpkg, no apt, no state they would read.
      rm -rf "$r"/usr/bin/dpkg* "$r"/usr/sbin/dpkg* "$r"/usr/bin/update-alternatives "$r"/usr/sbin/update-alternatives \\
        "$r"/usr/bin/apt* "$r"/var/lib/dpkg "$r"/var/lib/apt "$r"/var/cache/apt "$r"/var/cache/debconf \\
        "$r"/etc/apt "$r"/etc/dpkg "$r"/var/log/* "$r"/usr/share/doc "$r"/usr/share/man "$r"/usr/share/info
      # setuid/setgid programs (mount, su, passwd, ...) would be the way back to root: strip the bits.
      find "$r" -xdev ! -type l -perm /6000 -exec chmod ug-s {} +
      left="$(find "$r" -xdev ! -type l -perm /6000)"
      if [ -n "$left" ]; then echo "polyglot base: setuid/setgid files left: $left" >&2; exit 1; fi
      for tool in dpkg dpkg-deb apt apt-get pip pip3 npm gcc cc c++ g++ clang tcc as ld make; do
        for dir in usr/bin usr/sbin usr/local/bin; do
          if [ -e "$r/$dir/$tool" ] || [ -L "$r/$dir/$tool" ]; then
            echo "polyglot base: $dir/$tool must not be in the image" >&2; exit 1
          fi
        done
      done
      echo 'sandbox:x:65532:65532:sandbox:/tmp:/usr/sbin/nologin' >> "$r/etc/passwd"
      echo 'sandbox:x:65532:' >> "$r/etc/group"
      mkdir -p "$r/app"
      """;

  // The strip script removes apt's configuration, lists and cache itself: nothing for these steps to clean.
  private static final DebianRootFs ROOT_FS = new DebianRootFs("polyglot-base-v1", PACKAGES, STRIP_SCRIPT,
      List.of("--skip=cleanup/apt", "--skip=cleanup/mmdebstrap"));

  private PolyglotBase() {}

  /**
   * Returns the engine reference of the base, loading it from the cached root file system or building that
   * first when needed. Concurrent builds on one machine wait for the first one (a file lock) instead of repeating it.
   *
   * @param progress told once when a build or a load starts, since those take a while
   */
  static String ensure(DockerEngine engine, Path cacheDir, Consumer<String> progress) {
    if (mmdebstrapMissing()) {
      // No tool, so no key: a base that is already in the engine (built earlier, or shipped in a CI runner
      // image) is used as it is; only when there is none is the missing tool an error.
      String loaded = loadedBase(engine);
      if (loaded != null) {
        return loaded;
      }
    }
    String key = cacheKey(toolVersion());
    String reference = REPOSITORY + ":" + key.substring(0, 16);
    if (exists(engine, reference)) {
      return reference;
    }
    Path dir = cacheDir.resolve("polyglot-base").resolve(key.substring(0, 16));
    try {
      Files.createDirectories(dir);
      // The JVM-wide lock first: two threads of one JVM (mvn -T) taking the same file lock would throw.
      synchronized (IN_THIS_JVM) {
        return ensureLocked(engine, dir, reference, key, progress);
      }
    } catch (IOException e) {
      throw new ImageBuildException("cannot build the polyglot base under " + dir + ": " + e.getMessage()
          + "; check that the folder is writable (sandbox.cacheDir) and has ~600 MB free", e);
    }
  }

  private static String ensureLocked(DockerEngine engine, Path dir, String reference, String key,
      Consumer<String> progress) throws IOException {
    try (FileChannel channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      if (exists(engine, reference)) {
        return reference; // another build made it while we waited
      }
      Path rootfs = dir.resolve("rootfs.tar");
      if (!Files.isRegularFile(rootfs)) {
        progress.accept("Sandbox: building the polyglot base (" + String.join(", ", PACKAGES) + " from Debian "
            + DebianRootFs.SUITE + ", with mmdebstrap) once for this machine; it takes a minute or two. Cache: " + dir);
        long started = System.nanoTime();
        build(dir, rootfs);
        progress.accept("Sandbox: polyglot base built in " + (System.nanoTime() - started) / 1_000_000 + " ms");
      }
      progress.accept("Sandbox: loading the polyglot base into the engine as " + reference);
      load(engine, rootfs, reference, key);
      removeOlderBases(engine, key);
      return reference;
    }
  }

  /** The image's environment: set in the base's config and again by each payload image built on it. */
  static Map<String, String> environment() {
    return Map.of(
        "PATH", "/usr/local/bin:/usr/bin:/bin",
        "HOME", "/tmp",
        "LANG", "C.UTF-8",
        // Output must not sit in a buffer when the deadline kills the payload, and the verdict reads it.
        "PYTHONUNBUFFERED", "1",
        // The root is read-only: do not even try to write .pyc files next to the script.
        "PYTHONDONTWRITEBYTECODE", "1");
  }

  static String cacheKey(String toolVersion) {
    return ROOT_FS.cacheKey(toolVersion);
  }

  static String toolVersion() {
    try {
      String version = DebianRootFs.toolVersion();
      if (version == null) {
        throw new ImageBuildException("script payloads need mmdebstrap to build their offline base from Debian's"
            + " packages, and it is not on the PATH; install it (Debian: apt-get install mmdebstrap) or set"
            + " sandbox.baseImage to an image with the interpreter, e.g. docker://python:3.11-slim");
      }
      return version;
    } catch (IOException e) {
      throw new ImageBuildException("cannot read mmdebstrap's version: " + e.getMessage(), e);
    }
  }

  private static void build(Path dir, Path rootfs) {
    try {
      ROOT_FS.build(dir, rootfs);
    } catch (IOException e) {
      throw new ImageBuildException(e.getMessage() + "; or set sandbox.baseImage to an image with the interpreter", e);
    }
  }

  // Loaded as a docker-save archive rather than imported: the load call streams reliably through our transport,
  // and the image gets its user, environment and labels with it.
  private static void load(DockerEngine engine, Path rootfs, String reference, String key) throws IOException {
    SingleLayerArchive archive = SingleLayerArchive.of(rootfs, reference, environment(), OfflineJavaBase.USER,
        PayloadImageBuilder.WORKDIR, Map.of(BASE_LABEL, "polyglot", KEY_LABEL, key),
        "mmdebstrap --variant=essential --include=" + String.join(",", PACKAGES) + " " + DebianRootFs.SUITE);
    AtomicReference<IOException> writeFailure = new AtomicReference<>();
    try (PipedInputStream toEngine = new PipedInputStream(1 << 16)) {
      PipedOutputStream fromUs = new PipedOutputStream(toEngine);
      Thread writer = new Thread(() -> {
        try (OutputStream out = fromUs) {
          archive.writeTo(out);
        } catch (IOException e) {
          writeFailure.set(e);
        }
      }, "sandbox-polyglot-load");
      writer.setDaemon(true);
      writer.start();
      try {
        engine.client().loadImageCmd(toEngine).exec();
      } catch (DockerException e) {
        throw new ImageBuildException("the engine refused to load the polyglot base from " + rootfs + ": "
            + e.getMessage() + "; does it have disk space?", e);
      } finally {
        writer.join(60_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageBuildException("interrupted while loading the polyglot base", e);
    }
    if (writeFailure.get() != null) {
      throw writeFailure.get();
    }
    if (!exists(engine, reference)) {
      throw new ImageBuildException("the engine loaded the polyglot base but has no image " + reference
          + "; delete " + rootfs.getParent() + " and try again");
    }
  }

  // A new key (other packages, a newer mmdebstrap) leaves the previous base behind; only ours carry the label.
  private static void removeOlderBases(DockerEngine engine, String key) {
    for (Image older : engine.client().listImagesCmd().withLabelFilter(Map.of(BASE_LABEL, "polyglot")).exec()) {
      Map<String, String> labels = older.getLabels() == null ? Map.of() : older.getLabels();
      // Payload images inherit the labels; only the bases themselves carry our repository's tag.
      boolean isBase = older.getRepoTags() != null
          && java.util.Arrays.stream(older.getRepoTags()).anyMatch(tag -> tag.startsWith(REPOSITORY + ":"));
      if (isBase && !key.equals(labels.get(KEY_LABEL))) {
        try {
          engine.client().removeImageCmd(older.getId()).withForce(false).exec();
        } catch (DockerException inUse) {
          // Payload images or containers still use it; it goes when they do and a later build runs.
        }
      }
    }
  }

  // Loading a base removes those of older keys, so there is usually one; if several, the first by name.
  private static String loadedBase(DockerEngine engine) {
    java.util.TreeSet<String> tags = new java.util.TreeSet<>();
    for (Image image : engine.client().listImagesCmd().withLabelFilter(Map.of(BASE_LABEL, "polyglot")).exec()) {
      for (String tag : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
        if (tag.startsWith(REPOSITORY + ":")) {
          tags.add(tag);
        }
      }
    }
    return tags.isEmpty() ? null : tags.first();
  }

  private static boolean exists(DockerEngine engine, String reference) {
    try {
      engine.client().inspectImageCmd(reference).exec();
      return true;
    } catch (NotFoundException absent) {
      return false;
    }
  }

  private static boolean mmdebstrapMissing() {
    try {
      return DebianRootFs.toolVersion() == null;
    } catch (IOException unreadable) {
      return false; // there, if unreadable: its build will say why
    }
  }
}
