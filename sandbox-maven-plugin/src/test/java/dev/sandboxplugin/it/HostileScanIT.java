package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandboxplugin.action.SimulatedRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The hostile-tree corpus through {@code sandbox:scan}, started outside the tree: a repository whose commits (some
 * AI-written, some not) add a hostile test, loosen the sandbox's policy and plugin configuration, add a JVM option
 * file, a wrapper, a CI workflow, and a script that is a link to a host file. The scan runs the AI commits' code in
 * the sandbox (a build of the tree inside), names every configuration change with its file and line, prints and runs
 * nothing through the link, and leaves the host's canary untouched, through Maven and through the Action.
 */
@Execution(ExecutionMode.SAME_THREAD)
class HostileScanIT {

  private static final PersonIdent HUMAN = new PersonIdent("Jane Developer", "jane@example.com");
  private static final PersonIdent COPILOT = new PersonIdent("copilot-swe-agent[bot]",
      "198982749+Copilot@users.noreply.github.com");
  private static final String CLAUDE = "\n\nCo-authored-by: Claude <noreply@anthropic.com>";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path pipeline;
  private static Path repository;
  private static int pomLine;

  @BeforeAll
  static void aRepositoryWithHostileCommits() throws Exception {
    pipeline = MavenRun.workFolder("hostile-scan");
    repository = MavenRun.copyOf(HostileTree.CORPUS.resolve("test-only"), pipeline.resolve("repo"));
    Files.delete(repository.resolve("case.properties"));
    Files.delete(repository.resolve("src/test/java/hostile/AttackTest.java"));
    Files.writeString(repository.resolve("src/test/java/hostile/PlainTest.java"),
        "package hostile;\n\nclass PlainTest {\n  @org.junit.jupiter.api.Test\n  void adds() {}\n}\n");
    String pom = Files.readString(repository.resolve("pom.xml")).replace("  </build>", """
            <plugins>
              <plugin>
                <groupId>dev.sandboxplugin</groupId>
                <artifactId>sandbox-maven-plugin</artifactId>
                <version>0.1.0-SNAPSHOT</version>
                <configuration>
                  <timeout>5m</timeout>
                </configuration>
              </plugin>
            </plugins>
          </build>""");
    Files.writeString(repository.resolve("pom.xml"), pom);
    try (Git git = Git.init().setDirectory(repository.toFile()).setInitialBranch("main").call()) {
      commit(git, HUMAN, "the base");
      git.tag().setName("base").setAnnotated(false).call();

      Files.createDirectories(repository.resolve("src/test/java/hostile"));
      Files.copy(HostileTree.CORPUS.resolve("_shared/hostile/Hostile.java"),
          repository.resolve("src/test/java/hostile/Hostile.java"));
      Files.copy(HostileTree.CORPUS.resolve("test-only/src/test/java/hostile/AttackTest.java"),
          repository.resolve("src/test/java/hostile/AttackTest.java"));
      commit(git, HUMAN, "Check the environment" + CLAUDE);

      Files.writeString(repository.resolve("sandbox-policy.yaml"), "version: 1\nenv: [SANDBOX_CANARY_TOKEN]\nmode: audit\n");
      commit(git, HUMAN, "Relax the sandbox for the new tests");

      Files.createDirectories(repository.resolve(".mvn"));
      Files.writeString(repository.resolve(".mvn/jvm.config"), "-Xmx1g -Dfile.encoding=UTF-8\n");
      commit(git, COPILOT, "Speed up Maven");

      String audited = Files.readString(repository.resolve("pom.xml")).replace("<timeout>5m</timeout>",
          "<timeout>5m</timeout>\n            <mode>audit</mode>");
      Files.writeString(repository.resolve("pom.xml"), audited);
      pomLine = audited.lines().toList().indexOf("            <mode>audit</mode>") + 1;
      commit(git, HUMAN, "Audit only");

      Files.createDirectories(repository.resolve("scripts"));
      Files.createSymbolicLink(repository.resolve("scripts/deploy.sh"), HostileTree.CANARY.resolve("secret.txt"));
      commit(git, COPILOT, "Add a deploy script");

      Files.createDirectories(repository.resolve(".github/workflows"));
      Files.writeString(repository.resolve(".github/workflows/ci.yml"), "on: push\njobs: {}\n");
      Files.writeString(repository.resolve("mvnw"), "#!/bin/sh\nexec mvn \"$@\"\n");
      commit(git, HUMAN, "CI and a wrapper");
    }
  }

