package dev.sandboxplugin.network;

import dev.sandboxplugin.engine.DockerEngine;
import dev.sandboxplugin.image.DebianBase;
import dev.sandboxplugin.image.DebianRootFs;
import dev.sandboxplugin.image.ImageBuildException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The network witness's image: Debian's python3.11-minimal unpacked on its own (no shell, no package manager, no
 * setuid file, ~30 MB), with {@code witness.py} in it. Made offline by mmdebstrap in a few seconds, once per
 * machine; the script is part of its cache key.
 */
final class WitnessImage {

  static final String SCRIPT = "/usr/local/lib/sandbox/witness.py";
  static final List<String> COMMAND = List.of("/usr/bin/python3.11", "-I", "-S", "-u", SCRIPT);

  private static final DebianBase BASE = new DebianBase("network witness", "sandbox-maven-plugin/network-witness",
      "network-witness", new DebianRootFs("network-witness-v1", "extract", List.of("python3.11-minimal"),
          stripScript(script()), List.of()),
      Map.of("PATH", "/usr/bin:/bin"), "0:0",
      "install mmdebstrap, or run on a machine whose engine already has the image (the CI runner image does)");

  private WitnessImage() {}

  // A build that failed is not tried again by every run of this JVM (a reactor, a scan): each try costs seconds.
  private static volatile ImageBuildException failed;

  /** The engine reference of the image, built or loaded first when needed. */
  static String ensure(DockerEngine engine, Path cacheDir, Consumer<String> progress) {
    if (failed != null) {
      throw failed;
    }
    try {
      return BASE.ensure(engine, cacheDir, progress);
    } catch (ImageBuildException e) {
      failed = e;
      throw e;
    }
  }

  /** The cached root file system the image is loaded from, built first when needed. */
  static Path rootFs(DockerEngine engine, Path cacheDir, Consumer<String> progress) {
    ensure(engine, cacheDir, progress);
    Path folder = BASE.cachedRootFs(cacheDir);
    if (folder == null) {
      throw new ImageBuildException("the network witness's image is in the engine, but its root file system is not"
          + " under " + cacheDir + "; remove the image sandbox-maven-plugin/network-witness and try again");
    }
    return folder;
  }

  // Strips what is not needed to run the script, and puts the script in.
  private static String stripScript(String witness) {
    return """
        set -eu
        r="$1"
        # apt's own files go in mmdebstrap's cleanup, after this hook; no apt or dpkg program was unpacked.
        rm -rf "$r"/usr/share/doc "$r"/usr/share/man "$r"/usr/share/info "$r"/var/log/*
        find "$r" -xdev ! -type l -perm /6000 -exec chmod ug-s {} +
        mkdir -p "$r/usr/local/lib/sandbox"
        cat > "$r%s" <<'SANDBOX_WITNESS_END'
        %sSANDBOX_WITNESS_END
        chmod 0644 "$r%s"
        """.formatted(SCRIPT, witness, SCRIPT);
  }

  private static String script() {
    try (InputStream in = WitnessImage.class.getResourceAsStream("witness.py")) {
      if (in == null) {
        throw new IllegalStateException("witness.py is missing from the plugin's jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read witness.py from the plugin's jar", e);
    }
  }
}
