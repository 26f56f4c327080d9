package dev.sandboxplugin.scan;

/**
 * A rule that fired on a commit, and on what.
 *
 * @param rule the rule's name
 * @param field {@code author}, {@code committer}, {@code trailer} or {@code message}
 * @param matched the author, trailer or line the pattern was found in
 */
public record RuleMatch(String rule, String field, String matched) {}
