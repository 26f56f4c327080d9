package dev.sandboxplugin.testing;

import dev.sandboxplugin.verdict.Violation;
import java.util.List;

/**
 * What a sandboxed test run reported: Surefire's counts, the tests that failed, what the agent attributed to
 * tests, and report entries that were refused.
 *
 * @param reported whether the runner handed over its reports at all
 * @param failed {@code Class#method} of failing and erroring tests, with the first line of the message
 * @param attempts breach attempts the agent saw, each with its test and calling code
 * @param refused report files that were not written (path escape, link, size, not well-formed)
 * @param attribution null when the agent worked; else why it did not
 * @param notices what the agent saw that is not a breach (a bare host name lookup, which sends nothing)
 * @param stoppedEarly null when the runner said its run was over; else what is known of where it stopped
 */
public record TestRun(boolean reported, int run, int failures, int errors, int skipped, List<String> failed,
    List<Violation> attempts, List<Violation> refused, String attribution, List<Violation> notices,
    String stoppedEarly) {

  public TestRun {
    failed = List.copyOf(failed);
    attempts = List.copyOf(attempts);
    refused = List.copyOf(refused);
    notices = notices == null ? List.of() : List.copyOf(notices);
  }

  /** A run that ended as runs do. */
  public TestRun(boolean reported, int run, int failures, int errors, int skipped, List<String> failed,
      List<Violation> attempts, List<Violation> refused, String attribution, List<Violation> notices) {
    this(reported, run, failures, errors, skipped, failed, attempts, refused, attribution, notices, null);
  }

  /** A run with nothing noted besides its attempts. */
  public TestRun(boolean reported, int run, int failures, int errors, int skipped, List<String> failed,
      List<Violation> attempts, List<Violation> refused, String attribution) {
    this(reported, run, failures, errors, skipped, failed, attempts, refused, attribution, List.of());
  }

  public static TestRun notReported(List<Violation> refused) {
    return new TestRun(false, 0, 0, 0, 0, List.of(), List.of(), refused, null);
  }

  /** Surefire's summary line. */
  public String summaryLine() {
    return "Tests run: " + run + ", Failures: " + failures + ", Errors: " + errors + ", Skipped: " + skipped;
  }
}
