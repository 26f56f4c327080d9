package dev.sandboxplugin.runnerimage;

import dev.sandboxplugin.engine.DockerEngine;
import dev.sandboxplugin.network.WitnessRootFs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the CI runner image {@code sandbox-maven-plugin/runner:<version>}: the Debian root file system (cached),
 * a local repository filled by real Maven runs, assembled by jib-core into a {@code docker save} tar, then loaded
 * into the engine. Run by the module's build ({@code exec:java}) with {@code name=value} arguments.
 */
public final class RunnerImageBuild {

  private RunnerImageBuild() {}

  /**
   * Builds and loads the image.
   *
   * @param args {@code mavenHome=}, {@code pluginRepo=}, {@code userRepo=}, {@code examples=}, {@code work=},
   *     {@code output=} (the tar), {@code version=}, optionally {@code cacheDir=}
   * @throws Exception any failure, with a message saying what to do
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (equals <= 0) {
        throw new IllegalArgumentException("expected name=value, got " + arg);
      }
      options.put(arg.substring(0, equals), arg.substring(equals + 1));
    }
    long started = System.nanoTime();
    String version = required(options, "version");
    String reference = RunnerImage.REPOSITORY + ":" + version;
    Path work = Path.of(required(options, "work"));
    Path output = Path.of(required(options, "output"));
    Path cacheDir = options.containsKey("cacheDir") && !options.get("cacheDir").isBlank()
        ? Path.of(options.get("cacheDir")) : defaultCacheDir();
    Files.createDirectories(work);

    Path base = RunnerRootFs.ensure(cacheDir, RunnerImageBuild::log);
    long filling = System.nanoTime();
    Path repository = new PrefilledRepository(Path.of(required(options, "mavenHome")),
        Path.of(required(options, "pluginRepo")), Path.of(required(options, "userRepo")),
        Path.of(required(options, "examples")), version).fill(work, RunnerImageBuild::log);
    log("Runner image: local repository ready in " + millis(filling) + " ms");
    try (DockerEngine engine = DockerEngine.connect()) {
      Path witness = WitnessRootFs.prebuilt(engine, cacheDir, RunnerImageBuild::log);
      long assembling = System.nanoTime();
      String imageId = RunnerImage.build(base, repository, List.of(witness), work, output, reference, version);
      log("Runner image: " + output + " written by jib in " + millis(assembling) + " ms");
      long loading = System.nanoTime();
      String id = RunnerImage.load(engine, output, reference, imageId);
      log("Runner image: loaded as " + reference + " (" + id + ") in " + millis(loading) + " ms");
    }
    log("Runner image: done in " + millis(started) + " ms");
  }

  // Where the plugin keeps its caches: the runner's root file system sits beside the polyglot base.
  private static Path defaultCacheDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("sandbox-maven-plugin");
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing argument " + name + "=...");
    }
    return value;
  }

  private static long millis(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }

  private static void log(String line) {
    System.out.println("[runner-image] " + line);
  }
}
