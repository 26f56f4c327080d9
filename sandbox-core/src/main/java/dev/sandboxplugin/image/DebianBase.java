package dev.sandboxplugin.image;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import dev.sandboxplugin.engine.DockerEngine;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * An image made from a {@link DebianRootFs} and loaded into the engine under a tag named by its cache key: the
 * polyglot base of script payloads and the network witness are two. It is built once per machine and key: the
 * root file system is kept as a tar under the cache folder, so an engine that lost the image only loads it again,
 * and an unchanged key costs one inspect.
 */
public final class DebianBase {

  static final String BASE_LABEL = "dev.sandboxplugin.base";
  static final String KEY_LABEL = "dev.sandboxplugin.base-key";
  private static final Object IN_THIS_JVM = new Object();
  private static final String KEY_FILE = "key";

  private final String title;
  private final String repository;
  private final String kind;
  private final DebianRootFs rootFs;
  private final Map<String, String> environment;
  private final String user;
  private final String withoutTool;

  /**
   * @param title what messages call it, e.g. {@code polyglot base}
   * @param repository the engine's repository of its tags
   * @param kind the value of its {@code dev.sandboxplugin.base} label
   * @param withoutTool what to do instead, said when mmdebstrap is missing
   */
  public DebianBase(String title, String repository, String kind, DebianRootFs rootFs,
      Map<String, String> environment, String user, String withoutTool) {
    this.title = title;
    this.repository = repository;
    this.kind = kind;
    this.rootFs = rootFs;
    this.environment = Map.copyOf(environment);
    this.user = user;
    this.withoutTool = withoutTool;
  }

  /**
   * Returns the engine reference of the image, loading it from the cached root file system or building that
   * first when needed. Concurrent builds on one machine wait for the first one (a file lock) instead of repeating it.
   *
   * @param progress told once when a build or a load starts, since those take a while
   * @throws ImageBuildException when it cannot be had
   */
  public String ensure(DockerEngine engine, Path cacheDir, Consumer<String> progress) {
    String version = toolVersion();
    String key;
    if (version == null) {
      // No tool, so no key: an image that is already in the engine (built earlier, or shipped in a CI runner
      // image) is used as it is, else a root file system built earlier (a CI cache restored); only when there is
      // neither is the missing tool an error.
      String loaded = loaded(engine);
      if (loaded != null) {
        return loaded;
      }
      key = cachedKey(cacheDir);
      if (key == null) {
        throw new ImageBuildException("the " + title + " is built by mmdebstrap from Debian's packages, and it is"
            + " not on the PATH; install it (Debian: apt-get install mmdebstrap) or " + withoutTool);
      }
    } else {
      key = cacheKey(version);
    }
    String reference = repository + ":" + key.substring(0, 16);
    if (exists(engine, reference)) {
      return reference;
    }
    Path dir = folder(cacheDir).resolve(key.substring(0, 16));
    try {
      Files.createDirectories(dir);
      // The JVM-wide lock first: two threads of one JVM (mvn -T) taking the same file lock would throw.
      synchronized (IN_THIS_JVM) {
        return ensureLocked(engine, dir, reference, key, progress);
      }
    } catch (IOException e) {
      throw new ImageBuildException("cannot build the " + title + " under " + dir + ": " + e.getMessage()
          + "; check that the folder is writable (sandbox.cacheDir) and has room", e);
    }
  }

  /** What identifies the image: the root file system's key under this mmdebstrap version. */
  public String cacheKey(String toolVersion) {
    return rootFs.cacheKey(toolVersion);
  }

  /**
   * The folder of the newest whole root file system under {@code cacheDir} ({@code rootfs.tar} and its {@code key}),
   * or null: what a machine without mmdebstrap loads the image from, so a CI runner image can ship it.
   */
  public Path cachedRootFs(Path cacheDir) {
    String key = cachedKey(cacheDir);
    return key == null ? null : folder(cacheDir).resolve(key.substring(0, 16));
  }

  private Path folder(Path cacheDir) {
    return cacheDir.resolve(kind + "-base");
  }

  // The key of the newest root file system under the cache folder that was built whole, or null.
  String cachedKey(Path cacheDir) {
    Path newest = null;
    try (Stream<Path> dirs = Files.list(folder(cacheDir))) {
      for (Path dir : dirs.toList()) {
        if (Files.isRegularFile(dir.resolve("rootfs.tar")) && Files.isRegularFile(dir.resolve(KEY_FILE))
            && (newest == null || Files.getLastModifiedTime(dir.resolve("rootfs.tar"))
                .compareTo(Files.getLastModifiedTime(newest.resolve("rootfs.tar"))) > 0)) {
          newest = dir;
        }
      }
      if (newest == null) {
        return null;
      }
      String key = Files.readString(newest.resolve(KEY_FILE)).trim();
      return key.length() >= 16 && key.startsWith(newest.getFileName().toString()) ? key : null;
    } catch (IOException noneThere) {
      return null;
    }
  }

