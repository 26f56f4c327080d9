package dev.sandboxplugin.image;

import dev.sandboxplugin.preflight.Preflight;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** The layer that carries {@link Preflight} into JVM payload images, at {@code /app/launcher}. */
public final class PreflightLauncher {

  private static final String CLASS_FILE = Preflight.class.getName().replace('.', '/') + ".class";

  private PreflightLauncher() {}

  /** The class file is copied out of our own jar into the cache, named by its content, once. */
  static ImageLayer layer(Path cacheDir) {
    byte[] bytes;
    try (InputStream in = Preflight.class.getClassLoader().getResourceAsStream(CLASS_FILE)) {
      if (in == null) {
        throw new ImageBuildException("the preflight launcher " + CLASS_FILE + " is missing from the plugin's classpath");
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new ImageBuildException("cannot read the preflight launcher: " + e.getMessage(), e);
    }
    String digest = Fingerprint.of(List.of(java.util.HexFormat.of().formatHex(bytes))).substring(0, 16);
    Path file = cacheDir.resolve("launcher-" + digest).resolve(CLASS_FILE);
    try {
      if (!Files.isRegularFile(file)) {
        Files.createDirectories(file.getParent());
        Path partial = Files.createTempFile(file.getParent(), ".launcher-", ".partial");
        Files.write(partial, bytes);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new ImageBuildException("cannot write the preflight launcher under " + cacheDir + ": " + e.getMessage(), e);
    }
    return new ImageLayer("launcher", List.of(
        new ImageEntry(file, "/app/launcher/" + CLASS_FILE, ImageEntry.READ_ONLY_FILE)));
  }

  /** Where script payloads find the shell form of the preflight, which their command starts first. */
  public static final String SHELL_PREFLIGHT = "/app/launcher/preflight.sh";
  private static final String SHELL_RESOURCE = "dev/sandboxplugin/preflight/preflight.sh";

  /** The layer that carries the shell form of the preflight into script payload images. */
  static ImageLayer shellLayer(Path cacheDir) {
    byte[] bytes;
    try (InputStream in = Preflight.class.getClassLoader().getResourceAsStream(SHELL_RESOURCE)) {
      if (in == null) {
        throw new ImageBuildException("the preflight script " + SHELL_RESOURCE + " is missing from the plugin's classpath");
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new ImageBuildException("cannot read the preflight script: " + e.getMessage(), e);
    }
    String digest = Fingerprint.of(List.of(java.util.HexFormat.of().formatHex(bytes))).substring(0, 16);
    Path file = cacheDir.resolve("launcher-" + digest).resolve("preflight.sh");
    try {
      if (!Files.isRegularFile(file)) {
        Files.createDirectories(file.getParent());
        Path partial = Files.createTempFile(file.getParent(), ".preflight-", ".partial");
        Files.write(partial, bytes);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (IOException e) {
      throw new ImageBuildException("cannot write the preflight script under " + cacheDir + ": " + e.getMessage(), e);
    }
    return new ImageLayer("launcher", List.of(new ImageEntry(file, SHELL_PREFLIGHT, ImageEntry.READ_ONLY_FILE)));
  }
}
