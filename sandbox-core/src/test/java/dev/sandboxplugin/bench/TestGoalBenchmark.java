package dev.sandboxplugin.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Prints the wall time of {@code mvn test} (Surefire on the host) against {@code mvn test-compile sandbox:test}
 * (the same tests in the sandbox) on each example, as medians of alternated runs in one go, and their ratio. Both
 * compile first and neither stops at failing tests or violations, so both do the whole job. Not a test.
 *
 * <p>Usage: {@code scripts/benchmark-tests [runs]} (default 5); the plugin must be installed.
 */
public final class TestGoalBenchmark {

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    System.out.printf(Locale.ROOT, "%-14s %12s %16s %7s%n", "example", "mvn test", "mvn sandbox:test", "ratio");
    for (String example : System.getProperty("sandbox.bench.examples").split(",")) {
      Path project = Path.of(example);
      List<String> plain = List.of("test", "-Dmaven.test.failure.ignore=true");
      List<String> sandboxed = List.of("test-compile", "sandbox:test", "-Dsandbox.mode=audit",
          "-Dsandbox.failOnError=false");
      mvn(project, plain); // warm-up: caches, image, file system
      mvn(project, sandboxed);
      List<Double> plainTimes = new ArrayList<>();
      List<Double> sandboxTimes = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        plainTimes.add(mvn(project, plain));
        sandboxTimes.add(mvn(project, sandboxed));
      }
      double plainMedian = median(plainTimes);
      double sandboxMedian = median(sandboxTimes);
      System.out.printf(Locale.ROOT, "%-14s %10.0f ms %14.0f ms %6.2fx%n", project.getFileName(), plainMedian,
          sandboxMedian, sandboxMedian / plainMedian);
    }
  }

  private static double mvn(Path project, List<String> goals) throws Exception {
    List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q", "-o"));
    command.addAll(goals);
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    int exit = process.waitFor();
    double millis = (System.nanoTime() - start) / 1e6;
    if (exit != 0) {
      throw new IllegalStateException("mvn " + goals + " in " + project + " exited " + exit + ":\n" + new String(output));
    }
    return millis;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
