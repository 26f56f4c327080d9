package dev.sandboxplugin.bench;

import dev.sandboxplugin.files.UntrustedXml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What Surefire's {@code TEST-*.xml} reports under a folder say, per test class (the {@code classname} of each
 * test case, so {@code @Nested} classes count as their own): cases run, failed, errored and skipped, and which
 * cases did not pass. Two sides compare equal when every class has the same counts and the same cases fail.
 */
record SuiteResults(Map<String, Counts> perClass, Set<String> notPassing) {

  /** One class's cases: run, failures, errors, skipped, as Surefire counts them. */
  record Counts(int run, int failures, int errors, int skipped) {
    Counts plus(Counts other) {
      return new Counts(run + other.run, failures + other.failures, errors + other.errors, skipped + other.skipped);
    }

    @Override
    public String toString() {
      return run + "/" + failures + "/" + errors + "/" + skipped;
    }
  }

  /** Every {@code TEST-*.xml} below {@code root}, in folders named one of {@code folders} (any, when none is named). */
  static SuiteResults under(Path root, String... folders) throws IOException {
    Map<String, Counts> perClass = new TreeMap<>();
    Set<String> notPassing = new TreeSet<>();
    if (!Files.isDirectory(root)) {
      return new SuiteResults(perClass, notPassing);
    }
    List<Path> reports;
    try (Stream<Path> walk = Files.walk(root)) {
      reports = walk.filter(file -> file.getFileName().toString().startsWith("TEST-")
              && file.getFileName().toString().endsWith(".xml"))
          .filter(file -> folders.length == 0 || List.of(folders).contains(file.getParent().getFileName().toString()))
          .sorted().toList();
    }
    for (Path report : reports) {
      NodeList cases = parse(report).getElementsByTagName("testcase");
      for (int i = 0; i < cases.getLength(); i++) {
        Element testCase = (Element) cases.item(i);
        String className = testCase.getAttribute("classname");
        boolean failure = testCase.getElementsByTagName("failure").getLength() > 0;
        boolean error = testCase.getElementsByTagName("error").getLength() > 0;
        boolean skipped = !failure && !error && testCase.getElementsByTagName("skipped").getLength() > 0;
        perClass.merge(className, new Counts(1, failure ? 1 : 0, error ? 1 : 0, skipped ? 1 : 0), Counts::plus);
        if (failure || error) {
          notPassing.add(className + "#" + testCase.getAttribute("name") + (failure ? " failure" : " error"));
        }
      }
    }
    return new SuiteResults(perClass, notPassing);
  }

  Counts total() {
    return perClass.values().stream().reduce(new Counts(0, 0, 0, 0), Counts::plus);
  }

  /** Where this side and {@code other} differ, one line each; empty when they agree. */
  List<String> differencesFrom(SuiteResults other) {
    List<String> lines = new ArrayList<>();
    Set<String> classes = new TreeSet<>(perClass.keySet());
    classes.addAll(other.perClass.keySet());
    for (String className : classes) {
      Counts mine = perClass.get(className);
      Counts theirs = other.perClass.get(className);
      if (!Objects.equals(mine, theirs)) {
        lines.add(className + ": " + (mine == null ? "none" : mine) + " vs " + (theirs == null ? "none" : theirs));
      }
    }
    for (String test : notPassing) {
      if (!other.notPassing.contains(test)) {
        lines.add("only on the first side: " + test);
      }
    }
    for (String test : other.notPassing) {
      if (!notPassing.contains(test)) {
        lines.add("only on the second side: " + test);
      }
    }
    return lines;
  }

  private static Element parse(Path report) throws IOException {
    try (var in = Files.newInputStream(report)) {
      return UntrustedXml.parse(in);
    } catch (IOException e) {
      throw new IOException("cannot read " + report, e);
    } catch (org.xml.sax.SAXException e) {
      throw new IOException("cannot parse " + report + ": " + e.getMessage(), e);
    }
  }
}
