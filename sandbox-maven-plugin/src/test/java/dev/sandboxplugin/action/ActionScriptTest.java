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

  private Path fakeMaven(String reportJson) throws Exception {
    return fakeMaven(Map.of("report.json", reportJson));
  }

  // Prints hostile lines as a payload would, and its arguments; writes the given report files (into the project a
  // goal from outside names, else the folder it runs in) and fails like Maven.
  private Path fakeMaven(Map<String, String> reports) throws Exception {
    StringBuilder copies = new StringBuilder("project=.\nfor arg in \"$@\"; do case \"$arg\" in"
        + " -Dsandbox.project=*) project=\"${arg#-Dsandbox.project=}\" ;; esac; done\ncd \"$project\"\n"
        + "mkdir -p target/sandbox\n");
    for (Map.Entry<String, String> report : reports.entrySet()) {
      Path file = dir.resolve(report.getKey() + "-" + System.nanoTime());
      Files.writeString(file, report.getValue());
      copies.append("cp '").append(file).append("' target/sandbox/").append(report.getKey()).append('\n');
    }
    Path script = dir.resolve("mvn-" + System.nanoTime());
    Files.writeString(script, "#!/usr/bin/env bash\n"
        + "cat <<'EOF'\n" + HOSTILE_OUTPUT + "\nEOF\n"
        + "echo \"mvn-args: $*\"\n"
        + copies
        + "exit 1\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }
}
