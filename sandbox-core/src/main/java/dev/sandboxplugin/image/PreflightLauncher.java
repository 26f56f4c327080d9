package dev.sandboxplugin.image;

import dev.sandboxplugin.files.AtomicFile;
import dev.sandboxplugin.preflight.Preflight;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The layers that carry the preflight check into payload images, under {@code /app/launcher}: {@link Preflight}
 * for JVM payloads, and its POSIX sh form for script payloads. Either runs before the payload and refuses to start
 * it when the hardening is not in effect.
 */
public final class PreflightLauncher {

  private static final String CLASS_FILE = Preflight.class.getName().replace('.', '/') + ".class";
  private static final String SHELL_RESOURCE = "dev/sandboxplugin/preflight/preflight.sh";

  private PreflightLauncher() {}

  /** The layer with {@link Preflight}'s class file, for JVM payloads. */
  static ImageLayer layer(Path cacheDir) {
    return cachedLayer(cacheDir, CLASS_FILE, CLASS_FILE, "/app/launcher/" + CLASS_FILE);
  }

  /** The layer with the shell preflight, for script payloads. */
  static ImageLayer shellLayer(Path cacheDir) {
    return cachedLayer(cacheDir, SHELL_RESOURCE, "preflight.sh", Preflight.SHELL_FORM);
  }

  // The file is copied out of our own jar into the cache, named by its content, once.
  private static ImageLayer cachedLayer(Path cacheDir, String resource, String fileName, String containerPath) {
    byte[] bytes;
    try (InputStream in = Preflight.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new ImageBuildException("the preflight " + resource + " is missing from the plugin's classpath");
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new ImageBuildException("cannot read the preflight " + resource + ": " + e.getMessage(), e);
    }
    Path file;
    try {
      file = AtomicFile.inCache(cacheDir, "launcher", fileName, bytes);
    } catch (IOException e) {
      throw new ImageBuildException("cannot write the preflight under " + cacheDir + ": " + e.getMessage(), e);
    }
    return new ImageLayer("launcher", List.of(new ImageEntry(file, containerPath, ImageEntry.READ_ONLY_FILE)));
  }
}
