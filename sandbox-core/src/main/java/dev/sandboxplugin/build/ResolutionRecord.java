package dev.sandboxplugin.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

  /** Only the extra artifacts of a record, even one whose files are gone. */
  static Set<String> extraArtifacts(Path cacheDir, String key) {
    Path file = fileFor(cacheDir, key);
    Set<String> extra = new LinkedHashSet<>();
    try {
      if (Files.isRegularFile(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (line.startsWith(EXTRA)) {
            extra.add(line.substring(EXTRA.length()));
          }
        }
      }
    } catch (IOException unreadable) {
      // Nothing learnt then.
    }
    return extra;
  }

  void save(Path cacheDir, String key) throws IOException {
    Path file = fileFor(cacheDir, key);
    Files.createDirectories(file.getParent());
    List<String> lines = new ArrayList<>();
    extraArtifacts.forEach(coordinates -> lines.add(EXTRA + coordinates));
    files.forEach((local, host) -> lines.add(local + "\t" + host));
    Path partial = Files.createTempFile(file.getParent(), ".record-", ".partial");
    Files.write(partial, lines, StandardCharsets.UTF_8);
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
