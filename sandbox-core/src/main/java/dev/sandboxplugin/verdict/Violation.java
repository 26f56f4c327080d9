package dev.sandboxplugin.verdict;

import java.util.List;

/**
 * One breach attempt or limit hit, with the evidence for it.
 *
 * @param kind what was attempted, or the limit reached
 * @param detail the evidence in words: the limit, the line of output, the signal
 * @param test the test that tried it ({@code Class#method}), when the test runner's agent saw it; else null
 * @param stack the top frames of the code that tried it, when the agent saw it; else empty
 * @param source who saw it; null only in reports written before sources were recorded
 */
public record Violation(ViolationKind kind, String detail, String test, List<String> stack, Evidence source) {

  public Violation {
    stack = stack == null ? List.of() : List.copyOf(stack);
  }

  /** A violation with no test or code to name. */
  public Violation(ViolationKind kind, String detail, Evidence source) {
    this(kind, detail, null, List.of(), source);
  }
}
