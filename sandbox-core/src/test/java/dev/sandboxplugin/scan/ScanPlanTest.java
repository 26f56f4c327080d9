package dev.sandboxplugin.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ranges read from a real repository, and a flagged commit's changed files mapped onto tests and scripts. */
class ScanPlanTest {

  private static final PersonIdent AGENT = new PersonIdent("copilot-swe-agent[bot]", "bot@users.noreply.github.com");

  @TempDir
  Path dir;

  @Test
  void rangesOneCommitAndTheLastN() throws Exception {
    try (TestRepository repo = new TestRepository(dir)) {
      String first = repo.commit(TestRepository.HUMAN, "one").name();
      repo.tag("v1");
      repo.commit(TestRepository.HUMAN, "two");
      repo.commit(TestRepository.HUMAN, "three");
      try (GitHistory history = GitHistory.open(dir.resolve("log"))) {
        assertEquals(List.of("two", "three"), subjects(history, "v1..HEAD"));
        assertEquals(List.of("two", "three"), subjects(history, first.substring(0, 8) + ".."));
        assertEquals(List.of("three"), subjects(history, "HEAD"));
        assertEquals(List.of("one"), subjects(history, first));
        assertEquals(List.of("two", "three"), subjects(history, "last:2"));
        assertEquals(List.of("one", "two", "three"), subjects(history, "last:10"));
        assertEquals(List.of("two"), subjects(history, first + "..HEAD~1"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
            () -> history.commits(CommitRange.parse("origin/main..HEAD")));
        assertTrue(unknown.getMessage().startsWith("'origin/main' is not a commit of "), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("fetch-depth: 0"), unknown.getMessage());
      }
    }
    assertThrows(IllegalArgumentException.class, () -> CommitRange.parse(" "));
    assertThrows(IllegalArgumentException.class, () -> CommitRange.parse("a...b"));
    assertThrows(IllegalArgumentException.class, () -> CommitRange.parse("last:0"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> GitHistory.open(dir.getParent().resolve("nowhere")))
        .getMessage().contains("is not in a git repository"));
  }

  @Test
  void changedFilesMapToTestsAndScripts() throws Exception {
    Path project = dir.resolve("app");
    Path testClasses = project.resolve("target/test-classes");
    for (String compiled : List.of("a/CalcTest", "a/ParserTests", "a/HelperFixture", "b/TestFormat")) {
      Files.createDirectories(testClasses.resolve(compiled).getParent());
      Files.writeString(testClasses.resolve(compiled + ".class"), "");
    }
    try (TestRepository repo = new TestRepository(dir)) {
      repo.commit(TestRepository.HUMAN, "base", Map.of("app/pom.xml", "<project/>",
          "app/src/test/java/a/OldTest.java", "class OldTest {}"));
      repo.tag("base");
      Map<String, String> files = new HashMap<>();
      files.put("app/src/test/java/a/CalcTest.java", "x");          // a test: runs by name
      files.put("app/src/test/java/a/HelperFixture.java", "x");     // a helper: noted, not run by name
      files.put("app/src/test/java/a/GoneTest.java", "x");          // not compiled at HEAD: noted
      files.put("app/src/main/java/a/Parser.java", "x");            // main class: ParserTests runs
      files.put("app/src/main/java/b/Format.java", "x");            // main class: TestFormat runs
      files.put("app/src/main/java/b/Lonely.java", "x");            // main class without a test: noted
      files.put("app/src/test/java/a/OldTest.java", null);          // deleted: nothing
      files.put("app/scripts/setup.sh", "echo hi");                 // a script in a script folder
      files.put("app/scripts/README.md", "docs");                   // not a script
      files.put("app/src/main/resources/run.py", "print(1)");       // a script outside the folders
      files.put("other/src/test/java/a/CalcTest.java", "x");        // another module: not this project's
      files.put("app/src/test/java/a/Evil\u001b[2JTest.java", "x");   // not a class name: noted, never selected
      files.put("app/pom.xml", "<project><!-- a plugin execution --></project>"); // the build itself: it runs
      files.put("app/.mvn/jvm.config", "-Xmx1g");                   // Maven's own configuration: the build
      repo.commit(AGENT, "agent work", files);
      repo.commit(TestRepository.HUMAN, "human work", Map.of("app/src/test/java/b/TestFormat.java", "x"));

      ProjectLayout layout = ProjectLayout.conventional(dir, project, List.of("scripts", "/tools/"));
      ScanPlan plan;
      try (GitHistory history = GitHistory.open(project)) {
        assertEquals(dir.toRealPath(), history.workTree().toRealPath());
        plan = ScanPlan.of(CommitRange.parse("base..HEAD"), history.commits(CommitRange.parse("base..HEAD")),
            AiCommitRules.defaults(), layout);
      }
      assertEquals(2, plan.scanned());
      assertEquals(1, plan.flagged().size());
      FlaggedCommit flagged = plan.flagged().get(0);
      assertEquals("agent-bot-author, agent-bot-committer", flagged.ruleNames());
      assertEquals(List.of("a.CalcTest", "a.ParserTests", "b.TestFormat"), flagged.targets().testClasses());
      assertEquals(List.of("app/scripts/setup.sh"), flagged.targets().scripts());
      assertEquals(List.of("app/.mvn/jvm.config", "app/pom.xml", "app/src/main/java/a/Parser.java",
          "app/src/main/java/b/Format.java", "app/src/main/java/b/Lonely.java", "app/src/main/resources/run.py"),
          flagged.targets().buildFiles());
      assertTrue(plan.changesTheBuild());
      assertEquals("a.CalcTest,a.ParserTests,b.TestFormat", plan.testSelection());
      List<String> notes = flagged.targets().notes();
      assertEquals(4, notes.size(), notes.toString());
      assertTrue(notes.contains("app/src/test/java/a/Evil\u001b[2JTest.java: not a Java class name"), notes.toString());
      assertTrue(notes.contains("app/src/test/java/a/HelperFixture.java: not named like a test; the tests that use it"
          + " run when they changed"), notes.toString());
      assertTrue(notes.contains("app/src/test/java/a/GoneTest.java: a.GoneTest is not compiled at HEAD (removed later,"
          + " or run test-compile first)"), notes.toString());
      assertTrue(notes.contains("app/src/main/java/b/Lonely.java: no test named after b.Lonely (LonelyTest)"),
          notes.toString());
    }
  }

  @Test
  void aShallowCloneSaysToFetchMoreHistory() throws Exception {
    Path origin = dir.resolve("origin");
    try (TestRepository repo = new TestRepository(origin)) {
      repo.commit(TestRepository.HUMAN, "one");
      repo.commit(TestRepository.HUMAN, "two");
      repo.commit(TestRepository.HUMAN, "three");
    }
    Path clone = dir.resolve("clone");
    org.eclipse.jgit.api.Git.cloneRepository().setURI(origin.toUri().toString()).setDirectory(clone.toFile())
        .setDepth(2).call().close();
    try (GitHistory history = GitHistory.open(clone)) {
      assertEquals(List.of("three"), subjects(history, "HEAD"));
      IllegalArgumentException shallow = assertThrows(IllegalArgumentException.class,
          () -> history.commits(CommitRange.parse("last:5")));
      assertTrue(shallow.getMessage().contains("has no parent in this shallow clone"), shallow.getMessage());
      assertTrue(shallow.getMessage().contains("fetch-depth: 0"), shallow.getMessage());
    }
  }

  @Test
  void noTestsNoSelection() {
    ScanPlan plan = new ScanPlan(CommitRange.parse("HEAD"), 1, List.of());
    assertNull(plan.testSelection());
    assertTrue(plan.scripts().isEmpty());
  }

  private static List<String> subjects(GitHistory history, String range) throws Exception {
    return history.commits(CommitRange.parse(range)).stream().map(ScannedCommit::subject).toList();
  }
}
