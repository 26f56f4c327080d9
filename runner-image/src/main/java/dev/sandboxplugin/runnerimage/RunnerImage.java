package dev.sandboxplugin.runnerimage;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import dev.sandboxplugin.image.DebianRootFs;
import dev.sandboxplugin.engine.DockerEngine;
import dev.sandboxplugin.image.SingleLayerArchive;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * Assembles the runner image with jib-core: the Debian root file system as its base layer (a docker-save archive
 * of one layer, read by Jib's tar base support), then the pre-filled local repository, owned by {@code runner}
 * so jobs may install into it, and Maven's global settings pointing at it. Written as a {@code docker save} tar,
 * then loaded into the engine.
 */
final class RunnerImage {

  static final String REPOSITORY = "sandbox-maven-plugin/runner";
  static final String LOCAL_REPOSITORY = "/opt/sandbox/repository";
  static final String HOME = "/home/runner";
  static final String USER = RunnerRootFs.RUNNER_UID + ":" + RunnerRootFs.RUNNER_UID;
  static final String IMAGE_LABEL = "dev.sandboxplugin.image";
  /** The plugin's cache folder for the runner ({@code $HOME/.cache/sandbox-maven-plugin}). */
  static final String CACHE_DIR = HOME + "/.cache/sandbox-maven-plugin";

  // Fixed times, sorted entries: the same repository gives the same layer digest.
  private static final Instant FILE_TIME = Instant.ofEpochSecond(1);
  private static final FilePermissions DIRECTORY = FilePermissions.fromOctalString("755");
  private static final FilePermissions FILE = FilePermissions.fromOctalString("644");
  private static final long LOAD_WAIT_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(5);

  /**
   * Maven's global settings ({@code /etc/maven/settings.xml}, which Debian's Maven reads as
   * {@code conf/settings.xml}): global rather than the user's, since CI executors often change {@code HOME}.
   */
  static final String SETTINGS = """
      <?xml version="1.0" encoding="UTF-8"?>
      <!-- sandbox-maven-plugin runner image: the plugin, its dependencies and the usual build plugins are in the
           local repository below, so `mvn -o ...` needs no network. A user's ~/.m2/settings.xml may add mirrors. -->
      <settings>
        <localRepository>%s</localRepository>
        <pluginGroups>
          <pluginGroup>dev.sandboxplugin</pluginGroup>
        </pluginGroups>
      </settings>
      """.formatted(LOCAL_REPOSITORY);

  private RunnerImage() {}

  /** The image's environment. */
  static Map<String, String> environment() {
    return new TreeMap<>(Map.of(
        "PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "JAVA_HOME", RunnerRootFs.JAVA_HOME,
        "MAVEN_HOME", "/usr/share/maven",
        "HOME", HOME,
        "LANG", "C.UTF-8"));
  }

  /** Writes {@code rootfs} as a one-layer {@code docker save} archive, Jib's base for this image. */
  static void writeBaseArchive(Path rootfs, Path archive) throws IOException {
    SingleLayerArchive base = SingleLayerArchive.of(rootfs, REPOSITORY + "-base:latest", environment(), USER, HOME,
        Map.of(IMAGE_LABEL, "runner-base"), "mmdebstrap --variant=essential --include="
            + String.join(",", RunnerRootFs.PACKAGES) + " " + DebianRootFs.SUITE);
    Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
    try (OutputStream out = Files.newOutputStream(partial)) {
      base.writeTo(out);
    }
    Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Builds the image into {@code output} as {@code reference}.
   *
   * @return the image id (the digest of its config), which the engine reports once it has loaded it
   */
  static String build(Path baseArchive, Path repository, List<Path> cacheFolders, Path work, Path output,
      String reference, String version) throws IOException, InterruptedException {
    Path settings = work.resolve("settings.xml");
    Files.writeString(settings, SETTINGS, StandardCharsets.UTF_8);
    FileEntriesLayer.Builder repositoryLayer = FileEntriesLayer.builder().setName("local-repository");
    AbsoluteUnixPath root = AbsoluteUnixPath.get(LOCAL_REPOSITORY);
    try (Stream<Path> walk = Files.walk(repository)) {
      for (Path path : walk.sorted().toList()) {
        AbsoluteUnixPath target = root.resolve(repository.relativize(path).toString().replace('\\', '/'));
        repositoryLayer.addEntry(path, target, Files.isDirectory(path) ? DIRECTORY : FILE, FILE_TIME, USER);
      }
    }
    // Prebuilt bases (the network witness's root file system) at their place under the runner's cache folder, the
    // runner's own so that it can take its lock files there: a runner has no mmdebstrap to build them.
    FileEntriesLayer.Builder cacheLayer = FileEntriesLayer.builder().setName("sandbox-cache");
    AbsoluteUnixPath cacheRoot = AbsoluteUnixPath.get(CACHE_DIR);
    for (String folder : List.of(HOME + "/.cache", CACHE_DIR)) {
      cacheLayer.addEntry(work, AbsoluteUnixPath.get(folder), DIRECTORY, FILE_TIME, USER);
    }
    for (Path folder : cacheFolders) {
      Path cache = folder.getParent().getParent();
      AbsoluteUnixPath kind = cacheRoot.resolve(cache.relativize(folder.getParent()).toString());
      cacheLayer.addEntry(folder.getParent(), kind, DIRECTORY, FILE_TIME, USER);
      cacheLayer.addEntry(folder, kind.resolve(folder.getFileName().toString()), DIRECTORY, FILE_TIME, USER);
      for (String file : List.of("rootfs.tar", "key")) {
        cacheLayer.addEntry(folder.resolve(file), kind.resolve(folder.getFileName().toString()).resolve(file), FILE,
            FILE_TIME, USER);
      }
    }
    FileEntriesLayer settingsLayer = FileEntriesLayer.builder().setName("maven-settings")
        .addEntry(settings, AbsoluteUnixPath.get("/etc/maven/settings.xml"), FILE, FILE_TIME, "0:0")
        .build();
    JibContainerBuilder image = Jib.from(TarImage.at(baseArchive))
        .setFileEntriesLayers(List.of(repositoryLayer.build(), cacheLayer.build(), settingsLayer))
        .setEnvironment(environment())
        .setUser(USER)
        .setWorkingDirectory(AbsoluteUnixPath.get(HOME))
        .setEntrypoint(List.of())
        .setProgramArguments(List.of("/bin/bash"))
        .setLabels(Map.of(IMAGE_LABEL, "runner", "org.opencontainers.image.title", "sandbox-maven-plugin runner",
            "org.opencontainers.image.version", version))
        .setCreationTime(FILE_TIME)
        .setFormat(ImageFormat.Docker);
    try {
      Files.deleteIfExists(output);
      return image.containerize(Containerizer.to(TarImage.at(output).named(reference))
          .setOfflineMode(true)
          // Jib's caches never evict: the base layer's beside its root file system (removed with an older key),
          // the repository layer (new with every build of the plugin) under target/.
          .setBaseImageLayersCache(baseArchive.resolveSibling("jib-base-cache"))
          .setApplicationLayersCache(work.resolve("jib-application-cache"))
          .setToolName("sandbox-runner-image")).getImageId().toString();
    } catch (InvalidImageReferenceException | CacheDirectoryCreationException | RegistryException
        | ExecutionException e) {
      throw new IOException("jib could not build the runner image: " + e.getMessage(), e);
    }
  }

  /**
   * Loads the tar into the engine. The tag moves to the new image; the one it leaves, ours and now untagged, is
   * removed unless something still uses it.
   */
  static String load(DockerEngine engine, Path tar, String reference, String expectedId)
      throws IOException, InterruptedException {
    String previous = imageId(engine, reference);
    try (InputStream in = Files.newInputStream(tar)) {
      engine.client().loadImageCmd(in).exec();
    } catch (DockerException e) {
      throw new IOException("the engine refused to load " + tar + ": " + e.getMessage() + "; does it have disk space?", e);
    }
    // The load call can return while the engine still unpacks (it streams progress): wait for the tag to move.
    String loaded = imageId(engine, reference);
    long deadline = System.nanoTime() + LOAD_WAIT_NANOS;
    while (!expectedId.equals(loaded) && System.nanoTime() < deadline) {
      Thread.sleep(250);
      loaded = imageId(engine, reference);
    }
    if (!expectedId.equals(loaded)) {
      throw new IOException("the engine did not show " + reference + " as " + expectedId + " after loading " + tar
          + " (it has " + loaded + "); try docker load -i " + tar);
    }
    if (previous != null && !previous.equals(loaded)) {
      try {
        if (engine.client().inspectImageCmd(previous).exec().getRepoTags().isEmpty()) {
          engine.client().removeImageCmd(previous).withForce(false).exec();
        }
      } catch (DockerException inUseOrGone) {
        // A container of an older runner still runs; the image goes with a later build.
      }
    }
    return loaded;
  }

  private static String imageId(DockerEngine engine, String reference) {
    try {
      return engine.client().inspectImageCmd(reference).exec().getId();
    } catch (NotFoundException absent) {
      return null;
    }
  }
}
