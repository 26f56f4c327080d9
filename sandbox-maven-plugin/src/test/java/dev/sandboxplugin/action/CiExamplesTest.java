package dev.sandboxplugin.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sandboxplugin.mojo.PropertyNames;
import dev.sandboxplugin.report.CodeQualityWriter;
import dev.sandboxplugin.scan.ScanArtifacts;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code action.yml} and the CI examples parse, and say what we rely on: the action's inputs and outputs, the
 * workflow's use of them (no input it does not declare, SARIF from the step's output, history for the scan), GitLab's
 * docker:dind over TLS and its report artifacts at the files the plugin writes. The GitHub files are also checked
 * against SchemaStore's schemas ({@link GitHubSchemaTest}); for GitLab's no package ships a schema, so keys it is.
 */
class CiExamplesTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path ROOT = SimulatedRunner.REPOSITORY;
  private static final Pattern PINNED = Pattern.compile("[\\w.-]+/[\\w./-]+@[0-9a-f]{40}");
  private static final Pattern SANDBOX_PROPERTY = Pattern.compile("-D(sandbox\\.[\\w.]+)=");

  @Test
  void actionDeclaresItsInputsAndOutputs() throws Exception {
    JsonNode action = YAML.readTree(ROOT.resolve("action.yml").toFile());
    assertEquals("composite", action.path("runs").path("using").asText());
    for (String input : List.of("goal", "policy", "timeout", "memory", "network", "allow", "mode", "commits")) {
      assertTrue(action.path("inputs").has(input), "input " + input);
      assertTrue(action.path("inputs").path(input).has("description"), "description of " + input);
    }
    for (String output : List.of("verdict", "report", "sarif")) {
      assertEquals("${{ steps.sandbox.outputs." + output + " }}", action.path("outputs").path(output).path("value").asText());
    }
    List<String> ids = new ArrayList<>();
    for (JsonNode step : action.path("runs").path("steps")) {
      ids.add(step.path("id").asText());
      if (step.has("uses")) {
        assertTrue(PINNED.matcher(step.path("uses").asText()).matches(), "pinned by commit: " + step);
        continue;
      }
      assertEquals("bash", step.path("shell").asText());
      // Inputs only through env: an expression inside `run` would be spliced into the script's text.
      assertTrue(!step.path("run").asText().contains("${{"), step.path("run").asText());
    }
    assertEquals(List.of("plugin", "", "sandbox"), ids, "obtain the plugin, restore the cache, run");
    assertTrue(Files.isExecutable(ROOT.resolve("action/run.sh")));
    assertTrue(Files.isExecutable(ROOT.resolve("action/obtain-plugin.sh")));
  }

  @Test
  void githubWorkflowUsesTheActionAsDeclared() throws Exception {
    JsonNode action = YAML.readTree(ROOT.resolve("action.yml").toFile());
    JsonNode workflow = YAML.readTree(ROOT.resolve("examples/github/workflow.yml").toFile());
    assertTrue(workflow.has("on") || workflow.has("true"), "a trigger");
    assertEquals("write", workflow.path("permissions").path("security-events").asText());
    List<JsonNode> ours = new ArrayList<>();
    boolean sarifUploaded = false;
    for (JsonNode job : iterable(workflow.path("jobs"))) {
      assertTrue(job.has("runs-on") && job.path("steps").isArray(), job::toString);
      Set<String> ids = new HashSet<>();
      for (JsonNode step : job.path("steps")) {
        String uses = step.path("uses").asText();
        if (!uses.isEmpty() && !uses.endsWith("/sandbox-maven-plugin@v0")) {
          assertTrue(PINNED.matcher(uses).matches(), "other actions pinned by commit: " + uses);
        }
        if (uses.endsWith("/sandbox-maven-plugin@v0")) {
          ours.add(step);
          ids.add(step.path("id").asText());
          step.path("with").fieldNames().forEachRemaining(
              input -> assertTrue(action.path("inputs").has(input), "the action has no input " + input));
          if (step.path("with").path("goal").asText().equals("scan")) {
            JsonNode checkout = job.path("steps").get(0);
            assertEquals(0, checkout.path("with").path("fetch-depth").asInt(-1), "the scan needs the history");
            assertTrue(step.path("with").path("commits").asText().endsWith("..HEAD"));
          }
        }
        if (uses.startsWith("github/codeql-action/upload-sarif@")) {
          Matcher output = Pattern.compile("steps\\.(\\w+)\\.outputs\\.sarif").matcher(step.path("with").path("sarif_file").asText());
          assertTrue(output.find() && ids.contains(output.group(1)), step::toString);
          sarifUploaded = true;
        }
      }
    }
    assertEquals(2, ours.size());
    assertTrue(sarifUploaded);
  }

  @Test
  void gitlabPipelineRunsDockerInDockerOverTlsAndPublishesReports() throws Exception {
    JsonNode pipeline = YAML.readTree(ROOT.resolve("examples/gitlab/.gitlab-ci.yml").toFile());
    JsonNode variables = pipeline.path("variables");
    assertEquals("tcp://docker:2376", variables.path("DOCKER_HOST").asText());
    assertEquals("1", variables.path("DOCKER_TLS_VERIFY").asText());
    assertEquals("/certs", variables.path("DOCKER_TLS_CERTDIR").asText());
    assertEquals("/certs/client", variables.path("DOCKER_CERT_PATH").asText());
    JsonNode service = pipeline.path("default").path("services").get(0);
    assertTrue(service.path("name").asText().matches("docker:[\\w.]+-dind"), service::toString);
    assertEquals("docker", service.path("alias").asText());

    JsonNode tests = pipeline.path("sandboxed-build");
    assertEquals("target/sandbox-reports/TEST-*.xml", tests.path("artifacts").path("reports").path("junit").asText());
    assertEquals("target/sandbox/" + CodeQualityWriter.FILE,
        tests.path("artifacts").path("reports").path("codequality").asText());
    JsonNode scan = pipeline.path("ai-commits");
    assertEquals("0", scan.path("variables").path("GIT_DEPTH").asText());
    assertEquals("target/sandbox/" + ScanArtifacts.CODE_QUALITY_FILE,
        scan.path("artifacts").path("reports").path("codequality").asText());
    List<String> junit = StreamSupport.stream(scan.path("artifacts").path("reports").path("junit").spliterator(), false)
        .map(JsonNode::asText).toList();
    assertEquals(List.of("target/sandbox-reports/TEST-*.xml", "target/sandbox/" + ScanArtifacts.JUNIT_FILE), junit);
    // Both from outside the checkout: nothing of the tree runs on the runner.
    assertTrue(scan.path("script").toString().contains("cd /tmp && mvn -B $SANDBOX_OPTS \\\"$SANDBOX_PLUGIN:scan\\\" -Dsandbox.project="),
        scan.path("script")::toString);
    assertTrue(tests.path("script").toString().contains("cd /tmp && mvn -B $SANDBOX_OPTS \\\"$SANDBOX_PLUGIN:build\\\" -Dsandbox.project="),
        tests.path("script")::toString);
    assertEquals("always", scan.path("artifacts").path("when").asText());

    // Every -Dsandbox.* the examples pass is a property of the plugin.
    Set<String> known = new HashSet<>();
    for (Field field : PropertyNames.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers())) {
        known.add((String) field.get(null));
      }
    }
    Matcher property = SANDBOX_PROPERTY.matcher(Files.readString(ROOT.resolve("examples/gitlab/.gitlab-ci.yml")));
    while (property.find()) {
      assertTrue(known.contains(property.group(1)), property.group(1));
    }
  }

  private static Iterable<JsonNode> iterable(JsonNode node) {
    return node::elements;
  }
}
