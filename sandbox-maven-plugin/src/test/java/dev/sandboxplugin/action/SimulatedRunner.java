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
 * Runs the action's step as a GitHub runner would: reads {@code action.yml}, hands the inputs over through the step's
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
  private static final Pattern INPUT = Pattern.compile("\\$\\{\\{\\s*inputs\\.([\\w-]+)\\s*}}");

  /** A workflow command the runner would have obeyed. */
  public record Command(String name, Map<String, String> properties, String message) {}

  /**
   * What the step did.
   *
   * @param obeyed the workflow commands the runner would have carried out, in order
   * @param shownWhileStopped lines shown while commands were off
   */
  public record Result(int exitCode, List<String> lines, List<Command> obeyed, List<String> shownWhileStopped,
      Map<String, String> outputs, String summary) {}

  private SimulatedRunner() {}

  /**
   * @param workspace the checked-out project ({@code GITHUB_WORKSPACE})
   * @param inputs the {@code with:} of the workflow step
   * @param extraEnvironment for the test's own needs (the Maven command)
   */
  public static Result run(Path workspace, Map<String, String> inputs, Map<String, String> extraEnvironment)
      throws IOException, InterruptedException {
    JsonNode action = new ObjectMapper(new YAMLFactory()).readTree(REPOSITORY.resolve("action.yml").toFile());
    JsonNode step = action.path("runs").path("steps").get(0);
    Map<String, String> environment = new LinkedHashMap<>();
    step.path("env").fields().forEachRemaining(e -> environment.put(e.getKey(), fill(e.getValue().asText(), action, inputs)));
    Path runnerFiles = Files.createTempDirectory(workspace.getParent(), "runner-");
    Path output = Files.createFile(runnerFiles.resolve("output"));
    Path summary = Files.createFile(runnerFiles.resolve("summary"));
    ProcessBuilder builder = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step.path("run").asText())
        .directory(workspace.resolve(fill(step.path("working-directory").asText("."), action, inputs)).toFile())
        .redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("GITHUB_") || name.startsWith("MAVEN_"));
    builder.environment().putAll(environment);
    builder.environment().putAll(extraEnvironment);
    builder.environment().put("GITHUB_WORKSPACE", workspace.toString());
    builder.environment().put("GITHUB_ACTION_PATH", REPOSITORY.toString());
    builder.environment().put("GITHUB_OUTPUT", output.toString());
    builder.environment().put("GITHUB_STEP_SUMMARY", summary.toString());
    builder.environment().put("GITHUB_ACTIONS", "true");
    Process process = builder.start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("the action's step did not end within 5 minutes:\n" + text);
    }
    List<String> lines = text.lines().toList();
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
    return new Result(process.exitValue(), lines, obeyed, stopped, outputs(output), Files.readString(summary));
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

  private static String fill(String expression, JsonNode action, Map<String, String> inputs) {
    Matcher matcher = INPUT.matcher(expression);
    StringBuilder filled = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      if (!action.path("inputs").has(name)) {
        throw new IllegalStateException("action.yml uses input '" + name + "', which it does not declare");
      }
      String value = inputs.getOrDefault(name, action.path("inputs").path(name).path("default").asText(""));
      matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
    }
    return matcher.appendTail(filled).toString();
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
