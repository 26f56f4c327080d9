package dev.sandboxplugin.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sandboxplugin.files.AtomicFile;
import dev.sandboxplugin.verdict.Verdict;
import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes {@code report.sarif}: SARIF 2.1.0 as GitHub code scanning takes it. One result per violation, one rule per
 * violation kind, each result placed at the file (and line) the finding points at.
 */
public final class SarifWriter {

  public static final String FILE = "report.sarif";
  static final String SCHEMA =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
  static final String SOURCE_ROOT = "%SRCROOT%";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The rules every log lists: one per kind but the notices, which change no verdict. */
  private static final List<ViolationKind> RULES =
      Arrays.stream(ViolationKind.values()).filter(kind -> !kind.isNotice()).toList();

  private SarifWriter() {}

  /**
   * Writes the SARIF log of {@code report} into {@code reportDir}.
   *
   * @param sourceRoot the project's root, which result paths are relative to; null when unknown
   * @param fallback where a violation with no location of its own points (the payload's source file, the POM);
   *     null for none
   */
  public static Path write(RunReport report, Path reportDir, Path sourceRoot, SourceLocation fallback)
      throws IOException {
    String json = toJson(report, sourceRoot, fallback, category(reportDir));
    return AtomicFile.write(reportDir, FILE, json.getBytes(StandardCharsets.UTF_8));
  }

  // Code scanning keeps one analysis per tool and category: each module's report needs a category of its own. The
  // module is the folder the report folder is in (<module>/target/sandbox by default).
  static String category(Path reportDir) {
    Path absolute = reportDir.toAbsolutePath().normalize();
    Path target = absolute.getParent();
    Path module = target == null ? null : target.getParent();
    String name = module == null || module.getFileName() == null ? "project" : module.getFileName().toString();
    return "sandbox/" + name.replaceAll("[^A-Za-z0-9._-]", "_") + "/";
  }

  /** The SARIF log as JSON text, in the category {@code sandbox/}. */
  public static String toJson(RunReport report, Path sourceRoot, SourceLocation fallback) {
    return toJson(report, sourceRoot, fallback, "sandbox/");
  }

