package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandboxplugin.action.SimulatedRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-tree corpus ({@code attacks/trees/}): each case is a project whose commit tries to reach the CI host
 * through the pipeline itself (a build extension, {@code .mvn/}, an annotation processor, a policy of its own, a
 * planted link...). Each runs through {@code sandbox:build} and through {@code sandbox:scan} (the case as one
 * assistant's commit), both started outside the tree, with the CI job's token in the environment and a canary folder
 * on the host; each must leave the canary untouched, leak the token nowhere, and end in its case's exact verdict and
 * violation kinds. Its {@code sandbox:build} runs through the GitHub Action's script (which starts that goal from a
 * folder outside the checkout), or, for a case whose attack acts only inside the sandbox's build, as a plain
 * {@code mvn}: the same run either way, so each case pays for it once. Runs go two at a time (one per core), sharing
 * the one canary.
 */
@Execution(ExecutionMode.CONCURRENT)
class HostileTreeIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  static List<String> cases() throws IOException {
    return HostileTree.names();
  }

  static List<String> buildCases() throws IOException {
    return HostileTree.namesThrough("build");
  }

  static List<String> actionCases() throws IOException {
    return HostileTree.namesThrough("action");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("buildCases")
  void throughSandboxBuild(String name) throws Exception {
    HostileTree hostile = HostileTree.prepare(name, "build");
    HostileTree.Canary canary = HostileTree.Canary.plant();

    MavenRun run = MavenRun.mvn(hostile.pipeline, Map.of("SANDBOX_CANARY_TOKEN", canary.token),
        MavenRun.PLUGIN + ":build", "-D" + "sandbox.project=tree");

    assertBuildOutcome(hostile, canary, run.exitCode, run.log, run.describe());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void throughSandboxScan(String name) throws Exception {
    HostileTree hostile = HostileTree.prepare(name, "scan");
    hostile.commitAsAssistantWork();
    HostileTree.Canary canary = HostileTree.Canary.plant();

    MavenRun run = MavenRun.mvn(hostile.pipeline, Map.of("SANDBOX_CANARY_TOKEN", canary.token),
        MavenRun.PLUGIN + ":scan", "-D" + "sandbox.project=tree", "-Dsandbox.commits=base..HEAD");

    assertEquals(canary.untouched(), canary.contents(), "the canary folder changed\n" + run.describe());
    assertFalse(canary.leakedInto(run.log), "the token or the host's secret is in the log\n" + run.describe());
    assertNothingLeakedUnder(hostile.tree.resolve("target"), canary);
    assertEquals(1, run.exitCode, run.describe());
    if (hostile.expect("report").equals("none")) {
      assertTrue(run.log.contains(hostile.expect("refusal")), run.describe());
      assertFalse(Files.exists(hostile.tree.resolve("target/sandbox/scan.json")), run.describe());
      return;
    }
    JsonNode scan = JSON.readTree(hostile.tree.resolve("target/sandbox/scan.json").toFile());
    assertEquals("VIOLATION", scan.path("verdict").asText(), run.describe());
    JsonNode commit = scan.path("commits").get(0);
    assertEquals(hostile.expect("verdict"), commit.path("verdict").asText(), run.describe());
    assertEquals(hostile.expectedKinds(), kinds(commit), run.describe());
    Set<String> changes = new TreeSet<>();
    scan.path("configChanges").forEach(change -> changes.add(change.path("path").asText()));
    assertEquals(new TreeSet<>(HostileTree.list(hostile.expect("changes"))), changes, run.describe());
    String report = scan.path("testRun").path("report").asText();
    if (!report.isEmpty()) {
      MavenRun.removeImage(JSON.readTree(Path.of(report).toFile()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("actionCases")
  void throughTheAction(String name) throws Exception {
    HostileTree hostile = HostileTree.prepare(name, "action");
    HostileTree.Canary canary = HostileTree.Canary.plant();

    SimulatedRunner.Result result = SimulatedRunner.run(hostile.tree, Map.of("goal", "build"),
        MavenRun.actionEnvironment(Map.of("SANDBOX_CANARY_TOKEN", canary.token)));
    String log = String.join("\n", result.lines());

    assertFalse(canary.leakedInto(result.summary()), "the token or the host's secret is in the summary\n" + log);
    assertTrue(result.obeyed().stream().noneMatch(command -> command.message().contains("forged")), log);
    assertEquals(hostile.expect("report").equals("none") ? "ERROR" : hostile.expect("verdict"),
        result.outputs().get("verdict"), log);
    assertBuildOutcome(hostile, canary, result.exitCode(), log, log);
  }

  /** What a case's {@code sandbox:build} must end in, run as a plain {@code mvn} or through the Action. */
  private static void assertBuildOutcome(HostileTree hostile, HostileTree.Canary canary, int exitCode, String log,
      String describe) throws IOException {
    assertEquals(canary.untouched(), canary.contents(), "the canary folder changed\n" + describe);
    assertFalse(canary.leakedInto(log), "the token or the host's secret is in the log\n" + describe);
    assertNothingLeakedUnder(hostile.tree.resolve("target"), canary);
    Path reportFile = hostile.tree.resolve("target/sandbox/report.json");
    if (hostile.expect("report").equals("none")) {
      assertNotEquals(0, exitCode, describe);
      assertTrue(log.contains(hostile.expect("refusal")), describe);
      assertFalse(Files.exists(reportFile), describe);
      return;
    }
    JsonNode report = MavenRun.report(reportFile, describe);
    MavenRun.removeImage(report);
    assertEquals(hostile.expect("verdict"), report.path("verdict").asText(), describe);
    assertEquals(hostile.expectedKinds(), kinds(report), describe);
    assertEquals(hostile.expect("verdict").equals("PASSED") ? 0 : 1, exitCode, describe);
    for (String key : hostile.expected.stringPropertyNames()) {
      if (key.startsWith("policy.")) {
        JsonNode value = report.path("policy").path(key.substring("policy.".length()));
        assertEquals(hostile.expected.getProperty(key), value.isNull() ? "null" : value.asText(), key);
      }
    }
  }

  // Of a report.json, or of one commit in scan.json.
  private static Set<String> kinds(JsonNode report) {
    Set<String> kinds = new TreeSet<>();
    report.path("violations").forEach(violation -> kinds.add(violation.path("kind").asText()));
    return kinds;
  }

  private static void assertNothingLeakedUnder(Path folder, HostileTree.Canary canary) throws IOException {
    if (!Files.isDirectory(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(path -> Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList()) {
        assertFalse(canary.leakedInto(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1)),
            "the token or the host's secret is in " + file);
      }
    }
  }
}
