package dev.sandboxplugin.image;

import dev.sandboxplugin.files.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The host's shared libraries (glibc, libstdc++, libgcc, zlib, ...) that the runtime's binaries load, found with
 * {@code ldd}. Each is copied as a real file to the path the loader looks for: Jib does not keep symlinks.
 */
final class SharedLibraries {

  // "libz.so.1 => /lib/x86_64-linux-gnu/libz.so.1 (0x...)" or "/lib64/ld-linux-x86-64.so.2 (0x...)"
  private static final Pattern RESOLVED = Pattern.compile("^\\s*(?:\\S+\\s+=>\\s+)?(/\\S+)\\s+\\(0x[0-9a-f]+\\)\\s*$");

  private SharedLibraries() {}

  /**
   * Like {@link #neededBy}, but remembered in a file beside the runtime (which never changes once built): running
   * ldd on every build would cost more than the whole unchanged-image check.
   */
  static Map<String, Path> neededByCached(Path runtimeHome) {
    Path memo = runtimeHome.resolveSibling(runtimeHome.getFileName() + ".libraries");
    try {
      if (Files.isRegularFile(memo)) {
        Map<String, Path> remembered = new TreeMap<>();
        for (String line : Files.readAllLines(memo, StandardCharsets.UTF_8)) {
          int tab = line.indexOf('\t');
          if (tab > 0) {
            remembered.put(line.substring(0, tab), Path.of(line.substring(tab + 1)));
          }
        }
        if (!remembered.isEmpty() && remembered.values().stream().allMatch(Files::isRegularFile)) {
          return remembered;
        }
      }
      Map<String, Path> found = neededBy(runtimeHome);
      StringBuilder text = new StringBuilder();
      found.forEach((containerPath, host) -> text.append(containerPath).append('\t').append(host).append('\n'));
      AtomicFile.write(memo.getParent(), memo.getFileName().toString(),
          text.toString().getBytes(StandardCharsets.UTF_8));
      return found;
    } catch (IOException e) {
      throw new ImageBuildException("cannot write the library list beside " + runtimeHome + ": " + e.getMessage(), e);
    }
  }

  /** Container path to host file, sorted, for every library outside {@code runtimeHome} that it needs. */
  static Map<String, Path> neededBy(Path runtimeHome) {
    List<String> command = new ArrayList<>();
    command.add("ldd");
    try (Stream<Path> walk = Files.walk(runtimeHome)) {
      walk.filter(Files::isRegularFile)
          .filter(file -> file.getFileName().toString().endsWith(".so") || file.getParent().endsWith("bin"))
          .sorted()
          .forEach(file -> command.add(file.toString()));
    } catch (IOException e) {
      throw new ImageBuildException("cannot list the Java runtime at " + runtimeHome + ": " + e.getMessage(), e);
    }
    String output;
    try {
      Process ldd = new ProcessBuilder(command).redirectErrorStream(true).start();
      output = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!ldd.waitFor(60, TimeUnit.SECONDS)) {
        ldd.destroyForcibly();
        throw new ImageBuildException("ldd did not finish within 60 s on " + runtimeHome);
      }
    } catch (IOException e) {
      throw new ImageBuildException("the offline base image needs ldd (Debian: libc-bin) to find the runtime's"
          + " libraries: " + e.getMessage() + "; or set sandbox.baseImage to an image with Java", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ImageBuildException("interrupted while listing the runtime's libraries", e);
    }
    Map<String, Path> libraries = new TreeMap<>();
    Path runtimeReal = realPath(runtimeHome);
    for (String line : output.split("\n")) {
      Matcher matcher = RESOLVED.matcher(line);
      if (!matcher.matches()) {
        continue; // headers, "not found" (e.g. X11 for a headless runtime), the vDSO
      }
      Path library = Path.of(matcher.group(1));
      Path real = realPath(library);
      if (!real.startsWith(runtimeReal)) {
        libraries.put(library.toString(), real);
      }
    }
    if (libraries.keySet().stream().noneMatch(path -> path.contains("/ld-linux") || path.contains("/ld-musl"))) {
      throw new ImageBuildException("ldd found no dynamic loader for " + runtimeHome
          + "; the offline base needs a Linux JDK; or set sandbox.baseImage to an image with Java");
    }
    return libraries;
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      throw new ImageBuildException("cannot resolve " + path + ": " + e.getMessage(), e);
    }
  }
}
