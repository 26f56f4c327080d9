package dev.sandboxplugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core's packages depend on each other without cycles, as jib's do: each can be read, tested and changed with
 * only the packages below it in mind. Read from the sources (every import and qualified name of ours), so a new
 * edge that closes a cycle fails here with the cycle named.
 */
class PackageCyclesTest {

  private static final Path SOURCES = Path.of("src/main/java/dev/sandboxplugin");
  private static final Pattern OUR_TYPE = Pattern.compile("\\bdev\\.sandboxplugin\\.((?:[a-z]\\w*\\.)*)[A-Z]\\w*");

  @Test
  void noPackageDependsOnItselfThroughOthers() throws IOException {
    Map<String, Set<String>> uses = packageGraph();
    assertTrue(uses.size() > 10, uses::toString);
    List<String> cycles = new ArrayList<>();
    for (String start : uses.keySet()) {
      List<String> path = pathBack(uses, start);
      if (path != null && path.get(0).equals(start) && start.equals(path.stream().min(String::compareTo).get())) {
        cycles.add(String.join(" -> ", path) + " -> " + start);
      }
    }
    assertEquals(List.of(), cycles);
  }

  @Test
  void theCheckSeesACycle() {
    Map<String, Set<String>> uses = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a")));
    assertEquals(List.of("a", "b", "c"), pathBack(uses, "a"));
    assertEquals(null, pathBack(new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of())), "a"));
  }

  // A path start -> ... that leads back to start, or null.
  private static List<String> pathBack(Map<String, Set<String>> uses, String start) {
    return search(uses, start, start, new ArrayList<>(List.of(start)), new TreeSet<>());
  }

  private static List<String> search(Map<String, Set<String>> uses, String start, String at, List<String> path,
      Set<String> seen) {
    for (String next : uses.getOrDefault(at, Set.of())) {
      if (next.equals(start)) {
        return path;
      }
      if (seen.add(next)) {
        path.add(next);
        List<String> found = search(uses, start, next, path, seen);
        if (found != null) {
          return found;
        }
        path.remove(path.size() - 1);
      }
    }
    return null;
  }

  private static Map<String, Set<String>> packageGraph() throws IOException {
    Map<String, Set<String>> uses = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
        String own = packageName(SOURCES.relativize(file.getParent()).toString());
        Set<String> used = uses.computeIfAbsent(own, name -> new TreeSet<>());
        Matcher matcher = OUR_TYPE.matcher(Files.readString(file));
        while (matcher.find()) {
          String other = packageName(matcher.group(1).replaceAll("\\.$", "").replace('.', '/'));
          if (!other.equals(own)) {
            used.add(other);
          }
        }
      }
    }
    return uses;
  }

  private static String packageName(String relativeFolder) {
    return relativeFolder.isEmpty() ? "(dev.sandboxplugin)" : relativeFolder.replace('/', '.');
  }
}
