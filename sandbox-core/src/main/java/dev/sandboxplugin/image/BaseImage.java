package dev.sandboxplugin.image;

import dev.sandboxplugin.payload.Payload;
import dev.sandboxplugin.policy.InvalidPolicyException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the payload image starts from. By default a Java runtime made offline from the build's JDK (for scripts,
 * the polyglot base made offline from Debian's packages); users who can pull may name a registry image, a
 * {@code docker://} image of the engine, or a {@code tar://} file.
 */
public abstract sealed class BaseImage {

  private BaseImage() {}

  /** The offline default: no registry needed. */
  public static BaseImage offlineJava() {
    return new OfflineJava();
  }

  /** The offline base of script payloads: python3, node and sh from Debian's packages, no registry needed. */
  public static BaseImage offlinePolyglot() {
    return new OfflinePolyglot();
  }

  /**
   * The base of {@code sandbox:build}: the polyglot base (a shell and coreutils, which Maven's launcher and
   * Surefire's forks need), a runtime with every module of the JDK that runs Maven, and that Maven's distribution.
   *
   * @param mavenHome the host's Maven (its {@code maven.home})
   */
  public static BaseImage offlineBuild(Path mavenHome) {
    return new OfflineBuild(mavenHome);
  }

  /**
   * The base {@code payload} runs on: the offline default becomes the polyglot base for a script (the Java
   * runtime has no interpreter); any base a user named stays as named.
   */
  public BaseImage fitting(Payload payload) {
    return this instanceof OfflineJava && payload.needsScriptInterpreters() ? offlinePolyglot() : this;
  }

  /**
   * Parses the {@code sandbox.baseImage} syntax: empty or {@code offline} for the default (the polyglot base for
   * scripts), {@code offline-polyglot} for the script base,
   * {@code docker://name:tag} for an image already in the engine, {@code tar:///path/image.tar} for a saved
   * image, anything else as a registry reference such as {@code eclipse-temurin:17-jre}.
   */
  public static BaseImage parse(String text, Path baseDir) {
    String value = text == null ? "" : text.trim();
    if (value.isEmpty() || value.equals("offline")) {
      return offlineJava();
    }
    if (value.equals("offline-polyglot")) {
      return offlinePolyglot();
    }
    for (String scheme : List.of("docker://", "tar://", "registry://")) {
      if (value.equals(scheme)) {
        throw new InvalidPolicyException("sandbox.baseImage = '" + value + "' names no image; write e.g. "
            + "docker://name:tag, tar:///path/image.tar or eclipse-temurin:17-jre, or leave it unset for the offline base");
      }
    }
    if (value.startsWith("docker://")) {
      return new EngineImage(value.substring("docker://".length()));
    }
    if (value.startsWith("tar://")) {
      return new TarFile(baseDir.resolve(value.substring("tar://".length())).normalize());
    }
    if (value.startsWith("registry://")) {
      return new RegistryImage(value.substring("registry://".length()));
    }
    return new RegistryImage(value);
  }

  /** Whether this base is pulled from a registry (the only kind that needs credentials). */
  public boolean pullsFromRegistry() {
    return this instanceof RegistryImage;
  }

  /**
   * This base, pulled with {@code access} when it is a registry image (credentials and offline mode mean nothing to
   * a local base).
   */
  public BaseImage withRegistryAccess(RegistryAccess access) {
    return this instanceof RegistryImage registry ? new RegistryImage(registry.reference, access) : this;
  }

  /** How this base is written in reports and in {@code sandbox.baseImage}. */
  public abstract String describe();

  static final class OfflineJava extends BaseImage {
    @Override
    public String describe() {
      return "offline";
    }
  }

  static final class OfflinePolyglot extends BaseImage {
    @Override
    public String describe() {
      return "offline-polyglot";
    }
  }

  static final class OfflineBuild extends BaseImage {
    final Path mavenHome;

    OfflineBuild(Path mavenHome) {
      this.mavenHome = mavenHome;
    }

    @Override
    public String describe() {
      return "offline-build";
    }
  }

  static final class EngineImage extends BaseImage {
    final String reference;

    EngineImage(String reference) {
      this.reference = reference;
    }

    @Override
    public String describe() {
      return "docker://" + reference;
    }
  }

  static final class TarFile extends BaseImage {
    final Path file;

    TarFile(Path file) {
      this.file = file;
    }

    @Override
    public String describe() {
      return "tar://" + file;
    }
  }

  static final class RegistryImage extends BaseImage {
    final String reference;
    private final RegistryAccess access;

    RegistryImage(String reference) {
      this(reference, null);
    }

    RegistryImage(String reference, RegistryAccess access) {
      this.reference = reference;
      this.access = access;
    }

    // Read when the pull needs it, not when the setting is parsed: the Maven goals give their own access first.
    RegistryAccess access() {
      return access != null ? access : RegistryAccess.defaults(System.getenv());
    }

    @Override
    public String describe() {
      return reference;
    }
  }
}
