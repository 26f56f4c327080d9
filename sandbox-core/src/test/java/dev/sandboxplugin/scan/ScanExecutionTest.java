package dev.sandboxplugin.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandboxplugin.SandboxResult;
import dev.sandboxplugin.report.RunReport;
import dev.sandboxplugin.verdict.Evidence;
import dev.sandboxplugin.verdict.Verdict;
import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One shared test run's results given back to the commits whose tests they are, and the scan's files: JSON,
 * Markdown, JUnit XML and GitLab Code Quality, with hostile commit text kept inert.
 */
class ScanExecutionTest {

  private static final String HOSTILE = "Eve <img src=x onerror=alert(1)> | [click](https://evil.example) \n::error::forged";

  @TempDir
  Path dir;

  @Test
  void eachCommitGetsItsOwnTestsAndViolations() throws Exception {
    Path project = dir.resolve("app");
    Files.createDirectories(project.resolve("src/test/java/a"));
    Files.writeString(project.resolve("src/test/java/a/ExfilTest.java"), "class ExfilTest {}");
    Path reports = dir.resolve("reports");
    Files.createDirectories(reports);
    Files.writeString(reports.resolve("TEST-a.CalcTest.xml"), "<testsuite><testcase name=\"adds\" classname=\"a.CalcTest\"/>"
        + "<testcase name=\"x\" classname=\"a.CalcTest$Nested\"/></testsuite>");
    Files.writeString(reports.resolve("TEST-a.ExfilTest.xml"), "<testsuite><testcase name=\"leaks\" classname=\"a.ExfilTest\"/></testsuite>");
    Files.writeString(reports.resolve("TEST-a.BadTest.xml"), "<testsuite><testcase name=\"fails\" classname=\"a.BadTest\">"
        + "<failure message=\"no\"/></testcase><testcase name=\"skips\" classname=\"a.BadTest\"><skipped/></testcase></testsuite>");
    Violation network = new Violation(ViolationKind.NETWORK, "connection to 198.51.100.7:80", "a.ExfilTest#leaks",
        List.of("a.ExfilTest.leaks(ExfilTest.java:12)", "java.base/java.lang.Thread.run(Thread.java:840)"), Evidence.AGENT);
    SandboxResult testRun = result(Verdict.VIOLATION, List.of(network), reports, 4, 1);

    ProjectLayout layout = ProjectLayout.conventional(dir, project, List.of("scripts"));
    ScanPlan plan = new ScanPlan(CommitRange.parse("main..HEAD"), 6, List.of(
        flagged("c1", "Claude Helper <a@x>", "claude", List.of("a.CalcTest"), List.of()),
        flagged("c2", HOSTILE, "copilot", List.of("a.ExfilTest"), List.of()),
        flagged("c3", "bot <b@x>", "agent-bot-author", List.of(), List.of("app/scripts/x.sh")),
        flagged("c4", "Aider (aider) <c@x>", "aider-author", List.of("a.BadTest"), List.of())));
    List<String> selections = new ArrayList<>();
    ScanReport report = ScanExecution.run(plan, new ScanExecution.Runs() {
      @Override
      public SandboxResult tests(String selection) {
        selections.add(selection);
        return testRun;
      }

      @Override
      public Optional<SandboxResult> script(String repositoryPath) {
        return Optional.empty();
      }
    });

    assertEquals(List.of("a.BadTest,a.CalcTest,a.ExfilTest"), selections, "one run for all the commits' tests");
    assertEquals(Verdict.VIOLATION, report.verdict());
    assertEquals("6 commit(s) scanned, 4 flagged as AI-written; c2 VIOLATION, c4 FAILED", report.reason());
    List<ScanReport.CommitResult> commits = report.commits();
    assertEquals(java.util.Arrays.asList(Verdict.PASSED, Verdict.VIOLATION, null, Verdict.FAILED),
        commits.stream().map(ScanReport.CommitResult::verdict).collect(java.util.stream.Collectors.toList()));
    assertEquals(List.of(2, 1, 0, 2), commits.stream().map(ScanReport.CommitResult::testsRun).toList());
    assertEquals(List.of(network), commits.get(1).violations());
    assertTrue(commits.get(0).violations().isEmpty());
    assertEquals(1, commits.get(3).failures());
    assertEquals(1, commits.get(3).skipped());
    assertEquals("not run: no sandbox payload for this kind of script yet", commits.get(2).scripts().get(0).reason());
    assertEquals(4, report.testRun().run());

    List<Path> files = ScanArtifacts.write(report, layout, dir.resolve("out"));
    assertEquals(report, ScanArtifacts.read(files.get(0)));

    String markdown = Files.readString(files.get(1));
    assertTrue(markdown.startsWith("## Sandbox scan: VIOLATION\n"), markdown);
    assertFalse(markdown.contains("<img") || markdown.contains("](https") || markdown.contains("\n::error"), markdown);
    assertEquals(4 + 2, markdown.lines().filter(line -> line.startsWith("|")).count(), "one row per commit:\n" + markdown);
    assertTrue(markdown.contains("| `c2` subject c2 | Eve &lt;img src=x onerror=alert\\(1\\)&gt; \\| "), markdown);

    var suite = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(Files.readAllBytes(files.get(2)))).getDocumentElement();
    assertEquals("4", suite.getAttribute("tests"));
    assertEquals("2", suite.getAttribute("failures"));
    assertEquals("1", suite.getAttribute("skipped"));
    assertTrue(Files.readString(files.get(2)).contains("name=\"c2 subject c2 (Eve &lt;img src=x onerror=alert(1)&gt;"));

