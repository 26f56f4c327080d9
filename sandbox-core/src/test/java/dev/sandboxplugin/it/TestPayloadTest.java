package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.SandboxResult;
import dev.sandboxplugin.payload.RunnerJar;
import dev.sandboxplugin.payload.TestPayload;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.report.RunReport;
import dev.sandboxplugin.verdict.Evidence;
import dev.sandboxplugin.verdict.Verdict;
import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs small test projects through {@code sandbox:test}'s machinery against the real engine: Surefire's counts
 * and XML, the agent's attribution of each breach to its test and line, and the checks on the report hand-over.
 */
class TestPayloadTest {

  private static final List<Class<?>> JUNIT = List.of(org.junit.jupiter.api.Test.class,
      org.junit.jupiter.engine.JupiterTestEngine.class, org.junit.platform.engine.TestEngine.class,
      org.junit.platform.commons.util.ReflectionUtils.class, org.opentest4j.AssertionFailedError.class,
      org.apiguardian.api.API.class, org.junit.platform.launcher.Launcher.class);

  @TempDir
  Path work;

  @Test
  void countsAndWritesSurefireReportsLikeSurefire() throws Exception {
    SandboxResult result = runFixture("results", null);
    RunReport report = result.report();
    assertEquals(Verdict.FAILED, report.verdict(), report.reason());
    // NotATestHelper is not named like a test: left out, as Surefire's default includes do.
    assertEquals(new RunReport.Tests(6, 1, 1, 1, reportsDir().toString(), report.tests().failed(), null),
        report.tests());
    assertEquals("tests failed: Tests run: 6, Failures: 1, Errors: 1, Skipped: 1", report.reason());
    assertTrue(report.violations().isEmpty(), report.violations().toString());
    assertEquals(Set.of("TEST-fixture.CalculatorTest.xml", "TEST-fixture.OtherTest.xml"), reportFiles());
    String calculator = Files.readString(reportsDir().resolve("TEST-fixture.CalculatorTest.xml"));
    assertTrue(calculator.contains("<testsuite ") && calculator.contains("tests=\"5\" errors=\"1\" skipped=\"1\" failures=\"1\""),
        calculator);
    assertTrue(calculator.contains("<testcase name=\"failsOnPurpose\" classname=\"fixture.CalculatorTest\""), calculator);
    assertTrue(calculator.contains("type=\"org.opentest4j.AssertionFailedError\""), calculator);
    assertTrue(report.tests().failed().stream().anyMatch(line -> line.startsWith("fixture.CalculatorTest#failsOnPurpose failure: two and two")),
        report.tests().failed().toString());
  }

  @Test
  void selectsTestsWithSurefireSyntax() throws Exception {
    SandboxResult result = runFixture("results", "Calc*#adds+multiplies,OtherTest");
    assertEquals(Verdict.PASSED, result.report().verdict(), result.report().reason());
    assertEquals("Tests run: 3, Failures: 0, Errors: 0, Skipped: 0", result.report().reason());

    SandboxResult none = runFixture("results", "NoSuchTest");
    assertEquals(Verdict.FAILED, none.report().verdict());
    assertTrue(none.report().reason().startsWith("no test matched the selection NoSuchTest"), none.report().reason());
  }

