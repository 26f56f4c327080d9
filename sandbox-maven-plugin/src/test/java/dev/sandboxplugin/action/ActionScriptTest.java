package dev.sandboxplugin.action;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The action's step in a simulated runner, with a stand-in for Maven that behaves like the most hostile payload can
 * make Maven's output and reports look: workflow commands at the start of output lines, and report text built to
 * break out of an annotation or the summary. None of it may be obeyed; each violation is one annotation.
 */
class ActionScriptTest {

  private static final String HOSTILE_OUTPUT = String.join("\n",
      "::set-output name=verdict::PASSED",
      "::add-mask::x",
      "::error::forged",
      "  ::warning file=pom.xml,line=1::forged",
      "::stop-commands::guess",
      "::guess::",
      "::error::forged after a guessed token");

  @TempDir
  Path dir;

  @Test
  void payloadOutputCannotIssueCommandsAndEachViolationIsOneEscapedAnnotation() throws Exception {
    Path workspace = Files.createDirectories(dir.resolve("workspace"));
    Files.createDirectories(workspace.resolve("src/test/java/a"));
    Files.writeString(workspace.resolve("src/test/java/a/ExfilTest.java"), "class ExfilTest {}");
    Path maven = fakeMaven("""
        {"verdict": "VIOLATION", "reason": "1 forbidden action <img src=x>",
         "violations": [
           {"kind": "NETWORK", "detail": "connection to 198.51.100.7:80\\n::error::forged, 100%", "test": "a.ExfilTest#leaks",
            "stack": ["a.ExfilTest.leaks(ExfilTest.java:12)"]},
           {"kind": "FILE,WRITE:x", "detail": "write refused\\r\\n::add-mask::y", "test": null, "stack": []}
         ]}""");

    SimulatedRunner.Result result = SimulatedRunner.run(workspace, Map.of("goal", "test", "timeout", "30s"),
        Map.of("SANDBOX_MAVEN", maven.toString()));

    assertEquals(1, result.exitCode(), "Maven's exit status is the step's:\n" + String.join("\n", result.lines()));
    List<String> names = result.obeyed().stream().map(SimulatedRunner.Command::name).toList();
    assertEquals(List.of("stop-commands", "error", "error"), names, String.join("\n", result.lines()));
    assertTrue(result.shownWhileStopped().containsAll(HOSTILE_OUTPUT.lines().toList()),
        "the payload's lines are shown, not obeyed:\n" + result.shownWhileStopped());
    assertTrue(result.shownWhileStopped().contains("mvn-args: -B -ntp test-compile"
        + " dev.sandboxplugin:sandbox-maven-plugin:0.1.0-SNAPSHOT:test -Dsandbox.timeout=30s"), result.lines().toString());
    assertTrue(result.obeyed().get(0).message().matches("[0-9a-f]{32}"), "a random token: " + result.obeyed().get(0));
    assertEquals(List.of("actions/cache@5a3ec84eff668545956fd18022155c47e93e2684"), result.usedActions());

    SimulatedRunner.Command network = result.obeyed().get(1);
    assertEquals(Map.of("file", "src/test/java/a/ExfilTest.java", "line", "12", "title", "sandbox NETWORK"),
        network.properties());
    assertEquals("NETWORK: connection to 198.51.100.7:80\n::error::forged, 100% (test a.ExfilTest#leaks)",
        network.message());
    SimulatedRunner.Command write = result.obeyed().get(2);
    assertEquals(Map.of("title", "sandbox FILE,WRITE:x"), write.properties());
    assertEquals("FILE,WRITE:x: write refused\r\n::add-mask::y", write.message());

    assertEquals("VIOLATION", result.outputs().get("verdict"));
    assertEquals(workspace.resolve("target/sandbox/report.json").toRealPath().toString(), result.outputs().get("report"));
    assertEquals("", result.outputs().get("sarif"));
    assertTrue(result.summary().startsWith("## Sandbox test: VIOLATION\n"), result.summary());
    assertFalse(result.summary().contains("<img"), result.summary());
    assertTrue(result.summary().contains("- **NETWORK**: connection to 198.51.100.7\\:80 \\:\\:error\\:\\:forged, 100%"),
        result.summary());
  }

  @Test
  void aForgedVerdictInTheReportBecomesError() throws Exception {
    Path workspace = Files.createDirectories(dir.resolve("forged"));
    Path maven = fakeMaven("{\"verdict\": \"PASSED\\nsarif=/etc/passwd\", \"reason\": \"x\", \"violations\": []}");
    SimulatedRunner.Result result = SimulatedRunner.run(workspace, Map.of(), Map.of("SANDBOX_MAVEN", maven.toString()));
    assertEquals("ERROR", result.outputs().get("verdict"));
    assertEquals("", result.outputs().get("sarif"));
  }

  @Test
  void anUnknownGoalIsRefused() throws Exception {
    Path workspace = Files.createDirectories(dir.resolve("bad-goal"));
    SimulatedRunner.Result result = SimulatedRunner.run(workspace, Map.of("goal", "deploy; rm -rf /"), Map.of());
    assertEquals(2, result.exitCode());
    assertEquals("goal must be build, test, exec or scan, not 'deploy??rm?-rf??'", result.obeyed().get(0).message());
  }

