package dev.sandboxplugin.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code action.yml} and {@code examples/github/workflow.yml} against SchemaStore's published JSON schemas for GitHub
 * actions and workflows, as the npm package {@code @action-validator/core} ships them (installed with npm into
 * {@code target/npm}; scripts/ensure-test-tools installs Node.js and npm where they are missing). A broken workflow is refused, so a
 * pass means the schemas were applied.
 */
class GitHubSchemaTest {

  private static final String VALIDATOR = "@action-validator/core@0.6.0";
  private static final Path NPM_DIR = Path.of("target/npm").toAbsolutePath();
  private static final Path SCRIPT = Path.of("src/test/resources/action/validate-github.js").toAbsolutePath();

  @TempDir
  Path dir;

  @BeforeAll
  static void installValidator() throws Exception {
    if (Files.isDirectory(NPM_DIR.resolve("node_modules/@action-validator/core"))) {
      return;
    }
    Files.createDirectories(NPM_DIR);
    Result install = run(List.of("npm", "install", "--no-save", "--no-audit", "--no-fund", "--prefix", NPM_DIR.toString(),
        VALIDATOR));
    assertEquals(0, install.exitCode, () -> "npm install " + VALIDATOR + " failed:\n" + install.output);
  }

  @Test
  void actionAndWorkflowExampleFollowTheirSchemas() throws Exception {
    Result result = validate(List.of("action=" + SimulatedRunner.REPOSITORY.resolve("action.yml"),
        "workflow=" + SimulatedRunner.REPOSITORY.resolve("examples/github/workflow.yml")));
    assertEquals(0, result.exitCode, result.output);
    assertEquals(2, result.output.lines().filter(line -> line.contains("\"errors\":[]")).count(), result.output);
  }

  @Test
  void aBrokenWorkflowIsRefused() throws Exception {
    Path broken = dir.resolve("broken.yml");
    Files.writeString(broken, "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    stepz: []\n");
    Result result = validate(List.of("workflow=" + broken));
    assertEquals(1, result.exitCode, result.output);
    assertTrue(result.output.contains("stepz"), result.output);
  }

  private static Result validate(List<String> files) throws Exception {
    List<String> command = new ArrayList<>(List.of("node", SCRIPT.toString(),
        NPM_DIR.resolve("node_modules/@action-validator/core").toString()));
    command.addAll(files);
    return run(command);
  }

  private record Result(int exitCode, String output) {}

  private static Result run(List<String> command) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException(command.get(0) + " is needed to validate against the GitHub schemas; install Node.js and"
          + " npm (Debian: apt-get install nodejs npm; scripts/ensure-test-tools does)", e);
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish within 3 minutes:\n" + output);
    }
    return new Result(process.exitValue(), output);
  }
}
