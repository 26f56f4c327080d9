package dev.sandboxplugin.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs each project's {@code mvn clean verify} on the host and {@code sandbox:build} of the same checkout, and
 * prints, per project, whether Surefire's and Failsafe's results are the same on both sides: every test class's
 * cases run, failed, errored and skipped, and the same cases not passing (then each difference). Both sides go on
 * past failing tests, JaCoCo off; the sandboxed side in audit mode, so a breach does not stop it (its verdict is
 * printed). Exits 1 when any project differs. Not a test: it needs real projects and minutes each.
 *
 * <p>Usage: {@code scripts/compare-suites [project...]} (default: the examples); the plugin must be installed.
 */
public final class SuiteComparison {

  public static void main(String[] args) throws Exception {
    List<Path> projects = new ArrayList<>();
    for (String arg : args) {
      projects.add(Path.of(arg).toAbsolutePath().normalize());
    }
    Path work = Files.createTempDirectory("sandbox-suite-comparison-");
    System.out.printf(Locale.ROOT, "%-20s %-26s %-26s %-10s %s%n", "project", "host run/fail/err/skip",
        "sandbox run/fail/err/skip", "classes", "verdict of sandbox:build");
    boolean allSame = true;
    List<String> details = new ArrayList<>();
    for (Path source : projects) {
      Path copy = work.resolve(source.getFileName().toString());
      ProjectRuns.copy(source, copy);
      ProjectRuns.mvn(copy, List.of("clean", "verify", "-Djacoco.skip=true", "-Dmaven.test.failure.ignore=true"));
      SuiteResults host = SuiteResults.under(copy, "surefire-reports", "failsafe-reports");
      ProjectRuns.clean(copy);
      ProjectRuns.mvn(work, List.of(ProjectRuns.PLUGIN + ":build", "-Dsandbox.project=" + copy,
          "-Dsandbox.properties=jacoco.skip=true,maven.test.failure.ignore=true", "-Dsandbox.mode=audit",
          "-Dsandbox.failOnError=false"));
      SuiteResults sandbox = SuiteResults.under(copy.resolve("target/sandbox-reports"));
      String verdict = new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(copy.resolve("target/sandbox/report.json").toFile()).path("verdict").asText();
      List<String> differences = host.differencesFrom(sandbox);
      allSame &= differences.isEmpty();
      System.out.printf(Locale.ROOT, "%-20s %-26s %-26s %-10s %s%n", source.getFileName(), host.total(),
          sandbox.total(), differences.isEmpty() ? "same " + host.perClass().size() : "DIFFER", verdict);
      for (String difference : differences) {
        details.add(source.getFileName() + ": " + difference.replace("first side", "host").replace("second side",
            "sandbox"));
      }
    }
    details.forEach(System.out::println);
    ProjectRuns.delete(work);
    System.exit(allSame ? 0 : 1);
  }
}
