package dev.sandboxplugin.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    List<Path> projects = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      projects.add(Path.of(args[i]).toAbsolutePath().normalize());
    }
    Path work = Files.createTempDirectory("sandbox-build-bench-");
    System.out.printf(Locale.ROOT, "%-16s %12s %14s %7s   %-44s %s%n", "project", "mvn verify", "sandbox:build",
        "ratio", "split (medians): resolve/images/container/rest", "test cases run/failures/errors/skipped: host | sandbox");
    for (Path source : projects) {
      Path copy = work.resolve(source.getFileName().toString());
      ProjectRuns.copy(source, copy);
      List<String> plain = List.of("-o", "clean", "verify", "-Djacoco.skip=true", "-Dmaven.test.failure.ignore=true");
      List<String> sandboxed = List.of(ProjectRuns.PLUGIN + ":build", "-Dsandbox.project=" + copy,
          "-Dsandbox.properties=jacoco.skip=true,maven.test.failure.ignore=true", "-Dsandbox.mode=audit",
          "-Dsandbox.failOnError=false");
      ProjectRuns.mvn(copy, plain.subList(1, plain.size())); // warm-up, online: the host's repository, the file system
      ProjectRuns.clean(copy);
      ProjectRuns.mvn(work, sandboxed); // the first build: the resolve step, the images
      List<Double> plainTimes = new ArrayList<>();
      List<Double> sandboxTimes = new ArrayList<>();
      List<List<Double>> splits = new ArrayList<>();
      String hostCases = "";
      String sandboxCases = "";
      for (int i = 0; i < runs; i++) {
        plainTimes.add(ProjectRuns.mvn(copy, plain));
        hostCases = SuiteResults.under(copy, "surefire-reports", "failsafe-reports").total().toString();
        ProjectRuns.clean(copy);
        double total = ProjectRuns.mvn(work, sandboxed);
        sandboxTimes.add(total);
        JsonNode steps = JSON.readTree(copy.resolve("target/sandbox/report.json").toFile()).path("buildSteps");
        double resolve = steps.path("resolveMs").asDouble();
        double images = steps.path("imageMs").asDouble();
        double build = steps.path("buildMs").asDouble();
        splits.add(List.of(resolve, images, build, total - resolve - images - build));
        sandboxCases = SuiteResults.under(copy.resolve("target/sandbox-reports")).total().toString();
      }
      double plainMedian = ProjectRuns.median(plainTimes);
      double sandboxMedian = ProjectRuns.median(sandboxTimes);
      String split = String.format(Locale.ROOT, "%.0f / %.0f / %.0f / %.0f ms", medianOf(splits, 0),
          medianOf(splits, 1), medianOf(splits, 2), medianOf(splits, 3));
      System.out.printf(Locale.ROOT, "%-16s %10.0f ms %12.0f ms %6.2fx   %-44s %s | %s%n", source.getFileName(),
          plainMedian, sandboxMedian, sandboxMedian / plainMedian, split, hostCases, sandboxCases);
    }
  }

  private static double medianOf(List<List<Double>> rows, int column) {
    return ProjectRuns.median(rows.stream().map(row -> row.get(column)).toList());
  }
}
