package dev.sandboxplugin;

import dev.sandboxplugin.image.BaseImage;
import dev.sandboxplugin.payload.Payload;
import dev.sandboxplugin.policy.SandboxPolicy;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one sandboxed run needs, as a value: what runs, under which policy, on which base, and where the
 * caches and the report go.
 *
 * @param baseImage where the image starts; the offline default is resolved to the base the payload needs (the
 *     polyglot base for scripts), see {@link BaseImage#fitting}
 * @param hostEnvironment the caller's environment; only the variables the policy allowlists are handed on
 * @param sourceRoot the project's root folder, which report.sarif's locations are relative to; null if none
 */
public record SandboxSpec(
    Payload payload,
    SandboxPolicy policy,
    BaseImage baseImage,
    Path cacheDir,
    Path reportDir,
    Map<String, String> hostEnvironment,
    Path sourceRoot) {

  public SandboxSpec {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(baseImage, "baseImage");
    baseImage = baseImage.fitting(payload);
    Objects.requireNonNull(cacheDir, "cacheDir");
    Objects.requireNonNull(reportDir, "reportDir");
    hostEnvironment = Map.copyOf(hostEnvironment);
  }

  /** A spec with no project root: report.sarif's results then have no location. */
  public SandboxSpec(Payload payload, SandboxPolicy policy, BaseImage baseImage, Path cacheDir, Path reportDir,
      Map<String, String> hostEnvironment) {
    this(payload, policy, baseImage, cacheDir, reportDir, hostEnvironment, null);
  }

  /** The usual cache: {@code $XDG_CACHE_HOME/sandbox-maven-plugin}, else {@code ~/.cache/sandbox-maven-plugin}. */
  public static Path defaultCacheDir(Map<String, String> environment) {
    String xdg = environment.get("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("sandbox-maven-plugin");
  }
}
