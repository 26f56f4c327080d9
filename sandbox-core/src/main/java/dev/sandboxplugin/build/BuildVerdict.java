package dev.sandboxplugin.build;

import dev.sandboxplugin.run.RunOutcome;
import dev.sandboxplugin.testing.TestRun;
import dev.sandboxplugin.verdict.Corroboration;
import dev.sandboxplugin.verdict.Judgement;
import dev.sandboxplugin.verdict.Verdict;
import dev.sandboxplugin.verdict.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The verdict of a build inside: the engine's facts first (deadline, OOM kill, seccomp, pids, a hardening not in
 * effect), then any breach attempt (what the agent saw, refused reports, links out of the tree, the kernel's refusals
 * in the output), then the tests' results, then Maven's own exit.
 */
final class BuildVerdict {

  /** The launcher's exit when the project never arrived in the sandbox. */
  static final int PROJECT_MISSING = 90;
  private static final Set<Verdict> ENGINE_VERDICTS =
      Set.of(Verdict.ERROR, Verdict.TIMEOUT, Verdict.OOM, Verdict.SECCOMP_KILLED, Verdict.PIDS_EXHAUSTED);

  private BuildVerdict() {}

  static Judgement judge(Judgement engine, TestRun tests, RunOutcome outcome, String uploadFailure) {
    List<Violation> seen = new ArrayList<>(tests.attempts());
    seen.addAll(tests.refused());
    seen.addAll(engine.violations());
    List<Violation> violations = Corroboration.merge(seen);
    String counts = (tests.reported() ? tests.summaryLine() : "no test report")
        + testJvmDeath(outcome).map(cause -> "; a test JVM died before its tests ended, so not all of them ran: "
            + cause).orElse("");
    if (ENGINE_VERDICTS.contains(engine.verdict())) {
      return new Judgement(engine.verdict(), engine.reason() + " (" + counts + ")", violations);
    }
    if (outcome.exitCode() == PROJECT_MISSING && uploadFailure != null) {
      return new Judgement(Verdict.ERROR, "the project could not be put into the sandbox: " + uploadFailure,
          violations);
    }
    if (!violations.isEmpty()) {
      Violation first = violations.get(0);
      return new Judgement(Verdict.VIOLATION, violations.size() + " forbidden action(s) seen in the sandbox: "
          + first.kind() + " " + first.detail() + (first.test() != null ? " in test " + first.test() : "")
          + " (" + counts + ")", violations);
    }
    if (tests.failures() + tests.errors() > 0) {
      return new Judgement(Verdict.FAILED, "tests failed: " + counts, violations);
    }
    if (outcome.exitCode() != 0) {
      return new Judgement(Verdict.FAILED, "the build failed (Maven exited " + outcome.exitCode() + ")"
          + mavenError(outcome).map(line -> ": " + line).orElse("") + " (" + counts + ")", violations);
    }
    return new Judgement(Verdict.PASSED, "the build passed (" + counts + ")", violations);
  }

  // Surefire's words when a fork it started ended early (a crash, System.exit, an error it did not survive),
  // with the line after them, which says why: the reports then lack every test that fork had still to run.
  private static Optional<String> testJvmDeath(RunOutcome outcome) {
    List<String> lines = outcome.allLines();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.contains("There was an error in the forked process")
          || line.contains("The forked VM terminated without properly saying goodbye")) {
        String next = i + 1 < lines.size() ? lines.get(i + 1).replaceFirst("^\\[ERROR\\] ?", "").strip() : "";
        String cause = next.isEmpty() || next.startsWith("[") ? line.replaceFirst("^\\[ERROR\\] ?", "").strip() : next;
        return Optional.of(cause.length() > 200 ? cause.substring(0, 200) + "..." : cause);
      }
    }
    return Optional.empty();
  }

  // Maven's first "[ERROR] Failed to execute goal ..." or other error line: what a user would read first.
  private static Optional<String> mavenError(RunOutcome outcome) {
    List<String> lines = outcome.allLines();
    Optional<String> failedGoal = lines.stream().filter(line -> line.startsWith("[ERROR] Failed to execute"))
        .findFirst();
    Optional<String> any = failedGoal.isPresent() ? failedGoal
        : lines.stream().filter(line -> line.startsWith("[ERROR] ") && line.length() > 10).findFirst();
    return any.map(line -> line.substring("[ERROR] ".length())).map(line -> line.length() > 300
        ? line.substring(0, 300) + "..." : line);
  }
}
