package dev.sandboxplugin.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The test cases of a folder of Surefire-format reports as {@code Class#name outcome} ({@code passed},
 * {@code failure}, {@code error}, {@code skipped}, or {@code breach} for a test the sandbox marked), read with an XML
 * parser: who wrote a report (Surefire, our runner, the host) does not change how it reads.
 */
final class TestCases {

  private TestCases() {}

  /** The cases of every {@code TEST-*.xml} under {@code root} whose folder matches {@code folder}. */
  static Set<String> under(Path root, Predicate<Path> folder) throws IOException {
    Set<String> cases = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(path -> path.getParent() != null && folder.test(path.getParent())
          && path.getFileName().toString().matches("TEST-.*\\.xml")).toList()) {
        NodeList testCases = parse(file).getElementsByTagName("testcase");
        for (int i = 0; i < testCases.getLength(); i++) {
          Element testCase = (Element) testCases.item(i);
          cases.add(testCase.getAttribute("classname") + "#" + testCase.getAttribute("name") + " " + outcome(testCase));
        }
      }
    }
    return cases;
  }

  private static String outcome(Element testCase) {
    NodeList errors = testCase.getElementsByTagName("error");
    if (errors.getLength() > 0 && "sandbox.VIOLATION".equals(((Element) errors.item(0)).getAttribute("type"))) {
      return "breach";
    }
    for (String outcome : new String[] {"failure", "error", "skipped"}) {
      if (testCase.getElementsByTagName(outcome).getLength() > 0) {
        return outcome;
      }
    }
    return "passed";
  }

  private static Element parse(Path file) throws IOException {
    try {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
      throw new IOException("not a report: " + file, e);
    }
  }
}
