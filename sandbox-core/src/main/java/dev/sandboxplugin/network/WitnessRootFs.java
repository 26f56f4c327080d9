package dev.sandboxplugin.network;

import dev.sandboxplugin.engine.DockerEngine;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The network witness's root file system as the cache keeps it, for a CI runner image to ship: a runner has no
 * mmdebstrap, and loads the witness from it instead of going without one.
 */
public final class WitnessRootFs {

  private WitnessRootFs() {}

  /**
   * The folder under {@code cacheDir} with {@code rootfs.tar} and its {@code key}, built first when needed; ship it
   * at the same place under the runner's cache folder.
   */
  public static Path prebuilt(DockerEngine engine, Path cacheDir, Consumer<String> progress) {
    return WitnessImage.rootFs(engine, cacheDir, progress);
  }
}