    JsonNode quality = new ObjectMapper().readTree(files.get(3).toFile());
    assertEquals(1, quality.size(), quality::toPrettyString);
    JsonNode entry = quality.get(0);
    assertEquals("sandbox/NETWORK", entry.path("check_name").asText());
    assertEquals("critical", entry.path("severity").asText());
    assertEquals("app/src/test/java/a/ExfilTest.java", entry.path("location").path("path").asText());
    assertEquals(12, entry.path("location").path("lines").path("begin").asInt());
    assertEquals(32, entry.path("fingerprint").asText().length());
    assertTrue(entry.path("description").asText().startsWith("NETWORK: connection to 198.51.100.7:80 (test a.ExfilTest#leaks)"
        + " - commit c2 by Eve"), entry.toPrettyString());

    List<String> table = ScanTable.lines(report);
    assertEquals(5, table.size());
    assertTrue(table.get(2).startsWith("c2       Eve <img src=x onerror=alert(1)> | [c... copilot"), table.get(2));
    assertFalse(String.join("\n", table).contains("\n::error"));
  }

  @Test
  void whatTheWholeRunHitIsEveryCommitsAndNothingFlaggedPasses() throws Exception {
    Violation timeout = new Violation(ViolationKind.TIMEOUT, "still running after 2m; killed", Evidence.PAYLOAD_OUTPUT);
    SandboxResult testRun = result(Verdict.TIMEOUT, List.of(timeout), dir, 0, 0);
    ScanPlan plan = new ScanPlan(CommitRange.parse("last:3"), 3, List.of(
        flagged("c1", "A <a@x>", "claude", List.of("a.OneTest"), List.of()),
        flagged("c2", "B <b@x>", "codex", List.of("a.TwoTest"), List.of())));
    ScanReport report = ScanExecution.run(plan, runs(testRun));
    assertEquals(List.of(Verdict.TIMEOUT, Verdict.TIMEOUT), report.commits().stream().map(ScanReport.CommitResult::verdict).toList());
    assertEquals(List.of(timeout), report.commits().get(1).violations());
    assertEquals(Verdict.TIMEOUT, report.verdict());
    ProjectLayout layout = ProjectLayout.conventional(dir, dir, List.of());
    JsonNode quality = new ObjectMapper().readTree(CodeQualityReportJson.of(report, layout));
    assertEquals(2, quality.size());
    assertEquals("pom.xml", quality.get(0).path("location").path("path").asText());
    assertEquals("major", quality.get(0).path("severity").asText());

    SandboxResult quiet = result(Verdict.PASSED, List.of(), dir, 0, 0);
    ScanReport nothingRan = ScanExecution.run(new ScanPlan(CommitRange.parse("HEAD"), 1,
        List.of(flagged("c1", "A <a@x>", "claude", List.of("a.AbstractTest"), List.of()))), runs(quiet));
    assertNull(nothingRan.commits().get(0).verdict());
    assertEquals(List.of("a.AbstractTest: no test case ran"), nothingRan.commits().get(0).notes());
    assertEquals(Verdict.PASSED, nothingRan.verdict());
    assertEquals("1 commit(s) scanned, 1 flagged as AI-written; nothing of theirs could run (no test, tested class, script or build file changed, or no test case ran)",
        nothingRan.reason());

    ScanReport none = ScanExecution.run(new ScanPlan(CommitRange.parse("HEAD"), 1, List.of()), runs(null));
    assertEquals(Verdict.PASSED, none.verdict());
    assertEquals("1 commit(s) scanned, 0 flagged as AI-written", none.reason());
    assertNull(none.testRun());
  }

  private static ScanExecution.Runs runs(SandboxResult tests) {
    return new ScanExecution.Runs() {
      @Override
      public SandboxResult tests(String selection) {
        return tests;
      }

      @Override
      public Optional<SandboxResult> script(String repositoryPath) {
        return Optional.empty();
      }
    };
  }

  @Test
  void aCommitThatChangesOnlyTheBuildIsBuiltAndOwnsWhatTheBuildDidOutsideTests() throws Exception {
    Violation processor = new Violation(ViolationKind.NETWORK, "connection to 198.51.100.7:80", null,
        List.of("hostile.Processor.process(Processor.java:20)"), Evidence.AGENT);
    List<String> calls = new ArrayList<>();
    ScanExecution.Runs builds = new ScanExecution.Runs() {
      @Override
      public SandboxResult tests(String selection) {
        throw new AssertionError("no test changed: " + selection);
      }

      @Override
      public Optional<SandboxResult> script(String repositoryPath) {
        return Optional.empty();
      }

      @Override
      public Optional<SandboxResult> build() {
        calls.add("build");
        try {
          return Optional.of(result(Verdict.VIOLATION, List.of(processor), dir, 0, 0));
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      }
    };
    ScanPlan plan = new ScanPlan(CommitRange.parse("main..HEAD"), 2, List.of(
        flagged("c1", "A <a@x>", "claude", List.of(), List.of(), List.of("processor/src/main/java/hostile/Processor.java")),
        flagged("c2", "B <b@x>", "codex", List.of(), List.of(), List.of())));
    ScanReport report = ScanExecution.run(plan, builds);

    assertEquals(List.of("build"), calls, "one build without tests");
    assertEquals(Verdict.VIOLATION, report.commits().get(0).verdict());
    assertEquals(List.of(processor), report.commits().get(0).violations());
    assertNull(report.commits().get(1).verdict(), "it changed nothing that runs");
    assertEquals(Verdict.VIOLATION, report.verdict());

    ScanReport failedBuild = ScanExecution.run(new ScanPlan(CommitRange.parse("HEAD"), 1,
        List.of(flagged("c1", "A <a@x>", "claude", List.of(), List.of(), List.of("pom.xml")))), new ScanExecution.Runs() {
          @Override
          public SandboxResult tests(String selection) {
            throw new AssertionError(selection);
          }

          @Override
          public Optional<SandboxResult> script(String repositoryPath) {
            return Optional.empty();
          }

          @Override
          public Optional<SandboxResult> build() {
            try {
              return Optional.of(result(Verdict.FAILED, List.of(), dir, 0, 0));
            } catch (Exception e) {
              throw new AssertionError(e);
            }
          }
        });
    assertEquals(Verdict.FAILED, failedBuild.commits().get(0).verdict());

    // A scan that does not build the tree says so rather than passing the commit.
    ScanReport notBuilt = ScanExecution.run(new ScanPlan(CommitRange.parse("HEAD"), 1,
        List.of(flagged("c1", "A <a@x>", "claude", List.of(), List.of(), List.of("pom.xml")))), runs(null));
    assertNull(notBuilt.commits().get(0).verdict());
    assertTrue(notBuilt.commits().get(0).notes().get(0).startsWith("pom.xml: changes the build"),
        notBuilt.commits().get(0).notes()::toString);
  }

  @Test
  void aBuildChangeBesideTestsIsJudgedByTheTestRunsBuild() throws Exception {
    Path reports = dir.resolve("reports");
    Files.createDirectories(reports);
    Files.writeString(reports.resolve("TEST-a.BadTest.xml"), "<testsuite><testcase name=\"fails\" classname=\"a.BadTest\">"
        + "<failure message=\"no\"/></testcase></testsuite>");
    SandboxResult testRun = result(Verdict.FAILED, List.of(), reports, 1, 1);
    ScanReport report = ScanExecution.run(new ScanPlan(CommitRange.parse("main..HEAD"), 2, List.of(
        flagged("c1", "A <a@x>", "claude", List.of("a.BadTest"), List.of()),
        flagged("c2", "B <b@x>", "codex", List.of(), List.of(), List.of("pom.xml")))), runs(testRun));
    assertEquals(Verdict.FAILED, report.commits().get(0).verdict());
    assertEquals(Verdict.PASSED, report.commits().get(1).verdict(), "another commit's failing test is not its");
  }

  private static FlaggedCommit flagged(String id, String author, String rule, List<String> tests, List<String> scripts) {
    return flagged(id, author, rule, tests, scripts, List.of());
  }

  private static FlaggedCommit flagged(String id, String author, String rule, List<String> tests, List<String> scripts,
      List<String> buildFiles) {
    ScannedCommit commit = new ScannedCommit(id, author, author, "subject " + id + "\n\nbody", List.of(), List.of());
    return new FlaggedCommit(commit, List.of(new RuleMatch(rule, "author", author)),
        new ProjectLayout.Targets(tests, scripts, buildFiles, List.of()));
  }

  // Built from JSON by field name, as report.json is read: new fields of RunReport leave this test alone.
  private static SandboxResult result(Verdict verdict, List<Violation> violations, Path reports, int run, int failures)
      throws Exception {
    Map<String, Object> json = Map.of("schemaVersion", 1, "verdict", verdict.name(), "reason",
        verdict.name().toLowerCase(), "exitCode", 1, "violations", violations,
        "tests", Map.of("run", run, "failures", failures, "errors", 0, "skipped", 1,
            "reportsDirectory", reports.toString(), "failed", List.of()));
    ObjectMapper mapper = new ObjectMapper();
    RunReport report = mapper.readValue(mapper.writeValueAsString(json), RunReport.class);
    return new SandboxResult(report, reports.resolve("report.json"));
  }

  /** The Code Quality entries as the file has them. */
  private static final class CodeQualityReportJson {
    static byte[] of(ScanReport report, ProjectLayout layout) throws Exception {
      return new ObjectMapper().writeValueAsString(CodeQualityReport.entries(report, layout)).getBytes(StandardCharsets.UTF_8);
    }
  }
}
