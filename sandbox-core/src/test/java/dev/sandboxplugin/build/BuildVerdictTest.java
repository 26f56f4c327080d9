package dev.sandboxplugin.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.run.RunOutcome;
import dev.sandboxplugin.testing.TestRun;
import dev.sandboxplugin.verdict.Evidence;
import dev.sandboxplugin.verdict.Judgement;
import dev.sandboxplugin.verdict.Verdict;
import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildVerdictTest {

  private static final Judgement CLEAN = new Judgement(Verdict.PASSED, "exited 0", List.of());

  @Test
  void aPassingBuild() {
    Judgement judgement = BuildVerdict.judge(CLEAN, tests(3, 0, List.of()), outcome(0, "[INFO] BUILD SUCCESS"), null);
    assertEquals(Verdict.PASSED, judgement.verdict());
    assertEquals("the build passed (Tests run: 3, Failures: 0, Errors: 0, Skipped: 0)", judgement.reason());
  }

  @Test
  void failingTestsComeBeforeMavensExit() {
    assertEquals("tests failed: Tests run: 3, Failures: 1, Errors: 0, Skipped: 0",
        BuildVerdict.judge(CLEAN, tests(3, 1, List.of()), outcome(1), null).reason());
  }

  @Test
  void aBuildThatFailsElsewhereSaysMavensFirstError() {
    Judgement judgement = BuildVerdict.judge(CLEAN, tests(0, 0, List.of()), outcome(1, "[INFO] BUILD FAILURE",
        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.13.0:compile: Compilation failure",
        "[ERROR] other"), null);
    assertEquals(Verdict.FAILED, judgement.verdict());
    assertTrue(judgement.reason().contains("Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin"),
        judgement.reason());
  }

  @Test
  void aTestJvmThatDiedIsSaidWithItsCause() {
    // As Surefire 3.5 says it when a fork's heap ran out: the reports then lack the tests it had still to run.
    Judgement judgement = BuildVerdict.judge(CLEAN, tests(1118, 0, List.of()), outcome(1, "[INFO] BUILD FAILURE",
        "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:3.5.6:test (default-test) on"
            + " project commons-text: ", "[ERROR] ", "[ERROR] There was an error in the forked process",
        "[ERROR] Java heap space"), null);
    assertEquals(Verdict.FAILED, judgement.verdict());
    assertTrue(judgement.reason().endsWith("(Tests run: 1118, Failures: 0, Errors: 0, Skipped: 0; a test JVM died"
        + " before its tests ended, so not all of them ran: Java heap space)"), judgement.reason());
  }

  @Test
  void anyAttemptIsAViolationEvenWhenEverythingPassed() {
    Violation attempt = new Violation(ViolationKind.NETWORK, "connection to 198.51.100.7:80", "a.BTest#c", List.of(), Evidence.AGENT);
    Judgement judgement = BuildVerdict.judge(CLEAN, tests(3, 0, List.of(attempt)), outcome(0), null);
    assertEquals(Verdict.VIOLATION, judgement.verdict());
    assertTrue(judgement.reason().contains("in test a.BTest#c"), judgement.reason());
  }

  @Test
  void theEnginesFactsComeFirst() {
    Judgement timeout = new Judgement(Verdict.TIMEOUT, "timed out", List.of(new Violation(ViolationKind.TIMEOUT, "killed", Evidence.PAYLOAD_OUTPUT)));
    assertEquals(Verdict.TIMEOUT, BuildVerdict.judge(timeout, tests(1, 1, List.of()), outcome(137), null).verdict());
  }

  @Test
  void aProjectThatNeverArrivedIsOurSide() {
    Judgement judgement = BuildVerdict.judge(CLEAN, TestRun.notReported(List.of()), outcome(90), "disk full");
    assertEquals(Verdict.ERROR, judgement.verdict());
    assertTrue(judgement.reason().endsWith("disk full"));
  }

  private static TestRun tests(int run, int failures, List<Violation> attempts) {
    return new TestRun(true, run, failures, 0, 0, List.of(), attempts, List.of(), null);
  }

  private static RunOutcome outcome(long exit, String... lines) {
    return new RunOutcome("c", exit, false, false, Duration.ofSeconds(1), List.of(lines), List.of(lines), 0, 0, null);
  }
}
