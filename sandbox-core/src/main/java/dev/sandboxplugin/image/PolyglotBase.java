package dev.sandboxplugin.image;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import dev.sandboxplugin.engine.DockerEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
  static final String SUITE = "bookworm";
  // Security updates too: the base is built once and then kept, so it should start from the fixed versions.
  static final List<String> SOURCES = List.of(
      "deb http://deb.debian.org/debian bookworm main",
      "deb http://deb.debian.org/debian bookworm-updates main",
      "deb http://deb.debian.org/debian-security bookworm-security main");

  // mmdebstrap's merged-/usr hook: without it, Debian 12 pulls usrmerge and with it all of perl (~50 MB).
  private static final Path MERGED_USR_HOOKS = Path.of("/usr/share/mmdebstrap/hooks/merged-usr");
  private static final Pattern TOOL_VERSION = Pattern.compile("\\$VERSION\\s*=\\s*'([^']+)'");
  private static final long BUILD_TIMEOUT_MINUTES = 20;
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

  private PolyglotBase() {}

  /**
   * Returns the engine reference of the base, loading it from the cached root file system or building that
   * first when needed. Concurrent builds on one machine wait for the first one (a file lock) instead of repeating it.
   *
   * @param progress told once when a build or a load starts, since those take a while
   */
  static String ensure(DockerEngine engine, Path cacheDir, Consumer<String> progress) {
    if (onPath("mmdebstrap") == null) {
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
            + SUITE + ", with mmdebstrap) once for this machine; it takes a minute or two. Cache: " + dir);
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
    List<String> lines = new ArrayList<>();
    lines.add("polyglot-base-v1");
    lines.add("mmdebstrap " + toolVersion);
    lines.add("suite " + SUITE);
    lines.add("packages " + String.join(",", PACKAGES));
    lines.addAll(SOURCES);
    lines.add("merged-usr-hook " + Files.isDirectory(MERGED_USR_HOOKS));
    lines.add(STRIP_SCRIPT);
    return Fingerprint.of(lines);
  }

  /**
   * mmdebstrap's version, read from the script itself: starting Perl to ask would cost more than the whole
   * unchanged-base check.
   */
  static String toolVersion() {
    Path tool = onPath("mmdebstrap");
    if (tool == null) {
      throw new ImageBuildException("script payloads need mmdebstrap to build their offline base from Debian's"
          + " packages, and it is not on the PATH; install it (Debian: apt-get install mmdebstrap) or set"
          + " sandbox.baseImage to an image with the interpreter, e.g. docker://python:3.11-slim");
    }
    try (InputStream in = Files.newInputStream(tool)) {
      Matcher matcher = TOOL_VERSION.matcher(new String(in.readNBytes(8192), StandardCharsets.UTF_8));
      return matcher.find() ? matcher.group(1) : "unknown " + Files.size(tool);
    } catch (IOException e) {
      throw new ImageBuildException("cannot read " + tool + ": " + e.getMessage(), e);
    }
  }

  private static void build(Path dir, Path rootfs) throws IOException {
    Path hook = dir.resolve("strip.sh");
    Files.writeString(hook, STRIP_SCRIPT, StandardCharsets.UTF_8);
    Path partial = dir.resolve("rootfs.tar.partial");
    JavaRuntimeImage.deleteTree(partial); // left by a build that was killed
    Path log = dir.resolve("mmdebstrap.log");
    List<String> command = new ArrayList<>(List.of("mmdebstrap",
        // Only Essential packages and what ours depend on; no recommends.
        "--variant=essential",
        "--format=tar",
        "--include=" + String.join(",", PACKAGES),
        "--dpkgopt=path-exclude=/usr/share/doc/*",
        "--dpkgopt=path-exclude=/usr/share/man/*",
        "--dpkgopt=path-exclude=/usr/share/info/*",
        "--dpkgopt=path-exclude=/usr/share/locale/*",
        "--customize-hook=sh " + hook + " \"$1\"",
        // The engine makes /dev; device nodes in the image would be noise at best.
        "--skip=output/dev",
        // The strip script removes apt's configuration, lists and cache itself: nothing for these steps to clean.
        "--skip=cleanup/apt", "--skip=cleanup/mmdebstrap"));
    if (Files.isDirectory(MERGED_USR_HOOKS)) {
      command.add("--hook-dir=" + MERGED_USR_HOOKS);
    }
    command.add(SUITE);
    command.add(partial.toString());
    command.addAll(SOURCES);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // Fixed file times: the same packages give the same tar.
    builder.environment().put("SOURCE_DATE_EPOCH", "1");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new ImageBuildException("cannot start mmdebstrap: " + e.getMessage()
          + "; install it (Debian: apt-get install mmdebstrap) or set sandbox.baseImage", e);
    }
    try {
      if (!process.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new ImageBuildException("mmdebstrap did not finish within " + BUILD_TIMEOUT_MINUTES
            + " minutes; is deb.debian.org reachable? Log: " + log);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new ImageBuildException("interrupted while building the polyglot base", e);
    }
    if (process.exitValue() != 0) {
      Files.deleteIfExists(partial);
      throw new ImageBuildException("mmdebstrap failed (exit " + process.exitValue() + ") building the polyglot base: "
          + tail(log) + " ... Full log: " + log + ". It needs root (or user namespaces) and deb.debian.org;"
          + " or set sandbox.baseImage to an image with the interpreter");
    }
    Files.move(partial, rootfs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  // Loaded as a docker-save archive rather than imported: the load call streams reliably through our transport,
  // and the image gets its user, environment and labels with it.
  private static void load(DockerEngine engine, Path rootfs, String reference, String key) throws IOException {
    SingleLayerArchive archive = SingleLayerArchive.of(rootfs, reference, environment(), OfflineJavaBase.USER,
        PayloadImageBuilder.WORKDIR, Map.of(BASE_LABEL, "polyglot", KEY_LABEL, key),
        "mmdebstrap --variant=essential --include=" + String.join(",", PACKAGES) + " " + SUITE);
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

  private static Path onPath(String name) {
    String path = System.getenv("PATH");
    for (String dir : (path == null ? "/usr/bin:/bin" : path).split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return Path.of(dir, name);
      }
    }
    return null;
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
