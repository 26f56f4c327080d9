package dev.sandboxplugin.testing;

import dev.sandboxplugin.verdict.Corroboration;
import dev.sandboxplugin.verdict.Judgement;
import dev.sandboxplugin.verdict.Verdict;
import dev.sandboxplugin.verdict.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The verdict of a test run: the engine's judgement of the JVM (timeout, OOM, seccomp, pids come first), then what
 * the agent and the report hand-over add (any breach attempt is a VIOLATION), then the tests' own results.
 */
public final class TestVerdict {

  /** Exit codes of the in-sandbox runner. */
  static final int NOTHING_SELECTED = 2;
  static final int RUNNER_FAILED = 3;
  private static final Set<Verdict> ENGINE_VERDICTS =
      Set.of(Verdict.ERROR, Verdict.TIMEOUT, Verdict.OOM, Verdict.SECCOMP_KILLED, Verdict.PIDS_EXHAUSTED);

  private TestVerdict() {}

  public static Judgement judge(Judgement jvm, TestRun run, Long exitCode, String selection) {
    return judge(jvm, run, exitCode, selection, true);
  }

  /** @param failIfNoneSelected false: a selection that matches no test in this module passes, as Surefire's option */
  public static Judgement judge(Judgement jvm, TestRun run, Long exitCode, String selection,
      boolean failIfNoneSelected) {
    // The agent's findings first: they name the test and the line.
    List<Violation> seen = new ArrayList<>(run.attempts());
    seen.addAll(run.refused());
    seen.addAll(jvm.violations());
    List<Violation> violations = Corroboration.merge(seen);
    String counts = run.reported() ? run.summaryLine() : "no test report";
    if (ENGINE_VERDICTS.contains(jvm.verdict())) {
      return new Judgement(jvm.verdict(), jvm.reason() + " (" + counts + ")", violations);
    }
    if (!violations.isEmpty()) {
      Violation first = violations.get(0);
      return new Judgement(Verdict.VIOLATION, violations.size() + " forbidden action(s) seen in the sandbox: "
          + first.kind() + " " + first.detail() + (first.test() != null ? " in test " + first.test() : "")
          + " (" + counts + ")", violations);
    }
    long code = exitCode == null ? -1 : exitCode;
    if (code == RUNNER_FAILED) {
      return new Judgement(Verdict.ERROR, "the test runner inside the sandbox failed (exit " + code
          + "); its output above says why", violations);
    }
    if (!run.reported()) {
      return new Judgement(Verdict.FAILED, "the test JVM exited " + code + " without handing over its reports"
          + " (Runtime.halt or a crash in a test?)", violations);
    }
    if (run.stoppedEarly() != null) {
      return new Judgement(Verdict.FAILED, "the test run stopped " + run.stoppedEarly() + ", before the runner said it"
          + " was over (a test that halted the JVM or stopped the runner?); results after that are unknown ("
          + counts + ")", violations);
    }
    if (code == NOTHING_SELECTED && !failIfNoneSelected) {
      return new Judgement(Verdict.PASSED, "no test matched the selection " + selection
          + " here (failIfNoSpecifiedTests=false)", violations);
    }
    if (code == NOTHING_SELECTED) {
      return new Judgement(Verdict.FAILED, "no test matched the selection " + selection + " (" + counts + ")",
          violations);
    }
    if (run.failures() + run.errors() > 0) {
      return new Judgement(Verdict.FAILED, "tests failed: " + counts, violations);
    }
    if (code != 0) {
      return new Judgement(Verdict.FAILED, "the test JVM exited " + code + " (" + counts + ")", violations);
    }
    return new Judgement(Verdict.PASSED, counts, violations);
  }
}
