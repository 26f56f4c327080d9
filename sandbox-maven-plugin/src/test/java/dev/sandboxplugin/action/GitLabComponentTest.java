package dev.sandboxplugin.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sandboxplugin.report.CodeQualityWriter;
import dev.sandboxplugin.scan.ScanArtifacts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitLab CI/CD components in {@code templates/}: their inputs as GitLab reads them ({@code spec:} then
 * {@code ---} then the job, {@code $[[ inputs.x ]]} filled in), and the job's script run with bash as a runner
 * would, in a checkout that is a git repository, with a stand-in for Maven that prints its folder and arguments.
 */
class GitLabComponentTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern INPUT = Pattern.compile("\\$\\[\\[\\s*inputs\\.([\\w-]+)\\s*]]");

  @TempDir Path dir;

  @Test
  void theBuildComponentRunsMavenOutsideTheCheckoutWithItsCacheInAFolderTheSandboxLeavesOut() throws Exception {
    JsonNode job = job("sandbox-build", Map.of("goals", "verify site"));
    assertEquals("tcp://docker:2376", job.path("variables").path("DOCKER_HOST").asText());
    assertEquals("/certs/client", job.path("variables").path("DOCKER_CERT_PATH").asText());
    assertEquals(".sandbox-ci/", job.path("cache").path("paths").get(0).asText());
    assertEquals("target/sandbox/" + CodeQualityWriter.FILE,
        job.path("artifacts").path("reports").path("codequality").asText());
    assertEquals("target/sandbox-reports/TEST-*.xml", job.path("artifacts").path("reports").path("junit").asText());

    Path checkout = checkout();
    Run run = runScript(job, checkout, Map.of("CI_MERGE_REQUEST_DIFF_BASE_SHA", "abc123"));
    assertEquals(0, run.exitCode, run.output);
    assertTrue(run.output.contains("mvn-in: /tmp\n"), run.output);
    assertTrue(run.output.contains("mvn-args: -B -ntp dev.sandboxplugin:sandbox-maven-plugin:0.1.0-SNAPSHOT:build"
        + " -Dsandbox.project=" + checkout + " -Dmaven.repo.local=" + checkout + "/.sandbox-ci/m2 -Dsandbox.cacheDir="
        + checkout + "/.sandbox-ci/cache -Dsandbox.goals=verify site -Dsandbox.timeout=20m -Dsandbox.mode=enforce"
        + " -Dsandbox.trustedRef=abc123\n"), run.output);
  }

  @Test
  void aTreeThatTracksFilesWhereTheJobKeepsThePluginIsRefused() throws Exception {
    JsonNode job = job("sandbox-build", Map.of());
    Path checkout = checkout();
    Path planted = Files.createDirectories(checkout.resolve(".sandbox-ci/m2/dev/sandboxplugin"));
    Files.writeString(planted.resolve("planted.jar"), "not ours");
    git(checkout, "add", "-f", ".sandbox-ci");
    git(checkout, "commit", "-q", "-m", "plant");

    Run run = runScript(job, checkout, Map.of());
    assertEquals(2, run.exitCode, run.output);
    assertTrue(run.output.contains("tracks files in .sandbox-ci/"), run.output);
    assertTrue(!run.output.contains("mvn-args"), "Maven never started:\n" + run.output);
  }

  @Test
  void theScanComponentRunsOnMergeRequestsOverTheirCommitsAndAReleaseRepositoryIsOnlyAPluginRepository()
      throws Exception {
    JsonNode job = job("sandbox-scan", Map.of("plugin-repository", "https://repo.example.invalid/sandbox", "mode", "audit"));
    assertEquals("$CI_PIPELINE_SOURCE == \"merge_request_event\"", job.path("rules").get(0).path("if").asText());
    assertEquals("target/sandbox/" + ScanArtifacts.CODE_QUALITY_FILE,
        job.path("artifacts").path("reports").path("codequality").asText());
    assertEquals("target/sandbox/" + ScanArtifacts.JUNIT_FILE, job.path("artifacts").path("reports").path("junit").get(1).asText());

    Path checkout = checkout();
    Run run = runScript(job, checkout, Map.of("CI_MERGE_REQUEST_DIFF_BASE_SHA", "abc123"));
    assertEquals(0, run.exitCode, run.output);
    assertTrue(run.output.contains(":scan -Dsandbox.project=" + checkout), run.output);
    assertTrue(run.output.contains("-Dsandbox.commits=abc123..HEAD -Dsandbox.trustedRef=abc123 -Dsandbox.timeout=20m"
        + " -Dsandbox.mode=audit\n"), run.output);
    String settings = Files.readString(Path.of("/tmp/sandbox-settings.xml"));
    assertTrue(settings.contains("<pluginRepository><id>sandbox-plugin</id><url>https://repo.example.invalid/sandbox</url>"),
        settings);
    assertTrue(!settings.contains("<repositories>"), "the tree's dependencies never come from it: " + settings);
  }

  @Test
  void everyInputTheJobsUseIsDeclared() throws Exception {
    for (String component : List.of("sandbox-build", "sandbox-scan")) {
      String[] parts = Files.readString(template(component)).split("\n---\n", 2);
      JsonNode inputs = YAML.readTree(parts[0]).path("spec").path("inputs");
      Matcher used = INPUT.matcher(parts[1]);
      while (used.find()) {
        assertTrue(inputs.has(used.group(1)), component + " uses an undeclared input " + used.group(1));
      }
      inputs.fields().forEachRemaining(input -> assertTrue(input.getValue().has("description"),
          component + ": input " + input.getKey() + " has no description"));
    }
  }

  private static Path template(String component) {
    return SimulatedRunner.REPOSITORY.resolve("templates/" + component + ".yml");
  }

  // The job as GitLab makes it: inputs filled with the given values, else their defaults.
  private static JsonNode job(String component, Map<String, String> values) throws Exception {
    String[] parts = Files.readString(template(component)).split("\n---\n", 2);
    JsonNode inputs = YAML.readTree(parts[0]).path("spec").path("inputs");
    Matcher matcher = INPUT.matcher(parts[1]);
    StringBuilder filled = new StringBuilder();
    while (matcher.find()) {
      String value = values.getOrDefault(matcher.group(1), inputs.path(matcher.group(1)).path("default").asText());
      matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
    }
    return YAML.readTree(matcher.appendTail(filled).toString()).path(component);
  }

  private Path checkout() throws Exception {
    Path checkout = Files.createDirectories(dir.resolve("checkout-" + System.nanoTime()));
    Files.writeString(checkout.resolve("pom.xml"), "<project/>");
    git(checkout, "init", "-q");
    git(checkout, "add", "pom.xml");
    git(checkout, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "init");
    return checkout;
  }

  private static void git(Path repository, String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.invalid",
        "-C", repository.toString()));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), output);
  }

  private record Run(int exitCode, String output) {}

  // Each script line as the runner runs it: in one shell, in the checkout, with the job's variables.
  private Run runScript(JsonNode job, Path checkout, Map<String, String> ciVariables) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin-" + System.nanoTime()));
    Path mvn = bin.resolve("mvn");
    Files.writeString(mvn, "#!/usr/bin/env bash\necho \"mvn-in: $PWD\"\necho \"mvn-args: $*\"\n");
    Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwx------"));
    StringBuilder script = new StringBuilder();
    job.path("script").forEach(line -> script.append(line.asText()).append('\n'));
    ProcessBuilder builder = new ProcessBuilder("bash", "-e", "-c", script.toString()).directory(checkout.toFile())
        .redirectErrorStream(true);
    Map<String, String> environment = new LinkedHashMap<>();
    job.path("variables").fields().forEachRemaining(variable -> environment.put(variable.getKey(),
        variable.getValue().asText()));
    environment.putAll(ciVariables);
    environment.put("CI_PROJECT_DIR", checkout.toString());
    environment.put("PATH", bin + ":" + System.getenv("PATH"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(1, TimeUnit.MINUTES)) {
      process.destroyForcibly();
    }
    return new Run(process.exitValue(), output);
  }
}
