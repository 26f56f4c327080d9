package dev.sandboxplugin.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A root file system made offline from Debian's own packages by mmdebstrap, the way both our images that need a
 * distribution (the polyglot base of script payloads, the network witness, the CI runner image) are made: Essential
 * plus the listed packages (or, variant {@code extract}, only those and what they depend on, unpacked without
 * running their scripts), no documentation, merged {@code /usr}, fixed file times, then a strip script of the
 * caller's run on it before it is packed into a tar.
 *
 * @param name what it is, for the cache key and messages, e.g. {@code polyglot-base-v1}
 * @param variant mmdebstrap's: {@code essential}, or {@code extract} for a root with no shell at all
 * @param stripScript run as {@code sh strip.sh <root>} before packing; part of the cache key
 * @param extraOptions further mmdebstrap options of the caller's
 */
public record DebianRootFs(String name, String variant, List<String> packages, String stripScript,
    List<String> extraOptions) {

  /** Debian 12, from its own mirrors (reachable where no container registry is). */
  public static final String SUITE = "bookworm";
  public static final List<String> SOURCES = List.of(
      "deb http://deb.debian.org/debian bookworm main",
      "deb http://deb.debian.org/debian bookworm-updates main",
      "deb http://deb.debian.org/debian-security bookworm-security main");
  private static final Path MERGED_USR_HOOKS = Path.of("/usr/share/mmdebstrap/hooks/merged-usr");
  private static final Pattern TOOL_VERSION = Pattern.compile("\\$VERSION\\s*=\\s*'([^']+)'");
  private static final long BUILD_TIMEOUT_MINUTES = 20;

  public static final String ESSENTIAL = "essential";

  public DebianRootFs {
    packages = List.copyOf(packages);
    extraOptions = List.copyOf(extraOptions);
  }

  /** Essential plus {@code packages}. */
  public DebianRootFs(String name, List<String> packages, String stripScript, List<String> extraOptions) {
    this(name, ESSENTIAL, packages, stripScript, extraOptions);
  }

  /** Changes whenever what would be built changes: the tool's version, the packages, sources and strip script. */
  public String cacheKey(String toolVersion) {
    List<String> lines = new ArrayList<>();
    lines.add(name);
    lines.add("mmdebstrap " + toolVersion);
    lines.add("suite " + SUITE);
    if (!variant.equals(ESSENTIAL)) {
      lines.add("variant " + variant); // absent for essential, so that older bases keep their key
    }
    lines.add("packages " + String.join(",", packages));
    lines.addAll(SOURCES);
    lines.add("merged-usr-hook " + Files.isDirectory(MERGED_USR_HOOKS));
    lines.add(stripScript);
    return Fingerprint.of(lines);
  }

  /**
   * mmdebstrap's version, read from the script itself (starting Perl to ask would cost more than a whole unchanged
   * check), or null when mmdebstrap is not on the PATH.
   */
  public static String toolVersion() throws IOException {
    Path tool = onPath("mmdebstrap");
    if (tool == null) {
      return null;
    }
    try (InputStream in = Files.newInputStream(tool)) {
      Matcher matcher = TOOL_VERSION.matcher(new String(in.readNBytes(8192), StandardCharsets.UTF_8));
      return matcher.find() ? matcher.group(1) : "unknown " + Files.size(tool);
    }
  }

  /**
   * Builds the root file system as {@code rootfs} (a tar), working in {@code dir}; throws {@link IOException}
   * with the tail of mmdebstrap's log when it fails.
   */
  public void build(Path dir, Path rootfs) throws IOException {
    Path hook = dir.resolve("strip.sh");
    Files.writeString(hook, stripScript, StandardCharsets.UTF_8);
    Path partial = dir.resolve("rootfs.tar.partial");
    Files.deleteIfExists(partial); // left by a build that was killed
    Path log = dir.resolve("mmdebstrap.log");
    List<String> command = new ArrayList<>(List.of("mmdebstrap",
        // Only Essential packages (or none) and what ours depend on; no recommends.
        "--variant=" + variant,
        "--format=tar",
        "--include=" + String.join(",", packages),
        "--dpkgopt=path-exclude=/usr/share/doc/*",
        "--dpkgopt=path-exclude=/usr/share/man/*",
        "--dpkgopt=path-exclude=/usr/share/info/*",
        "--dpkgopt=path-exclude=/usr/share/locale/*",
        // Variant extract runs no customize hooks: the strip script then runs once the packages are unpacked.
        (variant.equals("extract") ? "--extract-hook" : "--customize-hook") + "=sh " + hook + " \"$1\"",
        // The engine makes /dev; device nodes in the image would be noise at best.
        "--skip=output/dev"));
    command.addAll(extraOptions);
    if (Files.isDirectory(MERGED_USR_HOOKS)) {
      command.add("--hook-dir=" + MERGED_USR_HOOKS);
    }
    command.add(SUITE);
    command.add(partial.toString());
    command.addAll(SOURCES);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // Fixed file times: the same packages give the same tar.
    builder.environment().put("SOURCE_DATE_EPOCH", "1");
    Process process = builder.start();
    try {
      if (!process.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException("mmdebstrap did not finish within " + BUILD_TIMEOUT_MINUTES
            + " minutes; is deb.debian.org reachable? Log: " + log);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while mmdebstrap built " + name, e);
    }
    if (process.exitValue() != 0) {
      Files.deleteIfExists(partial);
      throw new IOException("mmdebstrap failed (exit " + process.exitValue() + ") building " + name + ": "
          + tail(log) + " ... Full log: " + log + ". It needs root (or user namespaces) and deb.debian.org");
    }
    Files.move(partial, rootfs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static Path onPath(String name) {
    String path = System.getenv("PATH");
    for (String dir : (path == null ? "/usr/bin:/bin" : path).split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
        return Path.of(dir, name);
      }
    }
    return null;
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
