package dev.sandboxplugin.bench;

import java.nio.file.Path;
import java.util.ArrayList;
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
      List<String> plain = List.of("-o", "test", "-Dmaven.test.failure.ignore=true");
      List<String> sandboxed = List.of("-o", "test-compile", "sandbox:test", "-Dsandbox.mode=audit",
          "-Dsandbox.failOnError=false");
      ProjectRuns.mvn(project, plain); // warm-up: caches, image, file system
      ProjectRuns.mvn(project, sandboxed);
      List<Double> plainTimes = new ArrayList<>();
      List<Double> sandboxTimes = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        plainTimes.add(ProjectRuns.mvn(project, plain));
        sandboxTimes.add(ProjectRuns.mvn(project, sandboxed));
      }
      double plainMedian = ProjectRuns.median(plainTimes);
      double sandboxMedian = ProjectRuns.median(sandboxTimes);
      System.out.printf(Locale.ROOT, "%-14s %10.0f ms %14.0f ms %6.2fx%n", project.getFileName(), plainMedian,
          sandboxMedian, sandboxMedian / plainMedian);
    }
  }
}
