package dev.sandboxplugin.mojo;

/**
 * One {@code <aiRule>} of {@code sandbox:scan}'s {@code <aiRules>}: a case-insensitive regular expression looked for
 * in one field of a commit.
 */
public class AiRule {

  /** What the scan reports as the rule that fired; a default rule of the same name is replaced. */
  String name;

  /**
   * Where to look: {@code author} or {@code committer} ({@code Name <email>}), {@code trailer} ({@code Key: value})
   * or {@code message} (each line).
   */
  String field;

  /** A regular expression, found anywhere in the field's text, case-insensitive. */
  String pattern;

  public AiRule() {}

  AiRule(String name, String field, String pattern) {
    this.name = name;
    this.field = field;
    this.pattern = pattern;
  }
}
