package dev.sandboxplugin.scan;

import dev.sandboxplugin.verdict.Verdict;
import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

/**
 * GitLab's Code Quality report (a subset of Code Climate's): one entry per violation of a flagged commit, placed at
 * the line the agent saw it come from when known, else at the test class, the script or the POM. A merge request's
 * widget shows them on the diff.
 */
public final class CodeQualityReport {

  // "a.b.XTest.method(XTest.java:26)" as the agent writes a frame.
  private static final Pattern FRAME = Pattern.compile("^([\\w$.]+)\\.[\\w$<>]+\\(([\\w$]+\\.java):(\\d+)\\)$");

  private CodeQualityReport() {}

  /** The entries, as maps ready for JSON. */
  public static List<Map<String, Object>> entries(ScanReport report, ProjectLayout layout) {
    List<Map<String, Object>> entries = new ArrayList<>();
    for (ScanReport.CommitResult commit : report.commits()) {
      for (Violation violation : commit.violations()) {
        Location location = locate(violation, commit, layout);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("description", violation.kind() + ": " + violation.detail()
            + (violation.test() == null ? "" : " (test " + violation.test() + ")") + " - commit " + commit.shortId()
            + " by " + commit.author() + ", flagged as AI-written by rule "
            + String.join(", ", commit.rules().stream().map(RuleMatch::rule).distinct().toList()));
        entry.put("check_name", "sandbox/" + violation.kind());
        entry.put("fingerprint", fingerprint(commit.commit(), violation));
        entry.put("severity", severity(commit.verdict(), violation));
        entry.put("location", Map.of("path", location.path(), "lines", Map.of("begin", location.line())));
        entries.add(entry);
      }
    }
    for (ScanReport.ConfigChange change : report.configChanges()) {
      Violation violation = change.asViolation();
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("description", violation.detail() + " - by " + change.author());
      entry.put("check_name", "sandbox/" + ViolationKind.CONFIG_CHANGE);
      entry.put("fingerprint", fingerprint(change.commit(), violation));
      entry.put("severity", "critical");
      entry.put("location", Map.of("path", change.path(), "lines", Map.of("begin", change.line())));
      entries.add(entry);
    }
    return entries;
  }

  private record Location(String path, int line) {}

  private static Location locate(Violation violation, ScanReport.CommitResult commit, ProjectLayout layout) {
    for (String frame : violation.stack()) {
      Matcher matcher = FRAME.matcher(frame.strip());
      if (matcher.matches()) {
        String className = matcher.group(1);
        String pkg = className.contains(".") ? className.substring(0, className.lastIndexOf('.')) : "";
        Path source = source(layout, pkg.replace('.', '/') + (pkg.isEmpty() ? "" : "/") + matcher.group(2));
        if (source != null) {
          return new Location(layout.repositoryPath(source), Integer.parseInt(matcher.group(3)));
        }
      }
    }
    if (violation.test() != null) {
      String testClass = violation.test().split("[#$]")[0];
      Path source = source(layout, testClass.replace('.', '/') + ".java");
      if (source != null) {
        return new Location(layout.repositoryPath(source), 1);
      }
    }
    if (!commit.scripts().isEmpty()) {
      return new Location(commit.scripts().get(0).path(), 1);
    }
    for (String testClass : commit.tests()) {
      Path source = source(layout, testClass.replace('.', '/') + ".java");
      if (source != null) {
        return new Location(layout.repositoryPath(source), 1);
      }
    }
    return new Location(layout.repositoryPath(layout.project().resolve("pom.xml")), 1);
  }

  private static Path source(ProjectLayout layout, String relative) {
    List<Path> roots = new ArrayList<>(layout.testSourceRoots());
    roots.addAll(layout.mainSourceRoots());
    for (Path root : roots) {
      Path file = root.resolve(relative).normalize();
      if (file.startsWith(root) && Files.isRegularFile(file)) {
        return file;
      }
    }
    return null;
  }

  private static String severity(Verdict verdict, Violation violation) {
    boolean breach = verdict == Verdict.VIOLATION || verdict == Verdict.SECCOMP_KILLED;
    return breach && !violation.kind().isLimit() ? "critical" : "major";
  }

  private static String fingerprint(String commit, Violation violation) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      String[] parts = {commit, violation.kind().name(), violation.detail(), String.valueOf(violation.test())};
      for (String part : parts) {
        sha256.update(part.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha256.digest()).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