  @Test
  void attributesEachBreachToItsTestAndLine() throws Exception {
    SandboxResult result = runFixture("breaches", null);
    RunReport report = result.report();
    assertEquals(Verdict.VIOLATION, report.verdict(), report.reason());
    // The tests swallow the refusals and pass: the breach is what fails the run.
    assertEquals(7, report.tests().run());
    assertEquals(0, report.tests().failures() + report.tests().errors());

    assertAttempt(report, ViolationKind.NETWORK, "connection to 198.51.100.7:80", "postsTheEnvironment");
    assertAttempt(report, ViolationKind.DNS, "host name lookup of exfil.attacker.example to connect", "looksUpAHost");
    assertAttempt(report, ViolationKind.NETWORK, "connection to exfil2.attacker.example:443", "looksUpAHost");
    // A bare lookup (URL.equals) sends nothing: noted, not a violation.
    assertFalse(report.violations().stream().anyMatch(v -> "fixture.ExfiltrationTest#comparesUrls".equals(v.test())),
        report.violations()::toString);
    assertTrue(report.notices().stream().anyMatch(n -> n.kind() == ViolationKind.LOOKUP && n.detail().startsWith(
        "host name lookup of example.org") && "fixture.ExfiltrationTest#comparesUrls".equals(n.test())),
        report.notices()::toString);
    assertTrue(report.notices().stream().anyMatch(n -> n.kind() == ViolationKind.LOOKUP && n.detail().startsWith(
        "host name lookup of proxy.example") && "fixture.ExfiltrationTest#comparesUrls".equals(n.test())),
        report.notices()::toString);
    assertAttempt(report, ViolationKind.FILE_READ, "read of /proc/1/environ", "readsSecrets");
    assertAttempt(report, ViolationKind.FILE_READ, "read of /var/run/docker.sock", "readsSecrets");
    assertAttempt(report, ViolationKind.FILE_READ, "read of /root/.ssh/id_rsa", "readsSecrets");
    assertAttempt(report, ViolationKind.FILE_WRITE, "write to /app/planted.txt", "writesOutsideTmp");
    assertAttempt(report, ViolationKind.PROCESS, "start of process /bin/sh", "startsAProcess");
    assertFalse(report.violations().stream().anyMatch(v -> "fixture.ExfiltrationTest#talksToItself".equals(v.test())),
        "loopback and /tmp are the test's own: " + report.violations());
    // CI's test views show the breaching tests red.
    String xml = Files.readString(reportsDir().resolve("TEST-fixture.ExfiltrationTest.xml"));
    assertTrue(xml.contains("type=\"sandbox.VIOLATION\"") && xml.contains("198.51.100.7"), xml);
    // The kernel refused them all the same: every address leads back to loopback, where nothing answers.
    assertTrue(String.join("\n", lastOutput).contains("post refused: java.net.ConnectException: Connection refused"),
        String.join("\n", lastOutput));
  }

  @Test
  void exitFromATestIsAViolationAndTheReportsStillArrive() throws Exception {
    SandboxResult result = runFixture("exit", null);
    RunReport report = result.report();
    assertEquals(Verdict.VIOLATION, report.verdict(), report.reason());
    assertAttempt(report, ViolationKind.EXIT, "System.exit/Runtime.halt(3)", "exitsTheJvm");
    assertEquals(2, report.tests().run());
    assertEquals(1, report.tests().errors());
    assertTrue(report.tests().failed().get(0).startsWith("fixture.ExitTest#exitsTheJvm error"),
        report.tests().failed().toString());
  }

  @Test
  void whatATestErasesOrForgesAfterTheFactChangesNothing() throws Exception {
    SandboxResult result = runFixture("forgery", null);
    RunReport report = result.report();

    assertEquals(Verdict.VIOLATION, report.verdict(), report.reason());
    Set<ViolationKind> kinds = report.violations().stream().map(Violation::kind).collect(Collectors.toSet());
    assertEquals(Set.of(ViolationKind.NETWORK, ViolationKind.EXIT, ViolationKind.REPORT), kinds,
        report.violations().toString());
    // The erased attempt had already left, named after its test.
    Violation network = report.violations().stream().filter(v -> v.kind() == ViolationKind.NETWORK).findFirst()
        .orElseThrow();
    assertEquals("fixture.ForgeryTest#breachesThenCoversItsTracks", network.test());
    assertTrue(network.detail().contains("198.51.100.7"), network.detail());
    assertEquals(Evidence.NETWORK_SINK, network.source(), "the network witness saw it too");
    // The attempt made with the agent disarmed: seen only by the witness outside, which names the destination.
    assertTrue(report.violations().contains(new Violation(ViolationKind.NETWORK, "connection to 198.51.100.9:81 (TCP)",
        Evidence.NETWORK_SINK)), report.violations().toString());
    List<String> refusals = report.violations().stream().filter(v -> v.kind() == ViolationKind.REPORT)
        .map(Violation::detail).toList();
    assertTrue(refusals.stream().anyMatch(d -> d.startsWith("report file 'TEST-fixture.ForgeryTest.xml' refused: it says")),
        refusals.toString());
    assertTrue(refusals.stream().anyMatch(d -> d.contains("fixture.ForgeryTest#fails was reported twice")),
        refusals.toString());
    // The results are the runner's, and the report CI reads is the host's.
    assertEquals(1, report.tests().failures(), report.tests().toString());
    assertEquals(1, report.tests().run(), "the forged duplicate is not a test: " + report.tests());
    String xml = Files.readString(reportsDir().resolve("TEST-fixture.ForgeryTest.xml"));
    assertTrue(xml.contains("sandbox.source") && xml.contains("a real failure"), xml);
    assertTrue(report.violations().stream().allMatch(v -> v.source() != null), report.violations().toString());
  }

