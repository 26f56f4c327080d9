package dev.sandboxplugin.bench;

import dev.sandboxplugin.files.UntrustedXml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Counts the test cases of Surefire's {@code TEST-*.xml} reports, for a benchmark to show both sides ran the same. */
final class TestCases {

  private TestCases() {}

  /**
   * "run/failed/skipped" of every {@code TEST-*.xml} below {@code root}, in folders named one of {@code folders}
   * (any folder when none is named).
   */
  static String under(Path root, String... folders) throws Exception {
    if (!Files.isDirectory(root)) {
      return "0/0/0";
    }
    List<Path> reports;
    try (Stream<Path> walk = Files.walk(root)) {
      reports = walk.filter(file -> file.getFileName().toString().startsWith("TEST-")
              && file.getFileName().toString().endsWith(".xml"))
          .filter(file -> folders.length == 0 || List.of(folders).contains(file.getParent().getFileName().toString()))
          .toList();
    }
    int run = 0;
    int failed = 0;
    int skipped = 0;
    for (Path report : reports) {
      NodeList cases = parse(report).getElementsByTagName("testcase");
      for (int i = 0; i < cases.getLength(); i++) {
        Element testCase = (Element) cases.item(i);
        run++;
        if (testCase.getElementsByTagName("failure").getLength() + testCase.getElementsByTagName("error").getLength() > 0) {
          failed++;
        } else if (testCase.getElementsByTagName("skipped").getLength() > 0) {
          skipped++;
        }
      }
    }
    return run + "/" + failed + "/" + skipped;
  }

  private static Element parse(Path report) throws Exception {
    try (var in = Files.newInputStream(report)) {
      return UntrustedXml.parse(in);
    } catch (IOException e) {
      throw new IOException("cannot read " + report, e);
    }
  }
}
