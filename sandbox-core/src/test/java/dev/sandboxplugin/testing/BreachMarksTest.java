package dev.sandboxplugin.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.files.UntrustedXml;
import dev.sandboxplugin.verdict.Evidence;
import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class BreachMarksTest {

  private static final byte[] REPORT = ("<testsuite name=\"a.ATest\" tests=\"3\" errors=\"0\" failures=\"1\">"
      + "<testcase name=\"posts\" classname=\"a.ATest\"/>"
      + "<testcase name=\"fails\" classname=\"a.ATest\"><failure message=\"m\"/></testcase>"
      + "<testcase name=\"quiet\" classname=\"a.ATest\"/></testsuite>").getBytes(StandardCharsets.UTF_8);

  @Test
  void aPassingTestThatBreachedIsAnErrorInTheReportCiReads() throws Exception {
    BreachMarks marks = new BreachMarks(List.of(
        new Violation(ViolationKind.NETWORK, "connection to 198.51.100.7:80", "a.ATest#posts", List.of("a.ATest.posts(ATest.java:12)"),
            Evidence.AGENT),
        new Violation(ViolationKind.FILE_WRITE, "write to /etc/x", "a.ATest#fails", List.of(), Evidence.AGENT)));

    Element suite = UntrustedXml.parse(REPORT);
    assertTrue(marks.applyTo(suite));
    Element marked = UntrustedXml.parse(ReportXml.bytes(suite, false));

    assertEquals("1", marked.getAttribute("errors"));
    Element posts = (Element) marked.getElementsByTagName("testcase").item(0);
    Element error = (Element) posts.getElementsByTagName("error").item(0);
    assertEquals(BreachMarks.TYPE, error.getAttribute("type"));
    assertEquals("the sandbox refused 1 action(s) of this test: NETWORK connection to 198.51.100.7:80",
        error.getAttribute("message"));
    assertTrue(error.getTextContent().contains("at a.ATest.posts(ATest.java:12)"), error.getTextContent());
    Element fails = (Element) marked.getElementsByTagName("testcase").item(1);
    assertEquals(1, fails.getElementsByTagName("failure").getLength());
    assertTrue(fails.getElementsByTagName("system-err").item(0).getTextContent().contains("FILE_WRITE: write to /etc/x"));
    Element quiet = (Element) marked.getElementsByTagName("testcase").item(2);
    assertEquals(0, quiet.getChildNodes().getLength());
  }

  @Test
  void aReportWithoutBreachesIsWrittenAsItCame() throws Exception {
    BreachMarks marks = new BreachMarks(List.of(new Violation(ViolationKind.NETWORK, "x", "b.BTest#other", List.of(), Evidence.AGENT)));

    // Unmarked: the report is written as the bytes it came as.
    assertFalse(marks.applyTo(UntrustedXml.parse(REPORT)));
  }

  @Test
  void parameterisedAndNestedRunsAreTheTestsOwn() throws Exception {
    byte[] report = ("<testsuite errors=\"0\"><testcase name=\"posts(int)[2]\" classname=\"a.ATest$Inner\"/></testsuite>")
        .getBytes(StandardCharsets.UTF_8);
    BreachMarks marks = new BreachMarks(List.of(new Violation(ViolationKind.DNS, "lookup", "a.ATest#posts", List.of(), Evidence.AGENT)));

    Element marked = UntrustedXml.parse(report);
    assertTrue(marks.applyTo(marked));

    assertEquals("1", marked.getAttribute("errors"));
  }
}
