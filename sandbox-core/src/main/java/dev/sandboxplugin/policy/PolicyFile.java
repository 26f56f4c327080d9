package dev.sandboxplugin.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * {@code sandbox-policy.yaml}: the sandbox settings of a project, in a file reviewers see in diffs. Its keys are
 * the plugin's parameter names ({@code memory}, {@code timeout}, ...), so one vocabulary serves the file, the POM
 * and {@code -Dsandbox.*}. The file's values replace the defaults; the POM and the command line come on top.
 *
 * <pre>
 * version: 1
 * memory: 256m
 * timeout: 2m
 * env: [LANG, TZ]
 * network: allowlist
 * allow: ["*.example.com:443"]
 * writablePaths:
 *   - /app/out
 *   - {path: /app/cache, size: 16m}
 * seccompProfile: strict
 * mode: enforce
 * </pre>
 *
 * Every problem is reported with its line and column ({@link PolicyFileException}), all of them at once.
 */
public final class PolicyFile {

  /** The name looked for in the project's folder when no file is named. */
  public static final String DEFAULT_NAME = "sandbox-policy.yaml";
  private static final long MAX_BYTES = 256 * 1024;
  private static final String VERSION = "1";

  private final Path file;
  private final SandboxPolicy.Builder builder;
  private final List<PolicyFileException.Problem> problems = new ArrayList<>();
  private final Map<String, BiConsumer<String, YamlNode>> settings = new LinkedHashMap<>();

  private PolicyFile(Path file, SandboxPolicy defaults) {
    this.file = file;
    this.builder = defaults.toBuilder().file(file);
    settings.put("version", (key, node) -> version(scalar(key, node)));
    settings.put("memory", (key, node) -> builder.memory(MemorySize.parse(key, scalar(key, node))));
    settings.put("cpus", (key, node) -> builder.cpus(decimal(key, scalar(key, node))));
    settings.put("pids", (key, node) -> builder.pids(wholeNumber(key, scalar(key, node))));
    settings.put("openFiles", (key, node) -> builder.openFiles(wholeNumber(key, scalar(key, node))));
    settings.put("processes", (key, node) -> builder.processes(wholeNumber(key, scalar(key, node))));
    settings.put("tmpfsSize", (key, node) -> builder.tmpfsSize(MemorySize.parse(key, scalar(key, node))));
    settings.put("timeout", (key, node) -> builder.timeout(Durations.parse(key, scalar(key, node))));
    settings.put("outputLimit", (key, node) -> builder.outputLimit(MemorySize.parse(key, scalar(key, node))));
    settings.put("env", this::env);
    settings.put("seccompProfile", (key, node) -> builder.seccompProfile(
        SeccompProfile.resolve(scalar(key, node), directory())));
    settings.put("mode", (key, node) -> builder.mode(EnforcementMode.parse(scalar(key, node))));
    settings.put("network", (key, node) -> scalar(key, node)); // with allow, after all keys
    settings.put("allow", this::hostPatterns);
    settings.put("proxyNetwork", (key, node) -> scalar(key, node)); // with network, after all keys
    settings.put("runtime", (key, node) -> builder.runtime(scalar(key, node)));
    settings.put("writablePaths", this::writablePaths);
    settings.put("scan", this::scan);
  }

  /**
   * The policy file to use: {@code explicit} when given (it must exist), else the first {@value #DEFAULT_NAME}
   * found in {@code folders}, else none.
   *
   * @throws InvalidPolicyException when {@code explicit} names no file
   */
  public static Optional<Path> locate(Path explicit, List<Path> folders) {
    if (explicit != null) {
      if (!Files.isRegularFile(explicit)) {
        throw new InvalidPolicyException("policy file " + explicit + " does not exist; give the path of a "
            + DEFAULT_NAME + " or leave it unset to use the defaults");
      }
      return Optional.of(explicit);
    }
    return folders.stream().map(folder -> folder.resolve(DEFAULT_NAME)).filter(Files::isRegularFile).findFirst();
  }

  /**
   * Reads {@code file} into a policy: its settings over the defaults.
   *
   * @throws PolicyFileException naming the file, line and column of each problem
   * @throws InvalidPolicyException when the file cannot be read at all
   */
  public static SandboxPolicy load(Path file) {
    return load(file, SandboxPolicy.builder().build());
  }