  @Test
  void reportEntriesThatAttackTheHostAreRefusedNotWritten() throws Exception {
    SandboxResult result = runFixture("reports", null);
    RunReport report = result.report();
    assertEquals(Verdict.VIOLATION, report.verdict(), report.reason());
    List<String> refusals = report.violations().stream().filter(v -> v.kind() == ViolationKind.REPORT)
        .map(Violation::detail).toList();
    assertTrue(refusals.stream().anyMatch(d -> d.startsWith("report entry 'reports/TEST-evil.xml' refused: a link (to /etc/passwd)")), refusals.toString());
    assertTrue(refusals.stream().anyMatch(d -> d.startsWith("report entry 'reports/nested/' refused")), refusals.toString());
    assertTrue(refusals.stream().anyMatch(d -> d.contains("TEST-huge.xml' refused: larger than 8 MB")), refusals.toString());
    assertTrue(refusals.stream().anyMatch(d -> d.startsWith("report file 'TEST-broken.xml' refused: not well-formed XML")), refusals.toString());
    assertEquals(Set.of("TEST-fixture.ReportAttackTest.xml"), reportFiles());
    try (Stream<Path> all = Files.walk(reportsDir())) {
      assertTrue(all.noneMatch(Files::isSymbolicLink));
    }
  }

  private final List<String> lastOutput = new ArrayList<>();

  private void assertAttempt(RunReport report, ViolationKind kind, String detailStart, String method) {
    Violation found = report.violations().stream()
        .filter(v -> v.kind() == kind && v.detail().startsWith(detailStart)).findFirst().orElse(null);
    assertNotNull(found, kind + " " + detailStart + " not in " + report.violations());
    String test = "fixture." + (method.equals("exitsTheJvm") ? "ExitTest" : "ExfiltrationTest") + "#" + method;
    assertEquals(test, found.test(), found.toString());
    assertFalse(found.stack().isEmpty(), found.toString());
    assertTrue(found.stack().get(0).startsWith("fixture."), "the first frame is the test's own code: " + found.stack());
    assertTrue(found.stack().stream().anyMatch(frame -> frame.contains("." + method + "(") && frame.contains(".java:")),
        found.stack().toString());
  }

  private SandboxResult runFixture(String name, String selection) throws Exception {
    Path classes = compile(name);
    List<Path> classpath = new ArrayList<>();
    classpath.add(classes);
    classpath.addAll(junitJars());
    TestPayload payload = new TestPayload(classes, classpath, selection, RunnerJar.in(SandboxRuns.CACHE));
    SandboxRuns runner = new SandboxRuns(work);
    SandboxResult result = runner.run(payload, SandboxPolicy.builder().build(), Map.of("CI_SECRET", "hunter2"));
    lastOutput.clear();
    lastOutput.addAll(runner.output);
    return result;
  }

  private Path reportsDir() {
    return work.resolve("sandbox-reports");
  }

  private Set<String> reportFiles() throws IOException {
    try (Stream<Path> files = Files.list(reportsDir())) {
      return files.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  private Path compile(String fixture) throws IOException, URISyntaxException {
    Path sources = work.resolve("src-" + fixture);
    Path classes = work.resolve("classes-" + fixture);
    Files.createDirectories(sources);
    Files.createDirectories(classes);
    List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-cp",
        junitJars().stream().map(Path::toString).collect(Collectors.joining(":"))));
    for (String file : List.of("CalculatorTest", "OtherTest", "NotATestHelper", "ExfiltrationTest", "ExitTest",
        "ReportAttackTest", "ForgeryTest")) {
      try (InputStream in = getClass().getResourceAsStream("/fixtures/tests/" + fixture + "/" + file + ".java")) {
        if (in != null) {
          Path source = sources.resolve(file + ".java");
          Files.write(source, in.readAllBytes());
          arguments.add(source.toString());
        }
      }
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertEquals(0, javac.run(null, null, null, arguments.toArray(String[]::new)), "fixture " + fixture + " compiles");
    return classes;
  }

  private static List<Path> junitJars() throws URISyntaxException {
    List<Path> jars = new ArrayList<>();
    for (Class<?> type : JUNIT) {
      jars.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()));
    }
    return jars;
  }
}
