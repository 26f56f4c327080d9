package dev.sandboxplugin.engine;

import java.util.List;
import java.util.Locale;

/**
 * Which engine answers the Docker API. Podman's compatible API takes the same requests but reads a few settings its
 * own way, and the hardened container is made so that it comes out the same on both (see {@code HardenedHostConfig}).
 */
public enum EngineKind {
  /** Docker Engine (Moby), or any engine that does not say it is Podman. */
  DOCKER,
  /**
   * Podman's Docker-compatible service ({@code podman system service}). It reads a seccomp option as a file path
   * rather than the profile itself, refuses a tmpfs file-count cap ({@code nr_inodes}), and mounts writable tmpfs
   * of its own on {@code /run} and {@code /var/tmp} of a read-only container.
   */
  PODMAN;

  /** The kind the engine's version answer names: Podman lists a component "Podman Engine". */
  public static EngineKind fromComponents(List<String> componentNames) {
    return componentNames.stream().anyMatch(name -> name != null && name.toLowerCase(Locale.ROOT)
        .contains("podman")) ? PODMAN : DOCKER;
  }
}