  /** As {@link #load(Path)}, the file's settings over {@code defaults} (a build's are larger than a class's). */
  public static SandboxPolicy load(Path file, SandboxPolicy defaults) {
    // A link could make us read, and quote, any file of the host (a committed policy -> /etc/shadow).
    if (Files.isSymbolicLink(file) || !Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidPolicyException("policy file " + file + " is not a regular file (a link, a folder or a"
          + " device); a policy file must be a plain file of its own");
    }
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new InvalidPolicyException("policy file " + file + " is larger than " + MAX_BYTES / 1024
            + " KB; a policy file is a few lines");
      }
      String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
      return new PolicyFile(file, defaults).read(text);
    } catch (CharacterCodingException e) {
      throw new InvalidPolicyException("policy file " + file + " is not UTF-8 text");
    } catch (IOException e) {
      throw new InvalidPolicyException("policy file " + file + " cannot be read: " + e.getMessage());
    }
  }

  /**
   * Parses {@code text} as the content of {@code file} (which names it in messages and is where relative paths,
   * such as a seccomp profile's, are resolved from).
   */
  public static SandboxPolicy parse(String text, Path file) {
    return new PolicyFile(file, SandboxPolicy.builder().build()).read(text);
  }

  private SandboxPolicy read(String text) {
    YamlNode root;
    try {
      root = YamlNode.read(text);
    } catch (JsonProcessingException e) {
      throw new PolicyFileException(file, List.of(syntaxProblem(e)));
    } catch (IOException e) {
      throw new InvalidPolicyException("policy file " + file + " cannot be read: " + e.getMessage());
    }
    if (root == null) {
      return builder.build(); // an empty file: the defaults
    }
    if (root.value() instanceof YamlNode.SecondDocument) {
      problem(root, "a second YAML document ('---'); a policy file has one");
    } else if (!root.isMap()) {
      problem(root, "the policy file must be a mapping of settings (key: value), found " + root.kind());
    } else {
      readSettings(root.fields());
    }
    if (!problems.isEmpty()) {
      throw new PolicyFileException(file, problems);
    }
    return builder.build();
  }

  // SnakeYAML knows where the problem is and what it is; Jackson's own location is where the construct began.
  private static PolicyFileException.Problem syntaxProblem(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
      return new PolicyFileException.Problem(yaml.getProblemMark().getLine() + 1, yaml.getProblemMark().getColumn() + 1,
          "not valid YAML: " + firstLine(yaml.getProblem())
          + (yaml.getContext() == null ? "" : " (" + firstLine(yaml.getContext()) + ")"));
    }
    JsonLocation at = e.getLocation();
    return new PolicyFileException.Problem(at == null ? 1 : Math.max(1, at.getLineNr()),
        at == null ? 1 : Math.max(1, at.getColumnNr()), "not valid YAML: " + firstLine(e.getOriginalMessage()));
  }

  private void readSettings(Map<YamlNode, YamlNode> fields) {
    Map<String, YamlNode> firstKeys = new HashMap<>();
    Map<String, YamlNode> values = new HashMap<>();
    for (Map.Entry<YamlNode, YamlNode> field : fields.entrySet()) {
      YamlNode key = field.getKey();
      String name = key.text();
      YamlNode earlier = firstKeys.putIfAbsent(name, key);
      if (earlier != null) {
        problem(key, "'" + name + "' is set twice (first at line " + earlier.line() + "); set it once");
        continue;
      }
      BiConsumer<String, YamlNode> setting = settings.get(name);
      if (setting == null) {
        problem(key, "unknown key '" + name + "'" + suggestion(name) + "; known keys: "
            + String.join(", ", settings.keySet()));
        continue;
      }
      values.put(name, field.getValue());
      apply(field.getValue(), () -> setting.accept(name, field.getValue()));
    }
    network(firstKeys, values);
  }

  // network and allow make one value: checked together, the complaint placed on the key that is off.
  private void network(Map<String, YamlNode> keys, Map<String, YamlNode> values) {
    YamlNode mode = values.get("network");
    YamlNode allow = values.get("allow");
    YamlNode proxyNetwork = values.get("proxyNetwork");
    if (mode == null && allow == null && proxyNetwork == null) {
      return;
    }
    if ((mode != null && (!mode.isScalar() || mode.value() == null || mode.text().isBlank()))
        || (allow != null && allow.value() != null && !allow.isList())) {
      return; // already reported
    }
    // Entries already reported stay out, so one bad entry is one problem.
    List<String> patterns = allow == null || allow.value() == null ? List.of() : allow.items().stream()
        .filter(item -> item.value() instanceof String text && parses(text)).map(YamlNode::text).toList();
    String modeText = mode == null ? "none" : mode.text();
    String proxyNetworkText = proxyNetwork == null || !proxyNetwork.isScalar() || proxyNetwork.value() == null
        ? null : proxyNetwork.text();
    YamlNode blame = mode != null && (allow == null || !modeText.trim().equalsIgnoreCase("none"))
        ? keys.get("network") : allow != null ? keys.get("allow") : keys.get("proxyNetwork");
    apply(blame, () -> builder.network(NetworkPolicy.of(modeText, patterns).withProxyNetwork(proxyNetworkText)));
  }

  private static boolean parses(String hostPattern) {
    try {
      HostPattern.parse(hostPattern);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void env(String key, YamlNode node) {
    List<String> names = new ArrayList<>();
    for (YamlNode item : list(key, node)) {
      apply(item, () -> {
        String name = scalar(key, item);
        builder.envAllowlist(List.of(name));
        names.add(name);
      });
    }
    builder.envAllowlist(names);
  }

  private void hostPatterns(String key, YamlNode node) {
    for (YamlNode item : list(key, node)) {
      apply(item, () -> HostPattern.parse(scalar(key, item)));
    }
  }

  private void writablePaths(String key, YamlNode node) {
    List<WritablePath> paths = new ArrayList<>();
    for (YamlNode item : list(key, node)) {
      apply(item, () -> paths.add(writablePath(key, item)));
    }
    builder.writablePaths(paths);
  }

  private WritablePath writablePath(String key, YamlNode item) {
    if (item.isScalar()) {
      return WritablePath.of(scalar(key, item), null);
    }
    if (!item.isMap()) {
      throw new InvalidPolicyException(key + " entries are a path (/app/out) or {path: /app/out, size: 16m},"
          + " found " + item.kind());
    }
    YamlNode path = null;
    MemorySize size = null;
    for (Map.Entry<YamlNode, YamlNode> field : item.fields().entrySet()) {
      String name = field.getKey().text();
      YamlNode value = field.getValue();
      switch (name) {
        case "path" -> {
          at(value, () -> scalar(key + ".path", value));
          path = value;
        }
        case "size" -> size = at(value, () -> MemorySize.parse(key + ".size", scalar(key + ".size", value)));
        default -> throw new Located(field.getKey(), new InvalidPolicyException("unknown key '" + name + "' in a "
            + key + " entry; known keys: path, size"));
      }
    }
    if (path == null) {
      throw new InvalidPolicyException(key + " entry has no path; write {path: /app/out, size: 16m}");
    }
    YamlNode pathNode = path;
    MemorySize checkedSize = size;
    return at(pathNode, () -> WritablePath.of(pathNode.text(), checkedSize));
  }

  // scan: {defaultRules: true, rules: [{name, field, pattern}], scripts: [scripts, tools]}
  private void scan(String key, YamlNode node) {
    if (!node.isMap()) {
      throw new InvalidPolicyException(key + " takes keys defaultRules, rules and scripts; found " + node.kind());
    }
    List<AiCommitRule> rules = new ArrayList<>();
    boolean defaultRules = true;
    List<String> scripts = null;
    for (Map.Entry<YamlNode, YamlNode> field : node.fields().entrySet()) {
      String name = field.getKey().text();
      YamlNode value = field.getValue();
      switch (name) {
        case "defaultRules" -> defaultRules = at(value, () -> bool(key + ".defaultRules", scalar(key + ".defaultRules", value)));
        case "rules" -> {
          for (YamlNode item : at(value, () -> list(key + ".rules", value))) {
            apply(item, () -> rules.add(scanRule(key + ".rules", item)));
          }
        }
        case "scripts" -> {
          List<String> folders = new ArrayList<>();
          for (YamlNode item : at(value, () -> list(key + ".scripts", value))) {
            apply(item, () -> folders.add(scalar(key + ".scripts", item)));
          }
          scripts = folders;
        }
        default -> throw new Located(field.getKey(), new InvalidPolicyException("unknown key '" + name + "' in "
            + key + "; known keys: defaultRules, rules, scripts"));
      }
    }
    builder.scan(new ScanSettings(rules, defaultRules, scripts));
  }

  private AiCommitRule scanRule(String key, YamlNode item) {
    if (!item.isMap()) {
      throw new InvalidPolicyException(key + " entries are {name: acme-bot, field: author, pattern: ...}; found "
          + item.kind());
    }
    Map<String, String> parts = new java.util.HashMap<>();
    for (Map.Entry<YamlNode, YamlNode> field : item.fields().entrySet()) {
      String name = field.getKey().text();
      if (!List.of("name", "field", "pattern").contains(name)) {
        throw new Located(field.getKey(), new InvalidPolicyException("unknown key '" + name + "' in a " + key
            + " entry; known keys: name, field, pattern"));
      }
      parts.put(name, at(field.getValue(), () -> scalar(key + "." + name, field.getValue())));
    }
    return AiCommitRule.of(parts.get("name"), parts.get("field"), parts.get("pattern"));
  }

  private static boolean bool(String key, String text) {
    return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new InvalidPolicyException(key + " = '" + text + "' is not true or false");
    };
  }

  private void version(String text) {
    if (!VERSION.equals(text)) {
      throw new InvalidPolicyException("version = '" + text + "' is not supported; this plugin reads version "
          + VERSION);
    }
  }

  private Path directory() {
    Path parent = file.toAbsolutePath().getParent();
    return parent != null ? parent : Path.of(".");
  }

  private static String scalar(String key, YamlNode node) {
    if (!node.isScalar()) {
      throw new InvalidPolicyException(key + " takes a single value, found " + node.kind());
    }
    if (node.value() == null || node.text().isBlank()) {
      throw new InvalidPolicyException(key + " has no value; give one or remove the key");
    }
    return node.text();
  }

  private static List<YamlNode> list(String key, YamlNode node) {
    if (node.value() == null) {
      return List.of();
    }
    if (!node.isList()) {
      throw new InvalidPolicyException(key + " takes a list, e.g. [a, b] or one '- item' per line; found "
          + node.kind());
    }
    return node.items();
  }

  private static int wholeNumber(String key, String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new InvalidPolicyException(key + " = '" + text + "' is not a whole number above 0, e.g. 128");
    }
  }

  private static double decimal(String key, String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new InvalidPolicyException(key + " = '" + text + "' is not a number above 0, e.g. 0.5 or 2");
    }
  }

  // Runs a check; its complaint is placed at `node`, or deeper where a nested check says so.
  private void apply(YamlNode node, Runnable check) {
    try {
      check.run();
    } catch (Located located) {
      problem(located.node, located.getCause().getMessage());
    } catch (IllegalArgumentException e) {
      problem(node, e.getMessage());
    }
  }

  private static <T> T at(YamlNode node, Supplier<T> check) {
    try {
      return check.get();
    } catch (IllegalArgumentException e) {
      throw new Located(node, e);
    }
  }

  // The file's own text is never quoted back: it may not be a policy at all (a secret it was pointed at).
  private void problem(YamlNode node, String message) {
    problems.add(new PolicyFileException.Problem(node.line(), node.column(), withoutFileText(message)));
  }

  private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("'([^']*)'");
  private static final java.util.Set<String> OUR_WORDS = java.util.Set.of("none", "allowlist", "enforce", "audit",
      "default", "strict", "runc", "runsc", "author", "committer", "trailer", "message", "- item", "---",
      "true", "false");

  String withoutFileText(String message) {
    java.util.regex.Matcher quoted = QUOTED.matcher(message);
    StringBuilder out = new StringBuilder();
    while (quoted.find()) {
      String text = quoted.group(1);
      boolean ours = settings.containsKey(text) || OUR_WORDS.contains(text);
      quoted.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(ours ? quoted.group() : "…"));
    }
    quoted.appendTail(out);
    return out.toString();
  }

  private String suggestion(String name) {
    String best = null;
    int bestDistance = 3; // a typo, not another word
    for (String known : settings.keySet()) {
      int distance = distance(name.toLowerCase(Locale.ROOT), known.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = known;
        bestDistance = distance;
      }
    }
    return best == null ? "" : " (did you mean '" + best + "'?)";
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static String firstLine(String message) {
    String text = message == null ? "" : message.strip();
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  /** A complaint that belongs at a deeper node than the one being checked. */
  private static final class Located extends RuntimeException {
    private final transient YamlNode node;

    Located(YamlNode node, IllegalArgumentException cause) {
      super(cause.getMessage(), cause, false, false);
      this.node = node;
    }
  }
}
