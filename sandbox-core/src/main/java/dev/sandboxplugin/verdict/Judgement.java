package dev.sandboxplugin.verdict;

import java.util.List;

/** A verdict, the one-line reason for it, and the violations behind it. */
public record Judgement(Verdict verdict, String reason, List<Violation> violations) {

  public Judgement {
    violations = List.copyOf(violations);
  }
}
