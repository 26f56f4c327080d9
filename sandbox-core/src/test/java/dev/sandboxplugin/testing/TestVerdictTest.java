package dev.sandboxplugin.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.verdict.Evidence;
import dev.sandboxplugin.verdict.Judgement;
import dev.sandboxplugin.verdict.Verdict;
import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestVerdictTest {

  private static final Judgement EXITED_0 = new Judgement(Verdict.PASSED, "exited 0", List.of());
  private static final Judgement EXITED_1 = new Judgement(Verdict.FAILED, "exited 1", List.of());
  private static final Violation NETWORK = new Violation(ViolationKind.NETWORK, "connection to 198.51.100.7:80",
      "a.B#c", List.of("a.B.c(B.java:12)"), Evidence.AGENT);

  @Test
  void passedFailedAndNothingSelected() {
    assertEquals(new Judgement(Verdict.PASSED, "Tests run: 3, Failures: 0, Errors: 0, Skipped: 1", List.of()),
        TestVerdict.judge(EXITED_0, run(3, 0, 0, 1, List.of()), 0L, null));
    assertEquals("tests failed: Tests run: 3, Failures: 1, Errors: 1, Skipped: 0",
        TestVerdict.judge(EXITED_1, run(3, 1, 1, 0, List.of()), 1L, null).reason());
    Judgement none = TestVerdict.judge(new Judgement(Verdict.FAILED, "exited 2", List.of()), run(0, 0, 0, 0, List.of()),
        2L, "NoSuch*");
    assertEquals(Verdict.FAILED, none.verdict());
    assertTrue(none.reason().startsWith("no test matched the selection NoSuch*"), none.reason());
  }

  @Test
  void aSelectionThatMatchesNothingHerePassesWhenSurefiresOptionSaysSo() {
    Judgement none = TestVerdict.judge(new Judgement(Verdict.FAILED, "exited 2", List.of()), run(0, 0, 0, 0, List.of()),
        2L, "OtherModuleTest", false);

    assertEquals(new Judgement(Verdict.PASSED,
        "no test matched the selection OtherModuleTest here (failIfNoSpecifiedTests=false)", List.of()), none);
  }

  @Test
  void anAttemptMakesAViolationEvenWhenTheTestsPass() {
    Judgement judged = TestVerdict.judge(EXITED_0, run(1, 0, 0, 0, List.of(NETWORK)), 0L, null);
    assertEquals(Verdict.VIOLATION, judged.verdict());
    assertEquals("1 forbidden action(s) seen in the sandbox: NETWORK connection to 198.51.100.7:80 in test a.B#c"
        + " (Tests run: 1, Failures: 0, Errors: 0, Skipped: 0)", judged.reason());
  }

  @Test
  void theEnginesVerdictComesFirstAndKeepsTheAttempts() {
    Judgement timeout = new Judgement(Verdict.TIMEOUT, "timed out", List.of(new Violation(ViolationKind.TIMEOUT, "5m", Evidence.PAYLOAD_OUTPUT)));
    Judgement judged = TestVerdict.judge(timeout, run(1, 0, 0, 0, List.of(NETWORK)), 137L, null);
    assertEquals(Verdict.TIMEOUT, judged.verdict());
    assertEquals(List.of(ViolationKind.NETWORK, ViolationKind.TIMEOUT),
        judged.violations().stream().map(Violation::kind).toList());
  }

  @Test
  void noReportIsAFailureUnlessTheRunnerItselfFailed() {
    assertEquals(Verdict.FAILED, TestVerdict.judge(EXITED_1, TestRun.notReported(List.of()), 1L, null).verdict());
    assertEquals(Verdict.ERROR, TestVerdict.judge(new Judgement(Verdict.FAILED, "exited 3", List.of()),
        TestRun.notReported(List.of()), 3L, null).verdict());
  }

  @Test
  void agentRecordsAreReadAsUntrustedText() {
    String lines = "{\"kind\":\"NETWORK\",\"detail\":\"connection to \\u001b[2Jx:1\",\"test\":\"a.B#c\",\"stack\":[\"a.B.c(B.java:1)\"]}\n"
        + "{\"kind\":\"ROOTKIT\",\"detail\":\"unknown kinds are dropped\"}\n"
        + "not json at all\n"
        + "[1,2]\n"
        + "{\"unavailable\":\"no security manager\"}\n";
    AgentAttempts.Parsed parsed = AgentAttempts.parse(lines.getBytes(StandardCharsets.UTF_8));
    assertEquals(1, parsed.attempts().size());
    assertEquals("connection to \\x1b[2Jx:1", parsed.attempts().get(0).detail());
    assertEquals("a.B#c", parsed.attempts().get(0).test());
    assertEquals("no security manager", parsed.unavailable());
  }

  private static TestRun run(int run, int failures, int errors, int skipped, List<Violation> attempts) {
    return new TestRun(true, run, failures, errors, skipped, List.of(), attempts, List.of(), null);
  }
}
