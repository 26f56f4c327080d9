package dev.sandboxplugin.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the action's steps as a GitHub runner would: reads {@code action.yml}, hands the inputs over through each step's
 * {@code env} (its {@code ${{ inputs.x }}} expressions filled in), runs its {@code run} line with bash in the
 * working directory, with {@code GITHUB_WORKSPACE}, {@code GITHUB_OUTPUT}, {@code GITHUB_STEP_SUMMARY} and
 * {@code GITHUB_ACTION_PATH} set (bash as the runner starts it: {@code --noprofile --norc -eo pipefail}), and reads the workflow commands of its output the way the runner does: a trimmed
 * line starting with {@code ::} is a command, and after {@code ::stop-commands::TOKEN} none is until a line
 * {@code ::TOKEN::}.
 */
public final class SimulatedRunner {

  public static final Path REPOSITORY = Path.of(System.getProperty("user.dir")).getParent();
  private static final Set<String> RUNNER_COMMANDS = Set.of("set-output", "add-mask", "error", "warning", "notice",
      "debug", "group", "endgroup", "stop-commands", "echo", "add-path", "set-env", "save-state", "add-matcher",
      "remove-matcher");
  private static final Pattern EXPRESSION = Pattern.compile(
      "\\$\\{\\{\\s*(?:inputs\\.([\\w-]+)|steps\\.([\\w-]+)\\.outputs\\.([\\w-]+))\\s*}}");

  /** A workflow command the runner would have obeyed. */
  public record Command(String name, Map<String, String> properties, String message) {}

  /**
   * What the step did.
   *
   * @param obeyed the workflow commands the runner would have carried out, in order
   * @param shownWhileStopped lines shown while commands were off
   * @param outputs the action's {@code outputs:}, from its steps' outputs
   * @param usedActions the {@code uses:} of the steps that call another action, which the simulation does not run
   */
  public record Result(int exitCode, List<String> lines, List<Command> obeyed, List<String> shownWhileStopped,
      Map<String, String> outputs, String summary, List<String> usedActions) {}

  private SimulatedRunner() {}

  /**
   * @param workspace the checked-out project ({@code GITHUB_WORKSPACE})
   * @param inputs the {@code with:} of the workflow step
   * @param extraEnvironment for the test's own needs (the Maven command)
   */
  public static Result run(Path workspace, Map<String, String> inputs, Map<String, String> extraEnvironment)
      throws IOException, InterruptedException {
    return run(REPOSITORY, workspace, inputs, extraEnvironment);
  }

