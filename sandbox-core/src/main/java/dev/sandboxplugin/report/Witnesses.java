package dev.sandboxplugin.report;

import dev.sandboxplugin.verdict.Evidence;
import dev.sandboxplugin.verdict.Violation;
import java.util.List;
import java.util.TreeSet;

/** Says, for a run's violations, how much of the evidence came from inside the payload, where it could be hidden. */
final class Witnesses {

  private Witnesses() {}

  /** Null when every violation had a witness outside the payload; else one sentence on what that means. */
  static String describe(List<Violation> violations) {
    List<Violation> inside = violations.stream().filter(v -> v.source() != null && !v.source().outsideThePayload())
        .toList();
    if (inside.isEmpty()) {
      return null;
    }
    TreeSet<String> sources = new TreeSet<>(inside.stream().map(Violation::source).map(Evidence::label).toList());
    return inside.size() + " of " + violations.size() + " seen only from inside the payload (" + String.join(", ", sources)
        + "): the kernel refused them, but a payload that hides its errors or disarms the agent leaves no such trace";
  }
}
