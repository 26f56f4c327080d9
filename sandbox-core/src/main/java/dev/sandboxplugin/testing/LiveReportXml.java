package dev.sandboxplugin.testing;

import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A class's {@code TEST-<class>.xml} in Surefire's format, written by the host from the results the runner sent
 * while the tests ran: for a class whose handed-over report was refused or never came. A property
 * {@code sandbox.source=live} says where it came from.
 */
final class LiveReportXml {

  private LiveReportXml() {}

  /** The report's {@code <testsuite>}, in a document of its own; {@link ReportXml} writes it. */
  static Element suite(String className, List<LiveTest> tests) {
    try {
      Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
      Element suite = document.createElement("testsuite");
      document.appendChild(suite);
      double seconds = tests.stream().mapToDouble(LiveTest::seconds).sum();
      suite.setAttribute("name", xmlSafe(className));
      suite.setAttribute("time", seconds(seconds));
      suite.setAttribute("tests", String.valueOf(tests.size()));
      suite.setAttribute("errors", String.valueOf(tests.stream().filter(t -> t.outcome().equals("error")).count()));
      suite.setAttribute("skipped", String.valueOf(tests.stream().filter(t -> t.outcome().equals("skipped")).count()));
      suite.setAttribute("failures", String.valueOf(tests.stream().filter(t -> t.outcome().equals("failure")).count()));
      Element property = document.createElement("property");
      property.setAttribute("name", "sandbox.source");
      property.setAttribute("value", "live");
      suite.appendChild(document.createElement("properties")).appendChild(property);
      for (LiveTest test : tests) {
        Element testCase = document.createElement("testcase");
        testCase.setAttribute("name", xmlSafe(test.name()));
        testCase.setAttribute("classname", xmlSafe(test.className()));
        testCase.setAttribute("time", seconds(test.seconds()));
        if (!test.outcome().equals("passed")) {
          Element result = document.createElement(test.outcome());
          if (test.message() != null) {
            result.setAttribute("message", xmlSafe(test.message()));
          }
          if (test.type() != null) {
            result.setAttribute("type", xmlSafe(test.type()));
          }
          if (test.trace() != null) {
            result.setTextContent(xmlSafe(test.trace()));
          }
          testCase.appendChild(result);
        }
        suite.appendChild(testCase);
      }
      return suite;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("cannot write the report of " + className, e);
    }
  }

  // XML 1.0 has no place for most control characters, not even escaped: they are shown as \xNN.
  private static String xmlSafe(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder safe = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd)
          || Character.isSurrogate(c);
      safe.append(allowed ? String.valueOf(c) : String.format("\\x%02x", (int) c));
    }
    return safe.toString();
  }

  private static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%.3f", seconds);
  }
}
