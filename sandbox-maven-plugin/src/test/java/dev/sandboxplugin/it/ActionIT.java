package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandboxplugin.action.SimulatedRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The GitHub Action's step in a simulated runner against the real engine, on {@code examples/tests-demo} with one
 * more test that prints workflow commands: the verdict, report and summary come out, each violation is one
 * annotation at its file and line, and nothing the payload printed is obeyed.
 */
@Execution(ExecutionMode.CONCURRENT)
class ActionIT {

  private static final String LOUD_TEST = """
      package dev.sandboxplugin.examples.tests;

      import org.junit.jupiter.api.Test;

      class LoudTest {

        @Test
        void printsWorkflowCommands() {
          System.out.println("::set-output name=verdict::PASSED");
          System.out.println("::add-mask::x");
          System.out.println("::error::forged");
          System.err.println("::warning file=pom.xml,line=1::forged");
          System.out.println("\\n::error::forged after a newline");
        }
      }
      """;

  @Test
  void hostileTestsInTheSandboxThroughTheAction() throws Exception {
    Path workspace = MavenRun.copyOfExample("tests-demo", "action-demo");
    Files.writeString(workspace.resolve("src/test/java/dev/sandboxplugin/examples/tests/LoudTest.java"), LOUD_TEST);

    SimulatedRunner.Result result = SimulatedRunner.run(workspace,
        Map.of("goal", "test", "test", "LoudTest,ExfiltrationTest", "timeout", "2m"),
        MavenRun.actionEnvironment(Map.of()));
    String log = String.join("\n", result.lines());

    assertEquals(1, result.exitCode(), log);
    assertEquals(List.of("stop-commands", "error"), result.obeyed().stream().map(SimulatedRunner.Command::name).toList(),
        "our stop-commands and the one violation's annotation, nothing of the payload's:\n" + log);
    // Shown, and inert twice over: inside the stop-commands window, and escaped by the plugin whoever runs it.
    assertTrue(result.shownWhileStopped().stream()
        .anyMatch(line -> line.contains("[sandbox] \\x3a:set-output name=verdict::PASSED")), log);
    assertTrue(result.shownWhileStopped().stream().anyMatch(line -> line.contains("[sandbox] \\x3a:add-mask::x")), log);

    SimulatedRunner.Command annotation = result.obeyed().get(1);
    assertEquals("src/test/java/dev/sandboxplugin/examples/tests/ExfiltrationTest.java", annotation.properties().get("file"));
    assertTrue(Integer.parseInt(annotation.properties().get("line")) > 1, annotation::toString);
    assertEquals("sandbox NETWORK", annotation.properties().get("title"));
    assertEquals("NETWORK: connection to 198.51.100.7:80 (test dev.sandboxplugin.examples.tests.ExfiltrationTest"
        + "#environmentIsSane)", annotation.message());

    assertEquals("VIOLATION", result.outputs().get("verdict"));
    Path report = Path.of(result.outputs().get("report"));
    assertEquals(workspace.resolve("target/sandbox/report.json").toRealPath(), report);
    assertEquals("VIOLATION", new ObjectMapper().readTree(report.toFile()).path("verdict").asText());
    assertTrue(result.summary().contains("VIOLATION"), result.summary());
    assertTrue(result.summary().contains("NETWORK"), result.summary());
    assertFalse(result.summary().contains("::set-output"), result.summary());
  }

  /**
   * A stock runner: a local repository without the plugin and no repository that serves this snapshot. The action's
   * first step builds the plugin from the action's own files (a copy of this repository, as the runner downloads
   * it), installs it, and the sandbox step runs the project's main class with it.
   */
  @Test
  void onAStockRunnerTheActionBuildsItsOwnPluginWhenNoRepositoryHasIt() throws Exception {
    Path work = MavenRun.workFolder("action-stock-runner");
    Path actionPath = MavenRun.copyOfSources(work.resolve("action"));
    Path workspace = MavenRun.copyOf(MavenRun.repository().resolve("examples/hello"), work.resolve("hello"));
    Path localRepository = work.resolve("local-repository");

    SimulatedRunner.Result result = SimulatedRunner.run(actionPath, workspace,
        Map.of("goal", "exec", "main-class", "dev.sandboxplugin.examples.hello.Hello", "timeout", "2m"),
        MavenRun.actionEnvironment(localRepository, Map.of()));
    String log = String.join("\n", result.lines());

    assertEquals(0, result.exitCode(), log);
    assertTrue(log.contains("Sandbox: " + MavenRun.PLUGIN + " is in no repository; building it from the action's own"
        + " checkout"), log);
    assertTrue(Files.isRegularFile(localRepository.resolve("dev/sandboxplugin/sandbox-maven-plugin/"
        + MavenRun.PLUGIN_VERSION + "/sandbox-maven-plugin-" + MavenRun.PLUGIN_VERSION + ".jar")), log);
    assertTrue(log.contains("Hello from the sandbox"), log);
    assertEquals("PASSED", result.outputs().get("verdict"), log);
    assertEquals(List.of("actions/cache@5a3ec84eff668545956fd18022155c47e93e2684"), result.usedActions());
  }
}
