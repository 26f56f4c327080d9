package dev.sandboxplugin.testing;

import dev.sandboxplugin.files.UntrustedXml;
import dev.sandboxplugin.run.CollectedFiles;
import dev.sandboxplugin.verdict.Evidence;
import dev.sandboxplugin.verdict.Violation;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    List<Violation> refused = new ArrayList<>(collected.rejected());
    if (!collected.handedOver()) {
      return TestRun.notReported(refused);
    }
    Files.createDirectories(targetDir);
    removeEarlierReports(targetDir);
    int run = 0;
    int failures = 0;
    int errors = 0;
    int skipped = 0;
    List<String> failed = new ArrayList<>();
    AgentAttempts.Parsed attempts = new AgentAttempts.Parsed(List.of(), null, 0);
    for (Map.Entry<String, byte[]> file : new java.util.TreeMap<>(collected.files()).entrySet()) {
      String name = file.getKey();
      if (AgentAttempts.isRecord(name)) {
        attempts = attempts.and(AgentAttempts.parse(file.getValue()));
        continue;
      }
      if (!REPORT_NAME.matcher(name).matches()) {
        refused.add(new Violation("REPORT", "report file '" + name + "' refused: not a TEST-<class>.xml report", Evidence.HOST));
        continue;
      }
      Element suite;
      try {
        suite = parse(file.getValue());
      } catch (SAXException | IOException e) {
        refused.add(new Violation("REPORT", "report file '" + name + "' refused: not well-formed XML ("
            + e.getMessage() + ")", Evidence.HOST));
        continue;
      }
      if (!suite.getTagName().equals("testsuite")) {
        refused.add(new Violation("REPORT", "report file '" + name + "' refused: not a <testsuite>", Evidence.HOST));
        continue;
      }
      NodeList cases = suite.getElementsByTagName("testcase");
      for (int i = 0; i < cases.getLength(); i++) {
        Element testCase = (Element) cases.item(i);
        run++;
        String outcome = outcomeOf(testCase);
        switch (outcome) {
          case "failure" -> failures++;
          case "error" -> errors++;
          case "skipped" -> skipped++;
          default -> { }
        }
        if ((outcome.equals("failure") || outcome.equals("error")) && failed.size() < MAX_FAILED_LISTED) {
          failed.add(dev.sandboxplugin.run.SafeText.forLog(testCase.getAttribute("classname") + "#"
              + testCase.getAttribute("name")) + " " + outcome
              + firstLine(testCase, outcome));
        }
      }
      writeNoFollow(targetDir.resolve(name), file.getValue());
    }
    String attribution = attempts.unavailable();
    if (attempts.dropped() > 0) {
      attribution = "the agent saw " + attempts.dropped() + " more attempt(s) than it keeps";
    }
    return new TestRun(true, run, failures, errors, skipped, failed, Notices.without(attempts.attempts()), refused,
        attribution, Notices.of(attempts.attempts()));
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
    String message = ((Element) testCase.getElementsByTagName(outcome).item(0)).getAttribute("message");
    if (message == null || message.isBlank()) {
      return "";
    }
    String line = dev.sandboxplugin.run.SafeText.forLog(message.lines().findFirst().orElse(""));
    return ": " + (line.length() > 200 ? line.substring(0, 200) + "..." : line);
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
