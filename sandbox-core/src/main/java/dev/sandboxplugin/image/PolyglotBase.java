package dev.sandboxplugin.image;

import dev.sandboxplugin.engine.DockerEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The default base of script payloads, made without any registry: a Debian root file system with python3, node,
 * a POSIX shell (dash, and bash) and CA certificates, built by {@code mmdebstrap} from Debian's own packages, then
 * stripped of the package manager and of every setuid/setgid bit, with passwd/group naming uid and gid 65532.
 *
 * <p>It is built once per machine and cache key (package list, suite, sources, strip script, mmdebstrap's
 * version), as a {@link DebianBase}.
 */
final class PolyglotBase {

  static final String REPOSITORY = "sandbox-maven-plugin/polyglot-base";

  /** What scripts get. wget and mount are there so that a script's download or mount attempt meets the kernel. */
  static final List<String> PACKAGES = List.of("python3", "nodejs", "ca-certificates", "wget", "mount");

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
  private static final DebianBase BASE = new DebianBase("polyglot base", REPOSITORY, "polyglot", ROOT_FS,
      environment(), OfflineJavaBase.USER,
      "set sandbox.baseImage to an image with the interpreter, e.g. docker://python:3.11-slim");

  private PolyglotBase() {}

  /** The engine reference of the base, built or loaded first when needed (see {@link DebianBase#ensure}). */
  static String ensure(DockerEngine engine, Path cacheDir, Consumer<String> progress) {
    return BASE.ensure(engine, cacheDir, progress);
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
    return BASE.cacheKey(toolVersion);
  }
}
