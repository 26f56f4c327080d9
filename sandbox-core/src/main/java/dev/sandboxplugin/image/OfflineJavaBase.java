package dev.sandboxplugin.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The default base, made without any registry: a jlink runtime of the build's own JDK under {@code /opt/java},
 * the host libraries it loads, a passwd/group naming uid and gid 65532, and CA certificates. No shell, no package
 * manager, no setuid or setgid file.
 */
final class OfflineJavaBase {

  static final String JAVA_HOME = "/opt/java";
  static final String USER = PayloadImage.USER;
  private static final String CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";

  private final Path runtimeHome;
  private final Path generatedFiles;

  private OfflineJavaBase(Path runtimeHome, Path generatedFiles) {
    this.runtimeHome = runtimeHome;
    this.generatedFiles = generatedFiles;
  }

  /**
   * Builds or reuses the runtime under {@code cacheDir}.
   *
   * @param progress told when the runtime is linked, which takes a while once per JDK
   */
  static OfflineJavaBase prepare(Path cacheDir, Consumer<String> progress) {
    long started = System.nanoTime();
    boolean linking = !JavaRuntimeImage.isBuilt(cacheDir, JavaRuntimeImage.MODULES);
    if (linking) {
      progress.accept("Sandbox: linking a Java runtime for the offline base (jlink of " + System.getProperty("java.home")
          + ") once for this JDK; it takes a few seconds. Cache: " + cacheDir);
    }
    Path runtime = JavaRuntimeImage.resolve(cacheDir);
    if (linking) {
      progress.accept("Sandbox: Java runtime linked in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }
    Path generated = cacheDir.resolve("base-files-v1");
    try {
      writeIfChanged(generated.resolve("passwd"),
          "root:x:0:0:root:/root:/sbin/nologin\nsandbox:x:65532:65532:sandbox:/tmp:/sbin/nologin\n");
      writeIfChanged(generated.resolve("group"), "root:x:0:\nsandbox:x:65532:\n");
      writeIfChanged(generated.resolve("nsswitch.conf"), "passwd: files\ngroup: files\nhosts: files dns\n");
      Files.createDirectories(generated.resolve("empty-dir"));
    } catch (IOException e) {
      throw new ImageBuildException("cannot write the base image files under " + generated + ": " + e.getMessage(), e);
    }
    return new OfflineJavaBase(runtime, generated);
  }

  /** The runtime (changes with the JDK) and the system files (libraries and /etc), in that order. */
  List<ImageLayer> layers() {
    List<ImageEntry> runtime = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(runtimeHome)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        String relative = runtimeHome.relativize(file).toString().replace('\\', '/');
        runtime.add(new ImageEntry(file, JAVA_HOME + "/" + relative, modeWithoutSpecialBits(file)));
      }
    } catch (IOException e) {
      throw new ImageBuildException("cannot read the Java runtime at " + runtimeHome + ": " + e.getMessage(), e);
    }
    List<ImageEntry> system = new ArrayList<>();
    for (Map.Entry<String, Path> library : SharedLibraries.neededByCached(runtimeHome).entrySet()) {
      system.add(new ImageEntry(library.getValue(), library.getKey(), ImageEntry.EXECUTABLE));
    }
    system.add(new ImageEntry(generatedFiles.resolve("passwd"), "/etc/passwd", ImageEntry.READ_ONLY_FILE));
    system.add(new ImageEntry(generatedFiles.resolve("group"), "/etc/group", ImageEntry.READ_ONLY_FILE));
    system.add(new ImageEntry(generatedFiles.resolve("nsswitch.conf"), "/etc/nsswitch.conf", ImageEntry.READ_ONLY_FILE));
    if (Files.isRegularFile(Path.of(CA_BUNDLE))) {
      system.add(new ImageEntry(Path.of(CA_BUNDLE), CA_BUNDLE, ImageEntry.READ_ONLY_FILE));
    }
    // No /tmp here: the engine creates the tmpfs mount point, and an image folder would lend it its 755 mode.
    system.add(new ImageEntry(generatedFiles.resolve("empty-dir"), "/app", ImageEntry.DIRECTORY));
    return List.of(new ImageLayer("java-runtime", runtime), new ImageLayer("system", system));
  }

  /** What identifies this base in an image fingerprint. */
  String cacheKey() {
    return "offline-java:" + JavaRuntimeImage.cacheKey();
  }

  Map<String, String> environment() {
    return Map.of(
        "PATH", JAVA_HOME + "/bin:/usr/bin:/bin",
        "JAVA_HOME", JAVA_HOME,
        "HOME", "/tmp",
        "LANG", "C.UTF-8");
  }

  // Carry exec bits over (Jib's default 644 would break bin/java); never setuid, setgid or world-writable.
  private static String modeWithoutSpecialBits(Path file) throws IOException {
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    return permissions.contains(PosixFilePermission.OWNER_EXECUTE) ? ImageEntry.EXECUTABLE : ImageEntry.READ_ONLY_FILE;
  }

  private static void writeIfChanged(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    if (!Files.isRegularFile(file) || !Files.readString(file).equals(content)) {
      Files.writeString(file, content, StandardCharsets.UTF_8);
    }
  }
}
