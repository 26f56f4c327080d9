package dev.sandboxplugin.build;

import dev.sandboxplugin.files.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a resolve step fetched for one set of build inputs (the tree's POMs and {@code .mvn/} files, the goals and
 * arguments, Maven's and the JDK's versions, the host's repositories), kept in the cache: a later build with the same
 * inputs skips the resolve step and runs on the same repository layer. Also the artifacts an offline build was found
 * to miss, which the next resolve step fetches up front.
 *
 * @param files local repository path to the host file it came from
 * @param extraArtifacts coordinates the resolve step is asked for besides what it finds itself
 */
record ResolutionRecord(Map<String, Path> files, Set<String> extraArtifacts) {

  private static final String EXTRA = "extra\t";
  private static final String LEARNED = "learned-artifacts.txt";
  private static final int MAX_LEARNED = 200;

  ResolutionRecord {
    files = new TreeMap<>(files);
    extraArtifacts = new LinkedHashSet<>(extraArtifacts);
  }

  static Path fileFor(Path cacheDir, String key) {
    return cacheDir.resolve("resolutions").resolve(key.substring(0, 32) + ".tsv");
  }

  /** The record for {@code key}, when there is one and every file it names is still on the host. */
  static Optional<ResolutionRecord> load(Path cacheDir, String key) {
    Path file = fileFor(cacheDir, key);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Map<String, Path> files = new TreeMap<>();
    Set<String> extra = new LinkedHashSet<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.startsWith(EXTRA)) {
          extra.add(line.substring(EXTRA.length()));
          continue;
        }
        int tab = line.indexOf('\t');
        if (tab > 0) {
          Path host = Path.of(line.substring(tab + 1));
          if (!Files.isRegularFile(host)) {
            return Optional.empty(); // the host's repository was cleaned: resolve again
          }
          files.put(line.substring(0, tab), host);
        }
      }
    } catch (IOException unreadable) {
      return Optional.empty();
    }
    return Optional.of(new ResolutionRecord(files, extra));
  }

  /**
   * Every artifact an offline build of this machine was found to miss, for any project: a plugin that resolves one
   * as it runs (Surefire's providers' own dependencies, say) resolves it for the next project too, so each resolve
   * step asks for them up front. Fetching one that a build does not use costs a download, never a result.
   */
  static Set<String> learned(Path cacheDir) {
    Path file = cacheDir.resolve("resolutions").resolve(LEARNED);
    Set<String> learned = new LinkedHashSet<>();
    try {
      if (Files.isRegularFile(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (!line.isBlank() && learned.size() < MAX_LEARNED) {
            learned.add(line.trim());
          }
        }
      }
    } catch (IOException unreadable) {
      // Nothing learnt then.
    }
    return learned;
  }

  /** Adds {@code missed} to what {@link #learned} gives. */
  static void learn(Path cacheDir, Set<String> missed) {
    Set<String> learned = learned(cacheDir);
    learned.addAll(missed);
    Path file = cacheDir.resolve("resolutions").resolve(LEARNED);
    try {
      writeLines(file, learned.stream().limit(MAX_LEARNED).toList());
    } catch (IOException unwritable) {
      // Then it is learnt again next time.
    }
  }

  void save(Path cacheDir, String key) throws IOException {
    List<String> lines = new ArrayList<>();
    extraArtifacts.forEach(coordinates -> lines.add(EXTRA + coordinates));
    files.forEach((local, host) -> lines.add(local + "\t" + host));
    writeLines(fileFor(cacheDir, key), lines);
  }

  // One line each, as Files.write(lines) writes them, whole or not at all.
  private static void writeLines(Path file, List<String> lines) throws IOException {
    StringBuilder text = new StringBuilder();
    lines.forEach(line -> text.append(line).append('\n'));
    AtomicFile.write(file.getParent(), file.getFileName().toString(), text.toString().getBytes(StandardCharsets.UTF_8));
  }
}
