package dev.sandboxplugin.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sandboxplugin.files.AtomicFile;
import dev.sandboxplugin.verdict.Verdict;
import dev.sandboxplugin.verdict.Violation;
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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /** What each known kind means; a kind not listed here still gets a rule, named after itself. */
  private static final Map<String, String[]> RULES = new LinkedHashMap<>();

  static {
    // Severity as code scanning ranks it (security-severity: 9.0+ critical, 7.0+ high, 4.0+ medium): reaching out
    // or breaking a wall of the sandbox ranks above using up a limit.
    rule("NETWORK", "NetworkRefused", "Network connection refused", "8.0",
        "The payload tried to connect somewhere the sandbox's network policy does not allow.");
    rule("DNS", "NameLookupToConnect", "Host name lookup to connect", "7.0",
        "The payload looked up a host name to reach it, or to carry data out in the name; the sandbox has no resolver.");
    rule("FILE_READ", "SecretRead", "Read of a secret or of the host's view", "7.0",
        "The payload read a place where credentials or the host's configuration live (/proc/1/environ, ~/.ssh, settings).");
    rule("FILE_WRITE", "WriteOutsideWritablePaths", "Write outside the writable paths", "6.0",
        "The payload tried to write where the sandbox's file system is read-only.");
    rule("EXEC", "ProgramFromWritablePath", "Program started from a writable place or from memory", "8.0",
        "The payload tried to run a program it wrote to /tmp or another noexec path, or one held in memory.");
    rule("PROCESS", "ProcessStarted", "Process started", "5.0",
        "A test started a program (a shell, a tool, a JVM without the agent).");
    rule("EXIT", "JvmExit", "The test JVM was made to exit", "4.0",
        "A test called System.exit or Runtime.halt, which ends the test run and can hide what came after.");
    rule("MOUNT", "MountRefused", "Mount refused", "9.0",
        "The payload tried to mount a file system, the first step of most container escapes.");
    rule("SYSCALL", "PrivilegedCallRefused", "Privileged system call refused", "8.5",
        "The payload made a system call the seccomp profile or the dropped capabilities refuse (namespaces, ptrace, bpf, keys).");
    rule("SECCOMP", "ForbiddenSystemCall", "Forbidden system call", "9.0",
        "The payload made a system call the seccomp profile forbids and was killed for it (SIGSYS).");
    rule("LINK", "LinkOutOfTheTree", "Link out of the project", "8.0",
        "The project has a link, or a system-scope path, that leads out of the tree: the host would read or write there.");
    rule("REPORT", "ReportRefused", "Report refused", "6.0",
        "A report entry was refused: a link, a path out of its folder, too large, not well-formed, or contradicting what the tests said while they ran.");
    rule("CONFIG_CHANGE", "SandboxConfigurationChanged", "Change of the sandbox's configuration", "7.0",
        "A commit changes what configures the sandbox or the build around it (policy, plugin configuration, .mvn/, wrapper, CI workflows).");
    rule("DISK", "WritablePlaceFull", "A writable place is full", "3.0",
        "The payload filled a size- or file-count-capped writable place (tmpfs, /dev/shm).");
    rule("TIMEOUT", "Timeout", "Wall-clock timeout", "3.0",
        "The payload was still running at the policy's timeout and was killed.");
    rule("MEMORY", "OutOfMemory", "Memory limit reached", "3.0",
        "The payload ran out of the memory the policy allows (the kernel's OOM kill, or the JVM's heap).");
    rule("PIDS", "ProcessLimit", "Process and thread limit reached", "4.0",
        "The payload could not start a thread or process at the policy's pids limit.");
  }

  private SarifWriter() {}

  private static void rule(String kind, String name, String shortText, String severity, String fullText) {
    RULES.put(kind, new String[] {name, shortText, fullText, severity});
  }

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
    List<String> kinds = new ArrayList<>(RULES.keySet());
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

  private static ObjectNode rule(String kind) {
    String[] known = RULES.getOrDefault(kind, new String[] {kind, "Sandbox violation " + kind,
        "The payload broke the sandbox's policy (" + kind + ").", "5.0"});
    ObjectNode rule = JSON.createObjectNode();
    rule.put("id", kind);
    rule.put("name", known[0]);
    rule.putObject("shortDescription").put("text", known[1]);
    rule.putObject("fullDescription").put("text", known[2]);
    rule.putObject("help").put("text", known[2] + " See target/sandbox/report.json for the evidence.")
        .put("markdown", "**" + known[1] + ".** " + known[2] + "\n\nThe evidence (who saw it, the test and the code"
            + " when the agent named them) is in `target/sandbox/report.json`; the run's `summary.md` lists it too.");
    rule.putObject("defaultConfiguration").put("level", "error");
    ObjectNode properties = rule.putObject("properties");
    properties.putArray("tags").add("security").add("sandbox");
    properties.put("security-severity", known[3]);
    properties.put("precision", "high");
    return rule;
  }

  private static ObjectNode result(Violation violation, int ruleIndex, String level, SourceLocation location) {
    ObjectNode result = JSON.createObjectNode();
    result.put("ruleId", violation.kind());
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

  /** The security-severity of a kind's rule (0.0 to 10.0, as code scanning ranks them). */
  static double securitySeverity(String kind) {
    String[] known = RULES.get(kind);
    return known == null ? 5.0 : Double.parseDouble(known[3]);
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