  private String ensureLocked(DockerEngine engine, Path dir, String reference, String key,
      Consumer<String> progress) throws IOException {
    try (FileChannel channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      if (exists(engine, reference)) {
        return reference; // another build made it while we waited
      }
      Path rootfs = dir.resolve("rootfs.tar");
      if (!Files.isRegularFile(rootfs)) {
        progress.accept("Sandbox: building the " + title + " (" + String.join(", ", rootFs.packages())
            + " from Debian " + DebianRootFs.SUITE + ", with mmdebstrap) once for this machine. Cache: " + dir);
        long started = System.nanoTime();
        try {
          rootFs.build(dir, rootfs);
        } catch (IOException e) {
          throw new ImageBuildException(e.getMessage() + "; " + withoutTool, e);
        }
        progress.accept("Sandbox: " + title + " built in " + (System.nanoTime() - started) / 1_000_000 + " ms");
      }
      Files.writeString(dir.resolve(KEY_FILE), key); // lets a machine without mmdebstrap load this tar
      progress.accept("Sandbox: loading the " + title + " into the engine as " + reference);
      load(engine, rootfs, reference, key);
      removeOlder(engine, key);
      return reference;
    }
  }

  // mmdebstrap's version, or null when it is not on the PATH; read once per ensure (it is a file read).
  private static String toolVersion() {
    try {
      return DebianRootFs.toolVersion();
    } catch (IOException e) {
      throw new ImageBuildException("cannot read mmdebstrap's version: " + e.getMessage(), e);
    }
  }

  // Loaded as a docker-save archive rather than imported: the load call streams reliably through our transport,
  // and the image gets its user, environment and labels with it.
  private void load(DockerEngine engine, Path rootfs, String reference, String key) throws IOException {
    SingleLayerArchive archive = SingleLayerArchive.of(rootfs, reference, environment, user,
        PayloadImageBuilder.WORKDIR, Map.of(BASE_LABEL, kind, KEY_LABEL, key),
        "mmdebstrap --variant=" + rootFs.variant() + " --include=" + String.join(",", rootFs.packages()) + " "
            + DebianRootFs.SUITE);
    AtomicReference<IOException> writeFailure = new AtomicReference<>();
    try (PipedInputStream toEngine = new PipedInputStream(1 << 16)) {
      PipedOutputStream fromUs = new PipedOutputStream(toEngine);
      Thread writer = new Thread(() -> {
        try (OutputStream out = fromUs) {
          archive.writeTo(out);
        } catch (IOException e) {
          writeFailure.set(e);
        }
      }, "sandbox-base-load");
      writer.setDaemon(true);
      writer.start();
      try {
        engine.client().loadImageCmd(toEngine).exec();
      } catch (DockerException e) {
        throw new ImageBuildException("the engine refused to load the " + title + " from " + rootfs + ": "
            + e.getMessage() + "; does it have disk space?", e);
      } finally {
        writer.join(60_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageBuildException("interrupted while loading the " + title, e);
    }
    if (writeFailure.get() != null) {
      throw writeFailure.get();
    }
    if (!exists(engine, reference)) {
      throw new ImageBuildException("the engine loaded the " + title + " but has no image " + reference
          + "; delete " + rootfs.getParent() + " and try again");
    }
  }

  // A new key (other packages, a newer mmdebstrap) leaves the previous image behind; only ours carry the label.
  private void removeOlder(DockerEngine engine, String key) {
    for (Image older : engine.client().listImagesCmd().withLabelFilter(Map.of(BASE_LABEL, kind)).exec()) {
      Map<String, String> labels = older.getLabels() == null ? Map.of() : older.getLabels();
      // Payload images inherit the labels; only the bases themselves carry our repository's tag.
      boolean isBase = older.getRepoTags() != null
          && Arrays.stream(older.getRepoTags()).anyMatch(tag -> tag.startsWith(repository + ":"));
      if (isBase && !key.equals(labels.get(KEY_LABEL))) {
        try {
          engine.client().removeImageCmd(older.getId()).withForce(false).exec();
        } catch (DockerException inUse) {
          // Payload images or containers still use it; it goes when they do and a later build runs.
        }
      }
    }
  }

  // Loading one removes those of older keys, so there is usually one; if several, the first by name.
  private String loaded(DockerEngine engine) {
    TreeSet<String> tags = new TreeSet<>();
    for (Image image : engine.client().listImagesCmd().withLabelFilter(Map.of(BASE_LABEL, kind)).exec()) {
      for (String tag : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
        if (tag.startsWith(repository + ":")) {
          tags.add(tag);
        }
      }
    }
    return tags.isEmpty() ? null : tags.first();
  }

  private static boolean exists(DockerEngine engine, String reference) {
    try {
      engine.client().inspectImageCmd(reference).exec();
      return true;
    } catch (NotFoundException absent) {
      return false;
    }
  }
}