  /** The SARIF log as JSON text; {@code category} tells this module's analysis from another's. */
  public static String toJson(RunReport report, Path sourceRoot, SourceLocation fallback, String category) {
    ObjectNode log = JSON.createObjectNode();
    log.put("$schema", SCHEMA);
    log.put("version", "2.1.0");
    ObjectNode run = log.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "sandbox-maven-plugin");
    String version = SarifWriter.class.getPackage().getImplementationVersion();
    if (version != null) {
      driver.put("version", version);
    }
    List<Violation> violations = report.violations() == null ? List.of() : report.violations();
    List<ViolationKind> kinds = new ArrayList<>(RULES);
    violations.stream().map(Violation::kind).filter(kind -> !kinds.contains(kind)).distinct().forEach(kinds::add);
    ArrayNode rules = driver.putArray("rules");
    kinds.forEach(kind -> rules.add(rule(kind)));
    if (sourceRoot != null) {
      String root = sourceRoot.toAbsolutePath().normalize().toUri().toString();
      run.putObject("originalUriBaseIds").putObject(SOURCE_ROOT).put("uri", root.endsWith("/") ? root : root + "/");
    }
    run.putObject("automationDetails").put("id", category);
    ObjectNode invocation = run.putArray("invocations").addObject();
    invocation.put("executionSuccessful", report.verdict() != Verdict.ERROR);
    if (report.verdict() == Verdict.ERROR) {
      invocation.putArray("toolExecutionNotifications").addObject().put("level", "error")
          .putObject("message").put("text", nonEmpty(report.reason()));
    }
    ObjectNode properties = run.putObject("properties");
    properties.put("verdict", report.verdict().name());
    properties.put("reason", report.reason());
    if (report.policy() != null && report.policy().get("sha256") != null) {
      properties.put("policySha256", String.valueOf(report.policy().get("sha256")));
    }
    String level = report.policy() != null && "audit".equals(report.policy().get("mode")) ? "warning" : "error";
    ArrayNode results = run.putArray("results");
    for (Violation violation : violations) {
      results.add(result(violation, kinds.indexOf(violation.kind()), level, location(violation, fallback, sourceRoot)));
    }
    try {
      return JSON.writeValueAsString(log);
    } catch (IOException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static ObjectNode rule(ViolationKind kind) {
    ObjectNode rule = JSON.createObjectNode();
    rule.put("id", kind.name());
    rule.put("name", kind.ruleName());
    rule.putObject("shortDescription").put("text", kind.title());
    rule.putObject("fullDescription").put("text", kind.description());
    rule.putObject("help").put("text", kind.description() + " See target/sandbox/report.json for the evidence.")
        .put("markdown", "**" + kind.title() + ".** " + kind.description() + "\n\nThe evidence (who saw it, the test"
            + " and the code when the agent named them) is in `target/sandbox/report.json`; the run's `summary.md`"
            + " lists it too.");
    rule.putObject("defaultConfiguration").put("level", "error");
    ObjectNode properties = rule.putObject("properties");
    properties.putArray("tags").add("security").add("sandbox");
    properties.put("security-severity", String.valueOf(kind.securitySeverity()));
    properties.put("precision", "high");
    return rule;
  }

  private static ObjectNode result(Violation violation, int ruleIndex, String level, SourceLocation location) {
    ObjectNode result = JSON.createObjectNode();
    result.put("ruleId", violation.kind().name());
    result.put("ruleIndex", ruleIndex);
    result.put("level", level);
    result.putObject("message").put("text", nonEmpty(violation.detail()));
    if (violation.source() != null) {
      ObjectNode properties = result.putObject("properties");
      properties.put("evidenceSource", violation.source().label());
      properties.put("witnessOutsideThePayload", violation.source().outsideThePayload());
    }
    if (location != null) {
      ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
      physical.putObject("artifactLocation").put("uri", relativeUri(location.path())).put("uriBaseId", SOURCE_ROOT);
      // Code scanning wants a region; the file's first line when only the file is known.
      physical.putObject("region").put("startLine", location.line() == null ? 1 : location.line());
    }
    // Stable across runs of the same finding, so code scanning tracks one alert rather than a new one each run.
    result.putObject("partialFingerprints").put("sandboxFinding/v1", fingerprint(violation, location));
    return result;
  }

  /** The same for every run of one finding: its kind, place and detail without what changes from run to run. */
  static String fingerprint(Violation violation, SourceLocation location) {
    return sha256(violation.kind() + "\n" + (location == null ? "" : location.path()) + "\n"
        + normalised(violation.detail()));
  }

  private static final Pattern VOLATILE = Pattern.compile(
      "\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z?|\\b\\d+ ?ms\\b|/tmp/[\\w.-]+|\\b[0-9a-f]{12,64}\\b|\\bpid \\d+\\b");

  /** The detail without what changes from run to run of the same finding: times, durations, temporary names, ids. */
  static String normalised(String detail) {
    return detail == null ? "" : VOLATILE.matcher(detail).replaceAll("~");
  }

  private static final Pattern FRAME =
      Pattern.compile("([\\w$.]+)\\.[\\w$<>]+\\(([\\w$]+\\.java):(\\d+)\\)");
  private static final List<String> SOURCE_FOLDERS = List.of("src/test/java", "src/main/java");

  // The violation's own place in the code first: the top frame the test agent recorded, when that file is in the
  // project's sources; else the fallback.
  static SourceLocation location(Violation violation, SourceLocation fallback, Path sourceRoot) {
    if (sourceRoot != null && !violation.stack().isEmpty()) {
      Matcher frame = FRAME.matcher(violation.stack().get(0));
      if (frame.matches()) {
        String className = frame.group(1);
        int lastDot = className.lastIndexOf('.');
        String folder = lastDot < 0 ? "" : className.substring(0, lastDot).replace('.', '/') + "/";
        for (String module : modules(sourceRoot)) {
          for (String sources : SOURCE_FOLDERS) {
            String path = module + sources + "/" + folder + frame.group(2);
            if (Files.isRegularFile(sourceRoot.resolve(path), LinkOption.NOFOLLOW_LINKS)) {
              return new SourceLocation(path, Integer.parseInt(frame.group(3)));
            }
          }
        }
      }
    }
    return fallback;
  }

  // The root and every folder up to three below it that has a src/ (a reactor's modules), as "" or "module/".
  private static List<String> modules(Path sourceRoot) {
    List<String> modules = new ArrayList<>(List.of(""));
    try (Stream<Path> walk = Files.walk(sourceRoot, 3)) {
      walk.filter(dir -> dir.getFileName() != null && dir.getFileName().toString().equals("src")
              && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
              && !dir.getParent().equals(sourceRoot) && !dir.toString().contains("/target/"))
          .map(dir -> sourceRoot.relativize(dir.getParent()).toString().replace('\\', '/') + "/")
          .sorted().forEach(modules::add);
    } catch (IOException | UncheckedIOException unreadable) {
      // Then only the root's own sources.
    }
    return modules;
  }

  // A SARIF uri is a URI reference, not a file name: spaces and the like are percent-encoded.
  private static String relativeUri(String path) {
    try {
      return new URI(null, null, path, null).getRawPath();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a relative path: " + path, e);
    }
  }

  private static String nonEmpty(String text) {
    return text == null || text.isBlank() ? "(no detail)" : text;
  }

  private static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
