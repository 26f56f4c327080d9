package dev.sandboxplugin.scan;

import java.util.List;

/**
 * A commit the rules flagged as AI-written, with what runs for it.
 *
 * @param matches every rule that fired, in the rules' order
 */
public record FlaggedCommit(ScannedCommit commit, List<RuleMatch> matches, ProjectLayout.Targets targets) {

  public FlaggedCommit {
    matches = List.copyOf(matches);
  }

  /** The names of the rules that fired, comma-separated. */
  public String ruleNames() {
    return String.join(", ", matches.stream().map(RuleMatch::rule).distinct().toList());
  }
}
