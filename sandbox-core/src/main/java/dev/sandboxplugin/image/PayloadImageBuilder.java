package dev.sandboxplugin.image;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.DockerDaemonImage;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import dev.sandboxplugin.engine.DockerEngine;
import dev.sandboxplugin.payload.Payload;
import dev.sandboxplugin.payload.PayloadFile;
import dev.sandboxplugin.payload.PayloadLayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Packages a payload into an image with jib-core and loads it into the engine, unless an image with the same
 * fingerprint (base, files with their sizes, times and modes, image settings) is there already: then an
 * unchanged rebuild costs a stat of each input and one inspect.
 */
public final class PayloadImageBuilder {

  static final String REPOSITORY = "sandbox-maven-plugin/payload";
  static final String WORKDIR = "/app";
  static final String FINGERPRINT_LABEL = "dev.sandboxplugin.fingerprint";
  static final String ORIGIN_LABEL = "dev.sandboxplugin.origin";
  // Jib's reproducible default; every file gets the same time so digests depend on content only.
  private static final Instant FILE_TIME = Instant.ofEpochSecond(1);

  private final DockerEngine engine;
  private final Path cacheDir;
  private final Consumer<String> progress;

  /** @param cacheDir where the jlink runtime and Jib's layer caches live; shared by all projects of a user */
  public PayloadImageBuilder(DockerEngine engine, Path cacheDir) {
    this(engine, cacheDir, message -> {});
  }

  /** @param progress told when a slow, once-per-machine step starts (building the polyglot base) */
  public PayloadImageBuilder(DockerEngine engine, Path cacheDir, Consumer<String> progress) {
    this.engine = engine;
    this.cacheDir = cacheDir;
    this.progress = progress;
  }

  /** Finds or builds the image for {@code payload} on {@code base}. */
  public PayloadImage build(BaseImage requested, Payload payload) {
    long started = System.nanoTime();
    BaseImage base = requested;
    List<ImageLayer> layers = new ArrayList<>();
    Map<String, String> environment = new TreeMap<>();
    List<String> fingerprintLines = new ArrayList<>();
    boolean pinned = true;
    if (base instanceof BaseImage.OfflineJava) {
      OfflineJavaBase offline = OfflineJavaBase.prepare(cacheDir, progress);
      layers.addAll(offline.layers());
      // Sorted: an unsorted map would change the image digest from one build to the next.
      environment.putAll(offline.environment());
      fingerprintLines.add(offline.cacheKey());
    } else if (base instanceof BaseImage.OfflinePolyglot) {
      // Built and imported once per machine; from then on it is an engine image like any docker:// base.
      base = new BaseImage.EngineImage(PolyglotBase.ensure(engine, cacheDir, progress));
      environment.putAll(PolyglotBase.environment());
      fingerprintLines.add(requested.describe());
      fingerprintLines.add(identityOf(base));
    } else if (base instanceof BaseImage.OfflineBuild build) {
      base = new BaseImage.EngineImage(PolyglotBase.ensure(engine, cacheDir, progress));
      layers.addAll(BuildToolchain.layers(cacheDir, build.mavenHome, progress));
      environment.putAll(BuildToolchain.environment());
      fingerprintLines.add(requested.describe());
      fingerprintLines.add(identityOf(base));
      fingerprintLines.add(BuildToolchain.cacheKey());
    } else {
      fingerprintLines.add(base.describe());
      fingerprintLines.add(identityOf(base));
      pinned = isPinned(base);
    }
    if (payload.needsScriptInterpreters()) {
      layers.add(PreflightLauncher.shellLayer(cacheDir));
    }
    if (payload.runsOnJvm()) {
      layers.add(PreflightLauncher.layer(cacheDir));
    }
    for (PayloadLayer layer : payload.layers()) {
      List<ImageEntry> entries = new ArrayList<>();
      for (PayloadFile file : layer.files()) {
        entries.add(new ImageEntry(file.source(), file.containerPath(), file.directory() ? ImageEntry.DIRECTORY
            : file.executable() ? ImageEntry.EXECUTABLE : ImageEntry.READ_ONLY_FILE));
      }
      layers.add(new ImageLayer(layer.name(), entries));
    }
    fingerprintLines.add("user " + OfflineJavaBase.USER + " workdir " + WORKDIR + " env " + environment);
    for (ImageLayer layer : layers) {
      fingerprintLines.add("layer " + layer.name());
      for (ImageEntry entry : layer.entries()) {
        fingerprintLines.add(describeForFingerprint(entry));
      }
    }
    String fingerprint = Fingerprint.of(fingerprintLines);

    String reference = REPOSITORY + ":" + fingerprint.substring(0, 32);
    if (pinned) {
      String existing = imageIdOf(reference);
      if (existing != null) {
        return new PayloadImage(reference, existing, true, Duration.ofNanos(System.nanoTime() - started));
      }
    }
    String origin = Fingerprint.of(List.of(requested.describe(), payload.origin()));
    String imageId = containerize(base, layers, environment, reference, fingerprint, origin);
    removeOlderImagesOf(origin, imageId);
    return new PayloadImage(reference, imageId, false, Duration.ofNanos(System.nanoTime() - started));
  }

