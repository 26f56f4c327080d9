package dev.sandboxplugin.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * A Java runtime made by {@code jlink} from the JDK that runs the build, cached by JDK and module set: building
 * one takes seconds (most of it the CDS archive), reusing it takes nothing.
 */
final class JavaRuntimeImage {

  /**
   * The whole Java SE set, since AI-written code reaches for {@code java.net.http} and {@code java.sql}, plus the
   * compiler for the source launcher and the JDK modules common libraries expect.
   */
  static final List<String> MODULES = List.of(
      "java.se", "jdk.compiler", "jdk.zipfs", "jdk.unsupported", "jdk.crypto.ec", "jdk.charsets",
      "jdk.httpserver", "jdk.management", "jdk.net", "jdk.naming.dns", "jdk.security.auth", "jdk.xml.dom");

  // JDK 21 renamed the compression levels: "2" still works there, with a deprecation warning.
  private static final List<String> OPTIONS = List.of(
      "--strip-debug", "--no-header-files", "--no-man-pages",
      Runtime.version().feature() >= 21 ? "--compress=zip-6" : "--compress=2", "--generate-cds-archive");
  // A build's JDK is the host's, as the host has it: classes uncompressed (javac loads thousands of them, and
  // inflating each one slows every compile) and with their line numbers (stack traces as on the host).
  private static final List<String> FULL_OPTIONS = List.of("--no-header-files", "--no-man-pages",
      "--generate-cds-archive");
  /** From JDK 24 on, jlink can link from the JDK's own run-time image, and some JDKs (Temurin) ship no jmods. */
  private static final int LINKS_FROM_RUNTIME_IMAGE = 24;

  private JavaRuntimeImage() {}

  /** Identifies the runtime this JDK would produce; part of every image fingerprint built on it. */
  static String cacheKey() {
    return cacheKey(MODULES);
  }

  private static String cacheKey(List<String> modules) {
    return Fingerprint.of(List.of(
        "jlink-runtime-v1",
        System.getProperty("java.home"),
        System.getProperty("java.runtime.version"),
        System.getProperty("java.vendor"),
        String.join(",", modules),
        String.join(" ", options(modules))));
  }

  private static List<String> options(List<String> modules) {
    return modules.equals(MODULES) ? OPTIONS : FULL_OPTIONS;
  }

  /** Returns the runtime's home, building it under {@code cacheDir} first if needed. */
  static Path resolve(Path cacheDir) {
    return resolve(cacheDir, MODULES);
  }

  /**
   * Every module of the JDK that runs Maven, so that a project's build inside (javac, javadoc, jar, the tests)
   * finds what it finds on the host: the locales, the tools, the incubator modules.
   */
  static List<String> allModules() {
    return java.lang.module.ModuleFinder.ofSystem().findAll().stream()
        .map(reference -> reference.descriptor().name())
        // jlink cannot link itself from a run-time image; a build that runs jlink needs a JDK with jmods anyway.
        .filter(name -> Files.isDirectory(Path.of(System.getProperty("java.home"), "jmods")) || !name.equals("jdk.jlink"))
        .sorted()
        .toList();
  }

  /** Identifies the whole-JDK runtime of {@link #allModules()}. */
  static String fullCacheKey() {
    return cacheKey(allModules());
  }

  /** The runtime of {@link #allModules()}, built under {@code cacheDir} first if needed. */
  static Path resolveFull(Path cacheDir) {
    return resolve(cacheDir, allModules());
  }

  /** Whether the runtime of {@code modules} is in the cache already. */
  static boolean isBuilt(Path cacheDir, List<String> modules) {
    return Files.isRegularFile(home(cacheDir, modules).resolve("bin/java"));
  }

  private static Path home(Path cacheDir, List<String> modules) {
    return cacheDir.resolve("java-runtime").resolve(cacheKey(modules).substring(0, 16));
  }

  private static Path resolve(Path cacheDir, List<String> modules) {
    Path home = home(cacheDir, modules);
    if (Files.isRegularFile(home.resolve("bin/java"))) {
      return home;
    }
    Path jmods = Path.of(System.getProperty("java.home"), "jmods");
    boolean fromJmods = Files.isDirectory(jmods);
    if (!fromJmods && Runtime.version().feature() < LINKS_FROM_RUNTIME_IMAGE) {
      throw new ImageBuildException("the JDK running Maven (" + System.getProperty("java.home")
          + ") has no jmods folder, so jlink cannot make the offline base; install a full JDK"
          + " (Debian: openjdk-17-jdk-headless) or set sandbox.baseImage to an image with Java");
    }
    ToolProvider jlink = ToolProvider.findFirst("jlink").orElseThrow(() -> new ImageBuildException(
        "the JDK running Maven has no jlink; run Maven on a JDK, or set sandbox.baseImage to an image with Java"));
    try {
      Files.createDirectories(home.getParent());
      // Build beside the final place, then move: two builds at once must never see half a runtime.
      Path scratch = Files.createTempDirectory(home.getParent(), "building-");
      Path output = scratch.resolve("runtime");
      List<String> args = new ArrayList<>();
      if (fromJmods) {
        args.addAll(List.of("--module-path", jmods.toString()));
      }
      args.addAll(List.of("--add-modules", String.join(",", modules), "--output", output.toString()));
      args.addAll(options(modules));
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      PrintStream printer = new PrintStream(log, true, StandardCharsets.UTF_8);
      int exit = jlink.run(printer, printer, args.toArray(String[]::new));
      if (exit != 0) {
        deleteTree(scratch);
        throw new ImageBuildException("jlink failed (exit " + exit + "): " + log.toString(StandardCharsets.UTF_8).trim()
            + (fromJmods ? "" : " (this JDK has no jmods folder, and linking from its run-time image failed: install"
                + " a JDK with jmods, or set sandbox.baseImage to an image with Java)"));
      }
      try {
        Files.move(output, home, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException anotherBuildWon) {
        // Another build finished first; its runtime is the same.
      } catch (IOException raced) {
        if (!Files.isRegularFile(home.resolve("bin/java"))) {
          throw raced;
        }
      } finally {
        deleteTree(scratch);
      }
      return home;
    } catch (IOException e) {
      throw new ImageBuildException("cannot write the Java runtime cache under " + cacheDir + ": " + e.getMessage(), e);
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
