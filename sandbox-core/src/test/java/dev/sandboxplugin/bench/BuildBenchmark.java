package dev.sandboxplugin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Prints the wall time of {@code mvn clean verify} on the host against {@code sandbox:build} of the same project
 * (Maven started outside it, the dependencies of an earlier build reused: the second build), as medians of
 * alternated runs in one go, their ratio, and where the sandboxed build's time went (the resolve step, the images,
 * the build's container, and the rest: Maven's own start, the plugin, the upload, the hand-over). Both sides run
 * the same plugins, JaCoCo off, and neither stops at failing tests or breaches. Not a test.
 *
 * <p>Usage: {@code scripts/benchmark-build [runs] [project...]} (default 3 runs, the examples); the plugin must be
 * installed.
 */
public final class BuildBenchmark {

  private static final String PLUGIN = "dev.sandboxplugin:sandbox-maven-plugin:0.1.0-SNAPSHOT";
  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    List<Path> projects = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      projects.add(Path.of(args[i]).toAbsolutePath().normalize());
    }
    Path work = Files.createTempDirectory("sandbox-build-bench-");
    System.out.printf(Locale.ROOT, "%-16s %12s %14s %7s   %-44s %s%n", "project", "mvn verify", "sandbox:build",
        "ratio", "split (medians): resolve/images/container/rest", "test cases run/failed/skipped: host | sandbox");
    for (Path source : projects) {
      Path copy = work.resolve(source.getFileName().toString());
      copy(source, copy);
      List<String> plain = List.of("-o", "clean", "verify", "-Djacoco.skip=true", "-Dmaven.test.failure.ignore=true");
      List<String> sandboxed = List.of(PLUGIN + ":build", "-Dsandbox.project=" + copy,
          "-Dsandbox.properties=jacoco.skip=true,maven.test.failure.ignore=true", "-Dsandbox.mode=audit",
          "-Dsandbox.failOnError=false");
      mvn(copy, plain.subList(1, plain.size())); // warm-up, online: the host's repository, the file system
      clean(copy);
      mvn(work, sandboxed); // the first build: the resolve step, the images
      List<Double> plainTimes = new ArrayList<>();
      List<Double> sandboxTimes = new ArrayList<>();
      List<List<Double>> splits = new ArrayList<>();
      String hostCases = "";
      String sandboxCases = "";
      for (int i = 0; i < runs; i++) {
        plainTimes.add(mvn(copy, plain));
        hostCases = TestCases.under(copy, "surefire-reports", "failsafe-reports");
        clean(copy);
        double total = mvn(work, sandboxed);
        sandboxTimes.add(total);
        JsonNode steps = JSON.readTree(copy.resolve("target/sandbox/report.json").toFile()).path("buildSteps");
        double resolve = steps.path("resolveMs").asDouble();
        double images = steps.path("imageMs").asDouble();
        double build = steps.path("buildMs").asDouble();
        splits.add(List.of(resolve, images, build, total - resolve - images - build));
        sandboxCases = TestCases.under(copy.resolve("target/sandbox-reports"));
      }
      double plainMedian = median(plainTimes);
      double sandboxMedian = median(sandboxTimes);
      String split = String.format(Locale.ROOT, "%.0f / %.0f / %.0f / %.0f ms", median(column(splits, 0)),
          median(column(splits, 1)), median(column(splits, 2)), median(column(splits, 3)));
      System.out.printf(Locale.ROOT, "%-16s %10.0f ms %12.0f ms %6.2fx   %-44s %s | %s%n", source.getFileName(),
          plainMedian, sandboxMedian, sandboxMedian / plainMedian, split, hostCases, sandboxCases);
    }
  }

  private static List<Double> column(List<List<Double>> rows, int index) {
    return rows.stream().map(row -> row.get(index)).toList();
  }

  private static double mvn(Path dir, List<String> arguments) throws Exception {
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

  // The sandboxed build starts from a checkout, without the host build's target/ folders.
  private static void clean(Path project) throws IOException {
    try (Stream<Path> walk = Files.walk(project)) {
      for (Path target : walk.filter(path -> path.getFileName().toString().equals("target")
          && Files.isRegularFile(path.resolveSibling("pom.xml"))).toList()) {
        delete(target);
      }
    }
  }

  private static void copy(Path source, Path copy) throws IOException {
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

  private static void delete(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