  /**
   * Runs the action's {@code run:} steps in order, as the runner runs a composite action, until one fails; a
   * {@code uses:} step (another action, such as actions/cache) is listed in {@link Result#usedActions}, not run.
   *
   * @param actionPath the action's own files ({@code GITHUB_ACTION_PATH}), where its {@code action.yml} is
   */
  public static Result run(Path actionPath, Path workspace, Map<String, String> inputs,
      Map<String, String> extraEnvironment) throws IOException, InterruptedException {
    JsonNode action = new ObjectMapper(new YAMLFactory()).readTree(actionPath.resolve("action.yml").toFile());
    Path runnerFiles = Files.createTempDirectory(workspace.getParent(), "runner-");
    Path summary = Files.createFile(runnerFiles.resolve("summary"));
    Map<String, Map<String, String>> stepOutputs = new LinkedHashMap<>();
    List<String> usedActions = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int exitCode = 0;
    int index = 0;
    for (JsonNode step : action.path("runs").path("steps")) {
      index++;
      if (step.has("uses")) {
        usedActions.add(step.path("uses").asText());
        continue;
      }
      Expressions expressions = new Expressions(action, inputs, stepOutputs);
      Map<String, String> environment = new LinkedHashMap<>();
      step.path("env").fields().forEachRemaining(e -> environment.put(e.getKey(), expressions.fill(e.getValue().asText())));
      Path output = Files.createFile(runnerFiles.resolve("output-" + index));
      ProcessBuilder builder = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step.path("run").asText())
          .directory(workspace.resolve(expressions.fill(step.path("working-directory").asText("."))).toFile())
          .redirectErrorStream(true);
      builder.environment().keySet().removeIf(name -> name.startsWith("GITHUB_") || name.startsWith("MAVEN_"));
      builder.environment().putAll(environment);
      builder.environment().putAll(extraEnvironment);
      builder.environment().put("GITHUB_WORKSPACE", workspace.toString());
      builder.environment().put("GITHUB_ACTION_PATH", actionPath.toString());
      builder.environment().put("GITHUB_OUTPUT", output.toString());
      builder.environment().put("GITHUB_STEP_SUMMARY", summary.toString());
      builder.environment().put("GITHUB_ACTIONS", "true");
      builder.environment().put("RUNNER_TEMP", runnerFiles.toString());
      Process process = builder.start();
      text.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("the action's step did not end within 5 minutes:\n" + text);
      }
      stepOutputs.put(step.path("id").asText("step" + index), outputs(output));
      exitCode = process.exitValue();
      if (exitCode != 0) {
        break;
      }
    }
    Expressions expressions = new Expressions(action, inputs, stepOutputs);
    Map<String, String> outputs = new LinkedHashMap<>();
    action.path("outputs").fields().forEachRemaining(e -> outputs.put(e.getKey(),
        expressions.fill(e.getValue().path("value").asText())));
    List<String> lines = text.toString().lines().toList();
    List<Command> obeyed = new ArrayList<>();
    List<String> stopped = new ArrayList<>();
    String resume = null;
    for (String line : lines) {
      String trimmed = line.trim();
      if (resume != null) {
        if (trimmed.equals(resume)) {
          resume = null;
        } else {
          stopped.add(line);
        }
        continue;
      }
      Command command = parse(trimmed);
      if (command == null) {
        continue;
      }
      obeyed.add(command);
      if (command.name().equals("stop-commands")) {
        resume = "::" + command.message() + "::";
      }
    }
    return new Result(exitCode, lines, obeyed, stopped, outputs, Files.readString(summary), usedActions);
  }

  // "::name k=v,k=v::message", as the runner's parser reads it.
  private static Command parse(String line) {
    if (!line.startsWith("::")) {
      return null;
    }
    int end = line.indexOf("::", 2);
    if (end < 0) {
      return null;
    }
    String info = line.substring(2, end);
    int space = info.indexOf(' ');
    String name = space < 0 ? info : info.substring(0, space);
    if (!RUNNER_COMMANDS.contains(name)) {
      return null;
    }
    Map<String, String> properties = new LinkedHashMap<>();
    if (space >= 0) {
      for (String property : info.substring(space + 1).split(",")) {
        int equals = property.indexOf('=');
        if (equals > 0) {
          properties.put(property.substring(0, equals).trim(), unescape(property.substring(equals + 1)));
        }
      }
    }
    return new Command(name, properties, unescape(line.substring(end + 2)));
  }

  static String unescape(String text) {
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%");
  }

  /** {@code ${{ inputs.x }}} and {@code ${{ steps.id.outputs.y }}}, the expressions the action's steps use. */
  private record Expressions(JsonNode action, Map<String, String> inputs, Map<String, Map<String, String>> steps) {

    String fill(String expression) {
      Matcher matcher = EXPRESSION.matcher(expression);
      StringBuilder filled = new StringBuilder();
      while (matcher.find()) {
        matcher.appendReplacement(filled, Matcher.quoteReplacement(value(matcher)));
      }
      return matcher.appendTail(filled).toString();
    }

    private String value(Matcher matcher) {
      if (matcher.group(1) != null) {
        String name = matcher.group(1);
        if (!action.path("inputs").has(name)) {
          throw new IllegalStateException("action.yml uses input '" + name + "', which it does not declare");
        }
        return inputs.getOrDefault(name, action.path("inputs").path(name).path("default").asText(""));
      }
      // A step that did not run has no outputs: empty, as on the runner.
      return steps.getOrDefault(matcher.group(2), Map.of()).getOrDefault(matcher.group(3), "");
    }
  }

  private static Map<String, String> outputs(Path file) throws IOException {
    Map<String, String> outputs = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      int equals = line.indexOf('=');
      if (line.contains("<<")) {
        throw new IllegalStateException("multi-line output not expected: " + line);
      }
      if (equals > 0) {
        outputs.put(line.substring(0, equals), line.substring(equals + 1));
      }
    }
    return outputs;
  }
}