  @Test
  void scanPublishesItsSummaryAndOneAnnotationPerCodeQualityEntry() throws Exception {
    Path workspace = Files.createDirectories(dir.resolve("scan"));
    Path maven = fakeMaven(Map.of(
        "scan.json", "{\"verdict\": \"VIOLATION\", \"commits\": []}",
        "scan.md", "## Sandbox scan: VIOLATION\n\n| Commit | Author |\n",
        "scan-code-quality.json", """
            [{"description": "NETWORK: connection to 198.51.100.7:80 - commit abc1234 by Eve\\n::add-mask::z",
              "check_name": "sandbox/NETWORK", "fingerprint": "f", "severity": "critical",
              "location": {"path": "src/test/java/a/X,Test.java", "lines": {"begin": 7}}}]"""));
    SimulatedRunner.Result result = SimulatedRunner.run(workspace,
        Map.of("goal", "scan", "commits", "origin/main..HEAD", "mode", "audit"), Map.of("SANDBOX_MAVEN", maven.toString()));
    assertTrue(result.shownWhileStopped().stream().anyMatch(line -> line.endsWith(":scan -Dsandbox.project="
        + workspace + " -Dsandbox.mode=audit -Dsandbox.commits=origin/main..HEAD")), result.lines().toString());
    assertEquals(List.of("stop-commands", "warning"), result.obeyed().stream().map(SimulatedRunner.Command::name).toList(),
        "audit mode warns:\n" + String.join("\n", result.lines()));
    SimulatedRunner.Command warning = result.obeyed().get(1);
    assertEquals(Map.of("file", "src/test/java/a/X,Test.java", "line", "7", "title", "sandbox sandbox/NETWORK"),
        warning.properties());
    assertEquals("NETWORK: connection to 198.51.100.7:80 - commit abc1234 by Eve\n::add-mask::z", warning.message());
    assertEquals("VIOLATION", result.outputs().get("verdict"));
    assertTrue(result.outputs().get("report").endsWith("/target/sandbox/scan.json"));
    assertEquals("## Sandbox scan: VIOLATION\n\n| Commit | Author |\n", result.summary());
  }

  @Test
  void aReportLeftByAnEarlierBuildDoesNotCount() throws Exception {
    Path workspace = Files.createDirectories(dir.resolve("stale"));
    Files.createDirectories(workspace.resolve("target/sandbox"));
    Files.writeString(workspace.resolve("target/sandbox/report.json"), "{\"verdict\": \"PASSED\", \"violations\": []}");
    SimulatedRunner.Result result = SimulatedRunner.run(workspace, Map.of(),
        Map.of("SANDBOX_MAVEN", fakeMaven(Map.of()).toString()));
    assertEquals("ERROR", result.outputs().get("verdict"));
    assertEquals("", result.outputs().get("report"));
    assertTrue(result.summary().contains("No report was written"), result.summary());
  }