  private String containerize(BaseImage base, List<ImageLayer> layers, Map<String, String> environment,
      String reference, String fingerprint, String origin) {
    EngineImageClient client = new EngineImageClient(engine.client());
    try {
      JibContainerBuilder builder = from(base, client);
      for (ImageLayer layer : layers) {
        FileEntriesLayer.Builder jibLayer = FileEntriesLayer.builder().setName(layer.name());
        for (ImageEntry entry : layer.entries()) {
          jibLayer.addEntry(new FileEntry(entry.source(), AbsoluteUnixPath.get(entry.containerPath()),
              FilePermissions.fromOctalString(entry.mode()), FILE_TIME, "0:0"));
        }
        builder.addFileEntriesLayer(jibLayer.build());
      }
      if (!environment.isEmpty()) {
        builder.setEnvironment(environment);
      }
      builder.setUser(OfflineJavaBase.USER)
          .setWorkingDirectory(AbsoluteUnixPath.get(WORKDIR))
          .setCreationTime(Instant.EPOCH)
          .setFormat(ImageFormat.Docker)
          .addLabel(FINGERPRINT_LABEL, fingerprint)
          .addLabel(ORIGIN_LABEL, origin);
      Containerizer containerizer = Containerizer.to(client, DockerDaemonImage.named(reference))
          .setBaseImageLayersCache(cacheDir.resolve("jib-base-layers"))
          .setApplicationLayersCache(cacheDir.resolve("jib-application-layers"))
          .setOfflineMode(!(base instanceof BaseImage.RegistryImage registry) || registry.access().offline())
          .setToolName("sandbox-maven-plugin");
      JibContainer container = builder.containerize(containerizer);
      return container.getImageId().toString();
    } catch (InvalidImageReferenceException e) {
      throw new ImageBuildException("sandbox.baseImage = '" + base.describe()
          + "' is not an image reference; write e.g. eclipse-temurin:17-jre, docker://name:tag or tar:///path/image.tar", e);
    } catch (RegistryException e) {
      throw new ImageBuildException("cannot pull the base image '" + base.describe() + "': " + e.getMessage()
          + "; if no registry is reachable, leave sandbox.baseImage unset to use the offline base", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new ImageBuildException("building the payload image on '" + base.describe() + "' failed: "
          + cause.getMessage() + hintFor(base), cause);
    } catch (IOException | com.google.cloud.tools.jib.api.CacheDirectoryCreationException e) {
      throw new ImageBuildException("building the payload image failed: " + e.getMessage()
          + "; check that " + cacheDir + " is writable and the engine has disk space", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageBuildException("interrupted while building the payload image", e);
    }
  }

  private static JibContainerBuilder from(BaseImage base, EngineImageClient client)
      throws InvalidImageReferenceException {
    if (base instanceof BaseImage.OfflineJava) {
      return Jib.fromScratch();
    }
    if (base instanceof BaseImage.EngineImage engineImage) {
      return Jib.from(client, DockerDaemonImage.named(engineImage.reference));
    }
    if (base instanceof BaseImage.TarFile tar) {
      if (!Files.isRegularFile(tar.file)) {
        throw new ImageBuildException("sandbox.baseImage = '" + base.describe() + "': no such file; give a tar written by docker save");
      }
      return Jib.from(TarImage.at(tar.file));
    }
    BaseImage.RegistryImage registry = (BaseImage.RegistryImage) base;
    ImageReference reference = ImageReference.parse(registry.reference);
    return Jib.from(registry.access().addTo(RegistryImage.named(reference), reference));
  }

  private static String hintFor(BaseImage base) {
    if (base instanceof BaseImage.EngineImage) {
      return "; is the image in the engine (docker image ls)?";
    }
    if (base instanceof BaseImage.RegistryImage registry && registry.access().offline()) {
      return "; Maven is offline (-o) and the sandbox's cache does not hold this base: run once online to cache it";
    }
    if (base instanceof BaseImage.RegistryImage) {
      return "; if no registry is reachable, leave sandbox.baseImage unset to use the offline base";
    }
    return "";
  }

  // A registry tag may move; only a digest-pinned reference (or a local base) can be trusted to stay the same.
  private static boolean isPinned(BaseImage base) {
    return !(base instanceof BaseImage.RegistryImage registry) || registry.reference.contains("@sha256:");
  }

  // What changes when a local base changes: the engine image's id, the tar's size and time.
  private String identityOf(BaseImage base) {
    if (base instanceof BaseImage.EngineImage engineImage) {
      String id = imageIdOf(engineImage.reference);
      if (id == null) {
        throw new ImageBuildException("sandbox.baseImage = '" + base.describe()
            + "': the engine has no such image; load or build it first (docker image ls lists what it has)");
      }
      return id;
    }
    if (base instanceof BaseImage.TarFile tar && Files.isRegularFile(tar.file)) {
      return describeForFingerprint(new ImageEntry(tar.file, "/", ImageEntry.READ_ONLY_FILE));
    }
    return "";
  }

  // Each edit of a payload makes a new image; without this, every rebuild would leave one more in the engine.
  private void removeOlderImagesOf(String origin, String keptImageId) {
    for (Image older : engine.client().listImagesCmd().withLabelFilter(Map.of(ORIGIN_LABEL, origin)).exec()) {
      if (!older.getId().equals(keptImageId)) {
        try {
          engine.client().removeImageCmd(older.getId()).withForce(false).exec();
        } catch (DockerException inUseOrGone) {
          // A container of a concurrent run still uses it; a later build removes it.
        }
      }
    }
  }

  private String imageIdOf(String reference) {
    try {
      return engine.client().inspectImageCmd(reference).exec().getId();
    } catch (NotFoundException absent) {
      return null;
    }
  }

  private static String describeForFingerprint(ImageEntry entry) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(entry.source(), BasicFileAttributes.class);
      return entry.containerPath() + " " + entry.mode() + " " + attributes.size() + " "
          + attributes.lastModifiedTime().toMillis() + " " + attributes.isDirectory();
    } catch (IOException e) {
      throw new ImageBuildException("cannot read " + entry.source() + " for the payload image: " + e.getMessage(), e);
    }
  }
}
