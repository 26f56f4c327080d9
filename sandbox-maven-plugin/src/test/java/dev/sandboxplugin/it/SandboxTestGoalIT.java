package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The {@code test} goal as users run it, on the examples: the same tests and results as plain {@code mvn test}
 * (Surefire), in Surefire's format, plus the breach the example's hostile test attempts, attributed to it.
 */
@Execution(ExecutionMode.CONCURRENT)
class SandboxTestGoalIT {

  private static final String TESTS = "dev.sandboxplugin.examples.tests.";
  @Test
  void sameResultsAsSurefireAndTheExfiltrationIsCaughtAndAttributed() throws Exception {
    Path project = MavenRun.copyOfExample("tests-demo", "tests-demo");
    MavenRun plain = MavenRun.mvn(project, "test", "-Dmaven.test.failure.ignore=true");
    assertEquals(0, plain.exitCode, plain::describe);
    Set<String> surefire = testCases(project.resolve("target/surefire-reports"));

    MavenRun sandboxed = MavenRun.mvn(project, "sandbox:test");
    assertEquals(1, sandboxed.exitCode, sandboxed::describe);
    assertEquals(Set.of(TESTS + "CalculatorTest#addsNegativeNumbers passed", TESTS + "CalculatorTest#addsPositiveNumbers passed",
        TESTS + "CalculatorTest#computesPercent passed", TESTS + "CalculatorTest#roundsPercentUp failure",
        TESTS + "ExfiltrationTest#environmentIsSane passed"), surefire);
    // Surefire's results, but the test that posted the environment out is red where CI shows tests.
    Set<String> expected = new TreeSet<>(surefire);
    expected.remove(TESTS + "ExfiltrationTest#environmentIsSane passed");
    expected.add(TESTS + "ExfiltrationTest#environmentIsSane breach");
    assertEquals(expected, testCases(project.resolve("target/sandbox-reports")));
    assertTrue(sandboxed.log.contains("[WARNING] Tests run: 5, Failures: 1, Errors: 0, Skipped: 0"), sandboxed::describe);
    assertTrue(sandboxed.log.contains("[INFO] [sandbox] Tests run: 4, Failures: 1, Errors: 0, Skipped: 0"),
        sandboxed::describe);

    JsonNode report = sandboxed.report();
    assertEquals("VIOLATION", report.path("verdict").asText(), sandboxed::describe);
    assertEquals(5, report.path("tests").path("run").asInt());
    assertEquals(1, report.path("tests").path("failures").asInt());
    JsonNode violation = StreamSupport.stream(report.path("violations").spliterator(), false)
        .filter(v -> v.path("kind").asText().equals("NETWORK")).findFirst().orElseThrow();
    assertEquals("connection to 198.51.100.7:80", violation.path("detail").asText());
    assertEquals(TESTS + "ExfiltrationTest#environmentIsSane", violation.path("test").asText());
    assertTrue(violation.path("stack").get(0).asText()
        .matches("dev\\.sandboxplugin\\.examples\\.tests\\.ExfiltrationTest\\.environmentIsSane\\(ExfiltrationTest\\.java:\\d+\\)"),
        violation::toString);
    // The host's environment never reached the test, so it had nothing of the build's to send.
    assertFalse(sandboxed.log.contains("MAVEN_HOME"), sandboxed::describe);
  }

  @Test
  void selectionAndAuditMode() throws Exception {
    Path project = MavenRun.copyOfExample("tests-demo", "tests-selection");
    MavenRun selected = MavenRun.mvn(project, "test-compile", "sandbox:test", "-Dtest=CalculatorTest#adds*+computes*");
    assertEquals(0, selected.exitCode, selected::describe);
    assertTrue(selected.log.contains("[INFO] SANDBOX PASSED: Tests run: 3, Failures: 0, Errors: 0, Skipped: 0"),
        selected::describe);

    MavenRun audit = MavenRun.mvn(project, "sandbox:test", "-Dtest=Exfiltration*", "-Dsandbox.mode=audit");
    assertEquals(0, audit.exitCode, audit::describe);
    assertTrue(audit.log.contains("(not failing the build: sandbox.mode=audit)"), audit::describe);
    assertEquals("VIOLATION", audit.report().path("verdict").asText());

    MavenRun skipped = MavenRun.mvn(project, "sandbox:test", "-DskipTests");
    assertEquals(0, skipped.exitCode, skipped::describe);
    assertTrue(skipped.log.contains("Tests are skipped."), skipped::describe);
  }

  @Test
  void junit4TestsRunThroughTheVintageEngine() throws Exception {
    Path project = MavenRun.copyOfExample("junit4-demo", "junit4-demo");
    MavenRun plain = MavenRun.mvn(project, "test");
    assertEquals(0, plain.exitCode, plain::describe);
    MavenRun sandboxed = MavenRun.mvn(project, "sandbox:test");
    assertEquals(0, sandboxed.exitCode, sandboxed::describe);
    assertEquals(testCases(project.resolve("target/surefire-reports")),
        testCases(project.resolve("target/sandbox-reports")));
    assertTrue(sandboxed.log.contains("SANDBOX PASSED: Tests run: 3, Failures: 0, Errors: 0, Skipped: 1"),
        sandboxed::describe);
  }

  @Test
  void aResourceLinkedToAHostFileIsNeverPackaged() throws Exception {
    Path project = MavenRun.copyOfExample("tests-demo", "tests-linked-resource");
    Path secret = Files.writeString(project.resolveSibling("tests-linked-resource-secret.txt"), "host secret 42");
    Files.createDirectories(project.resolve("src/test/resources"));
    Files.createSymbolicLink(project.resolve("src/test/resources/fixture.txt"), secret);

    MavenRun sandboxed = MavenRun.mvn(project, "test-compile", "sandbox:test");

    assertEquals(1, sandboxed.exitCode, sandboxed::describe);
    JsonNode report = sandboxed.report();
    assertEquals("VIOLATION", report.path("verdict").asText(), sandboxed::describe);
    assertEquals("LINK", report.path("violations").get(0).path("kind").asText());
    assertTrue(report.path("violations").get(0).path("detail").asText().contains("fixture.txt"), report::toString);
    assertFalse(sandboxed.log.contains("host secret 42"), sandboxed::describe);
  }

  @Test
  void aReportFolderThatIsALinkIsNeverWrittenNorEmptied() throws Exception {
    Path project = MavenRun.copyOfExample("tests-demo", "tests-linked-reports");
    Path elsewhere = Files.createDirectories(project.resolveSibling("tests-linked-reports-elsewhere"));
    Files.writeString(elsewhere.resolve("TEST-foreign.xml"), "<testsuite/>");
    Files.createDirectories(project.resolve("target"));
    Files.createSymbolicLink(project.resolve("target/sandbox-reports"), elsewhere);

    MavenRun sandboxed = MavenRun.mvn(project, "test-compile", "sandbox:test");

    assertEquals(1, sandboxed.exitCode, sandboxed::describe);
    assertTrue(sandboxed.log.contains("is a link"), sandboxed::describe);
    try (Stream<Path> files = Files.list(elsewhere)) {
      assertEquals(List.of("TEST-foreign.xml"), files.map(path -> path.getFileName().toString()).toList());
    }
  }

  /** {@code Class#method outcome} of every test case in the XML reports of {@code dir}. */
  private static Set<String> testCases(Path dir) throws IOException {
    return TestCases.under(dir, folder -> folder.equals(dir));
  }
}