  @Test
  void everyModulesReportCountsTheWorstVerdictWinsAndEachSarifKeepsItsOwnFile() throws Exception {
    Path workspace = Files.createDirectories(dir.resolve("reactor"));
    for (String module : List.of("", "core/", "app/")) {
      Files.createDirectories(workspace.resolve(module + "src/test/java/a"));
      Files.writeString(workspace.resolve(module + "pom.xml"), "<project/>");
    }
    Files.writeString(workspace.resolve("app/src/test/java/a/CalcTest.java"), "class CalcTest {}");
    Path maven = fakeMaven(Map.of(
        "core/report.json", "{\"verdict\": \"PASSED\", \"reason\": \"ok\", \"violations\": []}",
        "core/report.sarif", "{\"runs\": [{\"automationDetails\": {\"id\": \"sandbox/core/\"}}]}",
        "app/report.json", """
            {"verdict": "VIOLATION", "reason": "1 forbidden action",
             "violations": [{"kind": "NETWORK", "detail": "connection to 198.51.100.7:80", "test": "a.CalcTest#adds",
                             "stack": ["a.CalcTest.adds(CalcTest.java:9)"]}],
             "tests": {"run": 2, "failures": 1, "errors": 0, "skipped": 0,
                       "failed": ["a.CalcTest$Nested#divides: expected <2> but was <3>"]}}""",
        "app/report.sarif", "{\"runs\": [{\"automationDetails\": {\"id\": \"sandbox/app/\"}}]}",
        // Only under a module's target/: not a module of its own.
        "app/target/x/report.json", "{\"verdict\": \"ERROR\", \"violations\": []}"));

    SimulatedRunner.Result result = SimulatedRunner.run(workspace, Map.of("goal", "test"),
        Map.of("SANDBOX_MAVEN", maven.toString()));
    String log = String.join("\n", result.lines());

    assertEquals("VIOLATION", result.outputs().get("verdict"), log);
    assertEquals(workspace.resolve("app/target/sandbox/report.json").toRealPath().toString(), result.outputs().get("report"));
    Path sarifs = Path.of(result.outputs().get("sarif"));
    assertTrue(Files.isDirectory(sarifs), "two modules' SARIF files go to upload-sarif as a folder: " + sarifs);
    try (var files = Files.list(sarifs)) {
      assertEquals(List.of("sandbox/app/", "sandbox/core/"), files.map(file -> {
        try {
          return Files.readString(file).replaceAll(".*\"id\": \"([^\"]+)\".*", "$1").trim();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).sorted().toList());
    }
    assertTrue(result.summary().startsWith("## Sandbox test: VIOLATION (2 modules)\n"), result.summary());
    assertTrue(result.summary().contains("\n### app\n") && result.summary().contains("\n### core\n"), result.summary());

    List<SimulatedRunner.Command> annotations = result.obeyed().subList(1, result.obeyed().size());
    assertEquals(2, annotations.size(), log);
    assertEquals(Map.of("file", "app/src/test/java/a/CalcTest.java", "line", "9", "title", "sandbox NETWORK"),
        annotations.get(0).properties());
    assertEquals(Map.of("file", "app/src/test/java/a/CalcTest.java", "title", "sandbox failed test"),
        annotations.get(1).properties());
    assertEquals("a.CalcTest$Nested#divides: expected <2> but was <3>", annotations.get(1).message());
  }

  @Test
  void aFailedMavenWhoseModulesAllPassedIsAnError() throws Exception {
    Path workspace = Files.createDirectories(dir.resolve("half-built"));
    Files.createDirectories(workspace.resolve("broken"));
    Files.writeString(workspace.resolve("broken/pom.xml"), "<project/>");
    SimulatedRunner.Result result = SimulatedRunner.run(workspace, Map.of("goal", "test"), Map.of("SANDBOX_MAVEN",
        fakeMaven(Map.of("report.json", "{\"verdict\": \"PASSED\", \"reason\": \"ok\", \"violations\": []}"))
            .toString()));
    assertEquals("ERROR", result.outputs().get("verdict"), "Maven exited 1 though the one report passed");
    assertTrue(result.summary().contains("Maven ended with exit code 1"), result.summary());
  }

  @Test
  void aVersionNoRepositoryHasAndThatIsNotTheActionsOwnIsRefusedInOneLine() throws Exception {
    Path workspace = Files.createDirectories(dir.resolve("unknown-version"));
    Path maven = dir.resolve("mvn-resolves-nothing");
    Files.writeString(maven, "#!/usr/bin/env bash\necho \"[ERROR] Plugin could not be resolved: $*\"\nexit 1\n");
    Files.setPosixFilePermissions(maven, PosixFilePermissions.fromString("rwx------"));
    SimulatedRunner.Result result = SimulatedRunner.run(workspace, Map.of("plugin-version", "9.9.9"),
        Map.of("SANDBOX_MAVEN", maven.toString()));
    assertEquals(2, result.exitCode(), String.join("\n", result.lines()));
    assertEquals(List.of("error"), result.obeyed().stream().map(SimulatedRunner.Command::name).toList());
    assertTrue(result.obeyed().get(0).message().startsWith("dev.sandboxplugin:sandbox-maven-plugin:9.9.9 is in no "
        + "repository Maven can reach, and it is not the action's own version"), result.obeyed().get(0).message());
    assertEquals("", result.outputs().get("verdict"), "the sandbox's step did not run");
    assertEquals(List.of(), result.usedActions(), "no step after the failed one");
  }

  private Path fakeMaven(String reportJson) throws Exception {
    return fakeMaven(Map.of("report.json", reportJson));
  }

  // Resolves the plugin; else prints hostile lines as a payload would, and its arguments; writes the given report files (into the project a
  // goal from outside names, else the folder it runs in) and fails like Maven.
  private Path fakeMaven(Map<String, String> reports) throws Exception {
    StringBuilder copies = new StringBuilder("project=.\nfor arg in \"$@\"; do case \"$arg\" in"
        + " -Dsandbox.project=*) project=\"${arg#-Dsandbox.project=}\" ;; esac; done\ncd \"$project\"\n"
        + "mkdir -p target/sandbox\n");
    for (Map.Entry<String, String> report : reports.entrySet()) {
      // "module/report.json" goes to that module's target/sandbox.
      String name = report.getKey();
      String module = name.contains("/") ? name.substring(0, name.lastIndexOf('/') + 1) : "";
      Path file = dir.resolve(name.replace('/', '-') + "-" + System.nanoTime());
      Files.writeString(file, report.getValue());
      copies.append("mkdir -p '").append(module).append("target/sandbox' && cp '").append(file).append("' '")
          .append(module).append("target/sandbox/").append(name.substring(module.length())).append("'\n");
    }
    Path script = dir.resolve("mvn-" + System.nanoTime());
    Files.writeString(script, "#!/usr/bin/env bash\n"
        // The action's first step asks whether the plugin resolves: it does.
        + "case \"$*\" in *:help) exit 0 ;; esac\n"
        + "cat <<'EOF'\n" + HOSTILE_OUTPUT + "\nEOF\n"
        + "echo \"mvn-args: $*\"\n"
        + copies
        + "exit 1\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }
}
