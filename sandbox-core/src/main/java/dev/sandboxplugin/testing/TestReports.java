package dev.sandboxplugin.testing;

import dev.sandboxplugin.files.UntrustedXml;
import dev.sandboxplugin.run.CollectedFiles;
import dev.sandboxplugin.run.SafeText;
import dev.sandboxplugin.verdict.Evidence;
import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Puts the Surefire-format reports the sandbox handed over into {@code target/sandbox-reports/}, where CI test
 * reporting finds them, and reads the counts back. Each file is parsed before it is written (no DTDs, no
 * entities: it is the payload's text) and written without following links; earlier runs' reports are removed so a
 * stale result never passes for this run's.
 */
public final class TestReports {

  private static final Pattern REPORT_NAME = Pattern.compile("TEST-[A-Za-z0-9_$.\\-]{1,200}\\.xml");
  private static final int MAX_FAILED_LISTED = 50;

  private TestReports() {}

  /** Surefire's place for reports is target/surefire-reports; ours sits beside the report folder. */
  public static Path besideReportDir(Path reportDir) {
    Path parent = reportDir.toAbsolutePath().getParent();
    return (parent != null ? parent : reportDir).resolve("sandbox-reports");
  }

  /** Writes the reports of {@code collected} into {@code targetDir} and sums them up. */
  public static TestRun write(CollectedFiles collected, Path targetDir) throws IOException {
    return write(collected, targetDir, null);
  }

  /**
   * As {@link #write(CollectedFiles, Path)}, checked against what the runner sent while the tests ran
   * ({@code live}, when it sent anything): those results and attempts are the ones that count. A handed-over report
   * that says otherwise was rewritten after the fact: it is refused ({@code REPORT}) and the host writes the class's
   * report from the live results instead, as it does for classes whose report never came.
   */
  public static TestRun write(CollectedFiles collected, Path targetDir, LiveRecords live) throws IOException {
    List<Violation> refused = new ArrayList<>(collected.rejected());
    boolean fromLive = live != null && live.heardAnything();
    if (!collected.handedOver() && !fromLive) {
      return TestRun.notReported(refused);
    }
    Files.createDirectories(targetDir);
    removeEarlierReports(targetDir);
    AgentAttempts.Parsed attempts = fromLive ? live.attempts() : new AgentAttempts.Parsed(List.of(), null, 0);
    List<LiveTest> liveTests = fromLive ? settled(live.tests()) : List.of();
    Map<String, List<LiveTest>> liveByClass = byClass(liveTests);
    Set<String> classesWritten = new HashSet<>();
    Counts counts = new Counts();
    // The attempts first: a report is written with its breaching tests marked.
    for (Map.Entry<String, byte[]> file : new java.util.TreeMap<>(collected.files()).entrySet()) {
      if (AgentAttempts.isRecord(file.getKey())) {
        attempts = attempts.and(AgentAttempts.parse(file.getValue()));
      }
    }
    BreachMarks marks = new BreachMarks(Notices.without(attempts.attempts()));
    for (Map.Entry<String, byte[]> file : new java.util.TreeMap<>(collected.files()).entrySet()) {
      String name = file.getKey();
      if (AgentAttempts.isRecord(name)) {
        continue;
      }
      if (!REPORT_NAME.matcher(name).matches()) {
        refused.add(new Violation(ViolationKind.REPORT, "report file '" + name
            + "' refused: not a TEST-<class>.xml report", Evidence.HOST));
        continue;
      }
      Element suite;
      try {
        suite = parse(file.getValue());
      } catch (SAXException | IOException e) {
        refused.add(new Violation(ViolationKind.REPORT, "report file '" + name + "' refused: not well-formed XML ("
            + SafeText.forLog(String.valueOf(e.getMessage())) + ")", Evidence.HOST));
        continue;
      }
      if (!suite.getTagName().equals("testsuite")) {
        refused.add(new Violation(ViolationKind.REPORT, "report file '" + name + "' refused: not a <testsuite>",
            Evidence.HOST));
        continue;
      }
      NodeList cases = suite.getElementsByTagName("testcase");
      if (fromLive) {
        Map<String, List<String>> inFile = new TreeMap<>();
        for (int i = 0; i < cases.getLength(); i++) {
          Element testCase = (Element) cases.item(i);
          inFile.computeIfAbsent(testCase.getAttribute("classname"), key -> new ArrayList<>())
              .add(testCase.getAttribute("name") + " " + outcomeOf(testCase));
        }
        String contradiction = contradiction(inFile, liveByClass);
        if (contradiction != null) {
          refused.add(new Violation(ViolationKind.REPORT, "report file '" + name + "' refused: it says " + contradiction
              + " than the runner sent while the tests ran (rewritten after the fact?); the live results are kept",
              Evidence.HOST));
          continue;
        }
        classesWritten.addAll(inFile.keySet());
      } else {
        for (int i = 0; i < cases.getLength(); i++) {
          Element testCase = (Element) cases.item(i);
          String outcome = outcomeOf(testCase);
          counts.add(outcome, SafeText.forLog(testCase.getAttribute("classname") + "#" + testCase.getAttribute("name"))
              + " " + outcome + firstLine(testCase, outcome));
        }
      }
      writeNoFollow(targetDir.resolve(name), marks.applyTo(suite) ? ReportXml.bytes(suite, false) : file.getValue());
    }
    String stoppedEarly = null;
    if (fromLive) {
      refused.addAll(twiceReported(live.tests()));
      for (LiveTest test : liveTests) {
        counts.add(test.outcome(), test.id() + " " + test.outcome() + (test.message() == null || test.message().isBlank()
            ? "" : ": " + shortLine(test.message())));
      }
      for (Map.Entry<String, List<LiveTest>> byClass : liveByClass.entrySet()) {
        String fileName = "TEST-" + byClass.getKey() + ".xml";
        if (!classesWritten.contains(byClass.getKey()) && REPORT_NAME.matcher(fileName).matches()) {
          Element suite = LiveReportXml.suite(byClass.getKey(), byClass.getValue());
          marks.applyTo(suite);
          writeNoFollow(targetDir.resolve(fileName), ReportXml.bytes(suite, true));
        }
      }
      if (!live.ended()) {
        List<LiveTest> tests = live.tests();
        stoppedEarly = tests.isEmpty() ? "before its first test ended"
            : "after " + tests.size() + " test(s), the last " + tests.get(tests.size() - 1).id();
      } else {
        String mismatch = live.countMismatch();
        if (mismatch != null) {
          refused.add(new Violation(ViolationKind.REPORT, mismatch, Evidence.HOST));
        }
      }
    }
    String attribution = attempts.unavailable();
    if (attempts.dropped() > 0) {
      attribution = "the agent saw " + attempts.dropped() + " more attempt(s) than it keeps";
    }
    return new TestRun(true, counts.run, counts.failures, counts.errors, counts.skipped, counts.failed,
        Notices.without(attempts.attempts()), refused, attribution, Notices.of(attempts.attempts()), stoppedEarly);
  }

  /** Sums of outcomes, and the first failing tests. */
  private static final class Counts {
    int run;
    int failures;
    int errors;
    int skipped;
    final List<String> failed = new ArrayList<>();

    void add(String outcome, String line) {
      run++;
      switch (outcome) {
        case "failure" -> failures++;
        case "error" -> errors++;
        case "skipped" -> skipped++;
        default -> { }
      }
      if ((outcome.equals("failure") || outcome.equals("error")) && failed.size() < MAX_FAILED_LISTED) {
        failed.add(line);
      }
    }
  }

  private static Map<String, List<LiveTest>> byClass(List<LiveTest> tests) {
    Map<String, List<LiveTest>> byClass = new java.util.LinkedHashMap<>();
    for (LiveTest test : tests) {
      byClass.computeIfAbsent(test.className(), key -> new ArrayList<>()).add(test);
    }
    return byClass;
  }

  /** How a report's test cases differ from the live ones of the same classes; null when they agree. */
  private static String contradiction(Map<String, List<String>> inFile, Map<String, List<LiveTest>> live) {
    for (Map.Entry<String, List<String>> byClass : inFile.entrySet()) {
      List<String> reported = new ArrayList<>(byClass.getValue());
      List<String> sent = new ArrayList<>(live.getOrDefault(byClass.getKey(), List.of()).stream()
          .map(test -> test.name() + " " + test.outcome()).toList());
      java.util.Collections.sort(reported);
      java.util.Collections.sort(sent);
      if (!reported.equals(sent)) {
        List<String> onlyInFile = new ArrayList<>(reported);
        sent.forEach(onlyInFile::remove);
        String example = onlyInFile.isEmpty() ? "fewer results" : "'" + SafeText.forLog(byClass.getKey() + "#"
            + onlyInFile.get(0)) + "'";
        return example + " for " + SafeText.forLog(byClass.getKey()) + (onlyInFile.isEmpty() ? "" : ", other results");
      }
    }
    return null;
  }

  /** One result per test that came twice with different outcomes: the one that did not pass. */
  private static List<LiveTest> settled(List<LiveTest> tests) {
    Map<String, List<LiveTest>> byId = new java.util.LinkedHashMap<>();
    for (LiveTest test : tests) {
      List<LiveTest> same = byId.computeIfAbsent(test.className() + "#" + test.name(), key -> new ArrayList<>());
      if (same.isEmpty() || same.get(0).outcome().equals(test.outcome())) {
        same.add(test);
      } else if (same.get(0).outcome().equals("passed")) {
        same.set(0, test);
      }
    }
    return byId.values().stream().flatMap(List::stream).toList();
  }

  /** A test whose result came twice, differently: one of the two was sent by the payload, not the runner. */
  private static List<Violation> twiceReported(List<LiveTest> tests) {
    Map<String, String> outcomeById = new java.util.HashMap<>();
    List<Violation> forged = new ArrayList<>();
    for (LiveTest test : tests) {
      String earlier = outcomeById.putIfAbsent(test.className() + "#" + test.name(), test.outcome());
      if (earlier != null && !earlier.equals(test.outcome()) && forged.size() < 5) {
        forged.add(new Violation(ViolationKind.REPORT, "test " + test.id() + " was reported twice while the tests ran, "
            + earlier + " and " + test.outcome() + ": one of them was not the runner's", Evidence.HOST));
      }
    }
    return forged;
  }

  private static String shortLine(String message) {
    String line = SafeText.forLog(message.lines().findFirst().orElse(""));
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  private static String outcomeOf(Element testCase) {
    for (String child : List.of("failure", "error", "skipped")) {
      if (testCase.getElementsByTagName(child).getLength() > 0) {
        return child;
      }
    }
    return "passed";
  }

  private static String firstLine(Element testCase, String outcome) {
    // A passing test has no element of its outcome, nor anything to say.
    if (!(testCase.getElementsByTagName(outcome).item(0) instanceof Element result)) {
      return "";
    }
    String message = result.getAttribute("message");
    if (message == null || message.isBlank()) {
      return "";
    }
    return ": " + shortLine(message);
  }

  private static Element parse(byte[] xml) throws SAXException, IOException {
    return UntrustedXml.parse(xml);
  }

  private static void removeEarlierReports(Path targetDir) throws IOException {
    try (DirectoryStream<Path> earlier = Files.newDirectoryStream(targetDir, "TEST-*.xml")) {
      for (Path file : earlier) {
        Files.deleteIfExists(file);
      }
    }
  }

  private static void writeNoFollow(Path file, byte[] content) throws IOException {
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
      out.write(content);
    }
  }
}
