package dev.sandboxplugin.scan;

import dev.sandboxplugin.verdict.Verdict;

/** Which of two verdicts says more: our side's error, then breaches, then limits, then failures, then a pass. */
final class VerdictOrder {

  private VerdictOrder() {}

  /** The more serious of the two; null (nothing ran) is the least. */
  static Verdict worst(Verdict a, Verdict b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return rank(b) > rank(a) ? b : a;
  }

  private static int rank(Verdict verdict) {
    return switch (verdict) {
      case PASSED -> 0;
      case FAILED -> 1;
      case TIMEOUT, OOM, PIDS_EXHAUSTED -> 2;
      case VIOLATION, SECCOMP_KILLED -> 3;
      case ERROR -> 4;
    };
  }
}
