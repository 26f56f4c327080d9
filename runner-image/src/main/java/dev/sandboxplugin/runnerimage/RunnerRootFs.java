package dev.sandboxplugin.runnerimage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
  static final String SUITE = "bookworm";
  static final List<String> SOURCES = List.of(
      "deb http://deb.debian.org/debian bookworm main",
      "deb http://deb.debian.org/debian bookworm-updates main",
      "deb http://deb.debian.org/debian-security bookworm-security main");
  static final String JAVA_HOME = "/usr/lib/jvm/java-17-openjdk-amd64";
  static final int RUNNER_UID = 1000;

  private static final Path MERGED_USR_HOOKS = Path.of("/usr/share/mmdebstrap/hooks/merged-usr");
  private static final Pattern TOOL_VERSION = Pattern.compile("\\$VERSION\\s*=\\s*'([^']+)'");
  private static final long BUILD_TIMEOUT_MINUTES = 20;

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
          + SUITE + ", with mmdebstrap) once for this machine; it takes a minute or two. Cache: " + dir);
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
    List<String> lines = new ArrayList<>();
    lines.add("runner-rootfs-v1");
    lines.add("mmdebstrap " + toolVersion);
    lines.add("suite " + SUITE);
    lines.add("packages " + String.join(",", PACKAGES));
    lines.addAll(SOURCES);
    lines.add("merged-usr-hook " + Files.isDirectory(MERGED_USR_HOOKS));
    lines.add(STRIP_SCRIPT);
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static String toolVersion() throws IOException {
    Path tool = Path.of("/usr/bin/mmdebstrap");
    if (!Files.isRegularFile(tool)) {
      throw new IOException("the runner image is built with mmdebstrap from Debian's packages, and /usr/bin/mmdebstrap"
          + " is missing; run scripts/ensure-mmdebstrap (Debian: apt-get install mmdebstrap), or skip the image"
          + " with -Dsandbox.runnerImage.skip");
    }
    try (InputStream in = Files.newInputStream(tool)) {
      Matcher matcher = TOOL_VERSION.matcher(new String(in.readNBytes(8192), StandardCharsets.UTF_8));
      return matcher.find() ? matcher.group(1) : "unknown " + Files.size(tool);
    }
  }

  private static void build(Path dir, Path rootfs) throws IOException {
    Path hook = dir.resolve("strip.sh");
    Files.writeString(hook, STRIP_SCRIPT, StandardCharsets.UTF_8);
    Path partial = dir.resolve("rootfs.tar.partial");
    Files.deleteIfExists(partial);
    Path log = dir.resolve("mmdebstrap.log");
    List<String> command = new ArrayList<>(List.of("mmdebstrap",
        "--variant=essential",
        "--format=tar",
        "--include=" + String.join(",", PACKAGES),
        "--dpkgopt=path-exclude=/usr/share/doc/*",
        "--dpkgopt=path-exclude=/usr/share/man/*",
        "--dpkgopt=path-exclude=/usr/share/info/*",
        "--dpkgopt=path-exclude=/usr/share/locale/*",
        // openjdk's postinst registers its man pages as alternatives' slave links; they need the folder to exist.
        "--essential-hook=mkdir -p \"$1/usr/share/man/man1\"",
        "--customize-hook=sh " + hook + " \"$1\"",
        "--skip=output/dev"));
    if (Files.isDirectory(MERGED_USR_HOOKS)) {
      command.add("--hook-dir=" + MERGED_USR_HOOKS);
    }
    command.add(SUITE);
    command.add(partial.toString());
    command.addAll(SOURCES);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("SOURCE_DATE_EPOCH", "1");
    Process process = builder.start();
    try {
      if (!process.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException("mmdebstrap did not finish within " + BUILD_TIMEOUT_MINUTES
            + " minutes; is deb.debian.org reachable? Log: " + log);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while building the runner image's root file system", e);
    }
    if (process.exitValue() != 0) {
      Files.deleteIfExists(partial);
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      throw new IOException("mmdebstrap failed (exit " + process.exitValue() + "): "
          + String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()))
          + " ... Full log: " + log + ". It needs root (or user namespaces) and deb.debian.org");
    }
    Files.move(partial, rootfs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
