package dev.sandboxplugin.scan;

import dev.sandboxplugin.files.UntrustedXml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Surefire's counts per test class, read from the {@code TEST-*.xml} reports of a run, so that a scan can say how
 * the tests of each commit did. The files came from the sandbox: parsed with no DTDs and no entities.
 */
final class TestCaseCounts {

  /** @param run test cases; the others are of them */
  record Counts(int run, int failures, int errors, int skipped) {

    static final Counts NONE = new Counts(0, 0, 0, 0);

    Counts plus(Counts other) {
      return new Counts(run + other.run, failures + other.failures, errors + other.errors, skipped + other.skipped);
    }
  }

  private final Map<String, Counts> byClass;

  private TestCaseCounts(Map<String, Counts> byClass) {
    this.byClass = byClass;
  }

  static TestCaseCounts read(Path reportsDir) throws IOException {
    Map<String, Counts> byClass = new HashMap<>();
    if (reportsDir == null || !Files.isDirectory(reportsDir)) {
      return new TestCaseCounts(byClass);
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(reportsDir, "TEST-*.xml")) {
      for (Path file : files) {
        NodeList cases = parse(file).getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
          Element testCase = (Element) cases.item(i);
          Counts one = new Counts(1, has(testCase, "failure"), has(testCase, "error"), has(testCase, "skipped"));
          byClass.merge(testCase.getAttribute("classname"), one, Counts::plus);
        }
      }
    }
    return new TestCaseCounts(byClass);
  }

  /** The counts of {@code className} and its nested classes. */
  Counts of(String className) {
    Counts sum = Counts.NONE;
    for (Map.Entry<String, Counts> entry : byClass.entrySet()) {
      if (entry.getKey().equals(className) || entry.getKey().startsWith(className + "$")) {
        sum = sum.plus(entry.getValue());
      }
    }
    return sum;
  }

  private static int has(Element testCase, String child) {
    return testCase.getElementsByTagName(child).getLength() > 0 ? 1 : 0;
  }

  private static Element parse(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return UntrustedXml.parse(in);
    } catch (SAXException e) {
      throw new IOException("cannot read the test report " + file + ": " + e.getMessage(), e);
    }
  }
}
