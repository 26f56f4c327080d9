package dev.sandboxplugin.testing;

import dev.sandboxplugin.verdict.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Marks the tests that breached in the reports CI reads: a test the agent caught gets an
 * {@code <error type="sandbox.VIOLATION">} naming what it tried (one that failed already keeps its failure and gets
 * the breach in {@code <system-err>}), so every CI test view shows it red, not as a passing test. The counts of the
 * run stay the tests' own; the verdict says the rest.
 */
final class BreachMarks {

  static final String TYPE = "sandbox.VIOLATION";

  private final Map<String, List<Violation>> byTest = new LinkedHashMap<>();

  BreachMarks(List<Violation> attempts) {
    for (Violation attempt : attempts) {
      if (attempt.test() != null) {
        byTest.computeIfAbsent(attempt.test(), key -> new ArrayList<>()).add(attempt);
      }
    }
  }

  /** Marks the breaching tests of {@code suite}; false when none of its tests breached, and it is unchanged. */
  boolean applyTo(Element suite) {
    if (byTest.isEmpty()) {
      return false;
    }
    boolean marked = false;
    NodeList cases = suite.getElementsByTagName("testcase");
    for (int i = 0; i < cases.getLength(); i++) {
      Element testCase = (Element) cases.item(i);
      List<Violation> breaches = breachesOf(testCase.getAttribute("classname"), testCase.getAttribute("name"));
      if (!breaches.isEmpty()) {
        mark(suite, testCase, breaches);
        marked = true;
      }
    }
    return marked;
  }

  // The agent names Class#method; a report names parameterised and repeated runs method(...)[n] and nested
  // classes Outer$Inner.
  private List<Violation> breachesOf(String className, String name) {
    List<Violation> found = new ArrayList<>();
    byTest.forEach((test, breaches) -> {
      int hash = test.indexOf('#');
      String testClass = hash < 0 ? test : test.substring(0, hash);
      String method = hash < 0 ? "" : test.substring(hash + 1);
      boolean sameClass = className.equals(testClass) || className.startsWith(testClass + "$");
      boolean sameMethod = name.equals(method) || name.startsWith(method + "(") || name.startsWith(method + "[")
          || name.startsWith(method + "{");
      if (sameClass && sameMethod) {
        found.addAll(breaches);
      }
    });
    return found;
  }

  private static void mark(Element suite, Element testCase, List<Violation> breaches) {
    StringBuilder evidence = new StringBuilder();
    for (Violation breach : breaches) {
      evidence.append(breach.kind()).append(": ").append(breach.detail()).append('\n');
      breach.stack().forEach(frame -> evidence.append("\tat ").append(frame).append('\n'));
    }
    Violation first = breaches.get(0);
    String message = "the sandbox refused " + breaches.size() + " action(s) of this test: " + first.kind() + " "
        + first.detail();
    boolean failedAlready = testCase.getElementsByTagName("failure").getLength() > 0
        || testCase.getElementsByTagName("error").getLength() > 0;
    boolean skipped = testCase.getElementsByTagName("skipped").getLength() > 0;
    if (failedAlready || skipped) {
      Element systemErr = suite.getOwnerDocument().createElement("system-err");
      systemErr.setTextContent(message + "\n" + evidence);
      testCase.appendChild(systemErr);
      return;
    }
    Element error = suite.getOwnerDocument().createElement("error");
    error.setAttribute("type", TYPE);
    error.setAttribute("message", message);
    error.setTextContent(evidence.toString());
    testCase.insertBefore(error, testCase.getFirstChild());
    String errors = suite.getAttribute("errors");
    suite.setAttribute("errors", String.valueOf((errors.matches("\\d{1,9}") ? Integer.parseInt(errors) : 0) + 1));
  }
}
