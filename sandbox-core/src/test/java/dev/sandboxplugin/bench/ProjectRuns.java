package dev.sandboxplugin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Maven runs on copies of real projects, for the benchmarks and the suite comparison. */
final class ProjectRuns {

  static final String PLUGIN = "dev.sandboxplugin:sandbox-maven-plugin:0.1.0-SNAPSHOT";

  private ProjectRuns() {}

  /** {@code mvn -B -q <arguments>} in {@code dir}; its wall time in ms. Fails with Maven's output if it fails. */
  static double mvn(Path dir, List<String> arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q"));
    command.addAll(arguments);
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    int exit = process.waitFor();
    double millis = (System.nanoTime() - start) / 1e6;
    if (exit != 0) {
      throw new IllegalStateException("mvn " + arguments + " in " + dir + " exited " + exit + ":\n" + new String(output));
    }
    return millis;
  }

  /** A checkout's copy: no .git, no target/ folders. */
  static void copy(Path source, Path copy) throws IOException {
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path from : walk.toList()) {
        Path relative = source.relativize(from);
        if (relative.startsWith(".git") || relative.toString().contains("/target/")
            || relative.toString().equals("target")) {
          continue;
        }
        Path to = copy.resolve(relative.toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
  }

  // The sandboxed build starts from a checkout, without the host build's target/ folders.
  static void clean(Path project) throws IOException {
    try (Stream<Path> walk = Files.walk(project)) {
      for (Path target : walk.filter(path -> path.getFileName().toString().equals("target")
          && Files.isRegularFile(path.resolveSibling("pom.xml"))).toList()) {
        delete(target);
      }
    }
  }

  static void delete(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