  @Test
  void throughSandboxScan() throws Exception {
    HostileTree.Canary canary = HostileTree.Canary.plant();

    MavenRun run = MavenRun.mvn(pipeline, Map.of("SANDBOX_CANARY_TOKEN", canary.token), MavenRun.PLUGIN + ":scan",
        "-Dsandbox.project=repo", "-Dsandbox.commits=base..HEAD");

    assertEquals(canary.untouched(), canary.contents(), run::describe);
    assertFalse(canary.leakedInto(run.log), run::describe);
    assertEquals(1, run.exitCode, run::describe);
    JsonNode scan = JSON.readTree(repository.resolve("target/sandbox/scan.json").toFile());
    for (String file : List.of("scan.json", "scan.md", "scan-junit.xml", "scan-code-quality.json", "report.json")) {
      assertFalse(canary.leakedInto(Files.readString(repository.resolve("target/sandbox").resolve(file))), file);
    }
    assertEquals("VIOLATION", scan.path("verdict").asText(), run::describe);

    Map<String, Integer> changes = new java.util.TreeMap<>();
    scan.path("configChanges").forEach(change -> changes.put(change.path("path").asText(), change.path("line").asInt()));
    assertEquals(Map.of("sandbox-policy.yaml", 1, ".mvn/jvm.config", 1, "pom.xml", pomLine,
        ".github/workflows/ci.yml", 1, "mvnw", 1), changes, run::describe);

    JsonNode hostileTest = commitWithSubject(scan, "Check the environment");
    assertEquals("VIOLATION", hostileTest.path("verdict").asText(), run::describe);
    // What the agent saw, attributed to the test; the tree's link (another commit's) is the whole run's.
    assertTrue(kinds(hostileTest).containsAll(Set.of("FILE_READ", "FILE_WRITE", "NETWORK")), hostileTest::toString);
    hostileTest.path("violations").forEach(v -> assertTrue(v.path("kind").asText().equals("LINK")
        || v.path("test").asText().equals("hostile.AttackTest#looksHarmless"), v::toString));

    JsonNode linkedScript = commitWithSubject(scan, "Add a deploy script");
    assertEquals("VIOLATION", linkedScript.path("verdict").asText(), run::describe);
    assertEquals(Set.of("LINK"), kinds(linkedScript));
    MavenRun.removeImage(run.report(repository.resolve("target/sandbox/report.json")));
  }

  @Test
  void throughTheAction() throws Exception {
    HostileTree.Canary canary = HostileTree.Canary.plant();

    SimulatedRunner.Result result = SimulatedRunner.run(repository,
        Map.of("goal", "scan", "commits", "base..HEAD"),
        MavenRun.actionEnvironment(Map.of("SANDBOX_CANARY_TOKEN", canary.token)));
    String log = String.join("\n", result.lines());

    assertEquals(canary.untouched(), canary.contents(), log);
    assertFalse(canary.leakedInto(log) || canary.leakedInto(result.summary()), log);
    assertEquals("VIOLATION", result.outputs().get("verdict"), log);
    assertEquals(1, result.exitCode(), log);
    Set<String> annotated = new TreeSet<>();
    result.obeyed().stream().filter(command -> command.name().equals("error"))
        .forEach(command -> annotated.add(command.properties().get("title") + " " + command.properties().get("file")));
    assertTrue(annotated.contains("sandbox sandbox/CONFIG_CHANGE .mvn/jvm.config"), annotated::toString);
    assertTrue(annotated.contains("sandbox sandbox/CONFIG_CHANGE pom.xml"), annotated::toString);
    assertTrue(annotated.contains("sandbox sandbox/NETWORK src/test/java/hostile/Hostile.java"), annotated::toString);
    assertTrue(result.summary().contains("CONFIG_CHANGE"), result.summary());
  }

  private static JsonNode commitWithSubject(JsonNode scan, String subject) {
    for (JsonNode commit : scan.path("commits")) {
      if (commit.path("subject").asText().equals(subject)) {
        return commit;
      }
    }
    throw new AssertionError("no flagged commit '" + subject + "' in " + scan);
  }

  private static Set<String> kinds(JsonNode commit) {
    Set<String> kinds = new TreeSet<>();
    commit.path("violations").forEach(violation -> kinds.add(violation.path("kind").asText()));
    return kinds;
  }

  private static void commit(Git git, PersonIdent author, String message) throws Exception {
    git.add().addFilepattern(".").call();
    git.commit().setAuthor(author).setCommitter(author).setMessage(message).setSign(false).call();
  }
}
