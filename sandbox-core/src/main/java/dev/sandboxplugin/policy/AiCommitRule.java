package dev.sandboxplugin.policy;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One way to recognise a commit written by an AI assistant: a case-insensitive regular expression looked for in one
 * field of the commit.
 *
 * @param name what the report says fired, e.g. {@code claude}
 * @param field where the pattern is looked for
 * @param pattern found anywhere in the text (use {@code ^} and {@code $} to anchor)
 */
public record AiCommitRule(String name, Field field, Pattern pattern) {

  /** The parts of a commit a rule can look at. */
  public enum Field {
    /** The author as {@code Name <email>}. */
    AUTHOR,
    /** The committer as {@code Name <email>}. */
    COMMITTER,
    /** Each trailer of the message's last paragraph as {@code Key: value}, e.g. {@code Co-authored-by: X <x@y>}. */
    TRAILER,
    /** Each line of the message. */
    MESSAGE;

    /** @throws IllegalArgumentException naming the fields there are */
    public static Field parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("'" + text + "' is not a field a rule can look at; use author, committer,"
            + " trailer or message");
      }
    }

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public AiCommitRule {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(pattern, "pattern");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a rule needs a name, e.g. 'acme-bot'");
    }
    name = name.trim();
  }

  /**
   * A rule from its parts as a user writes them.
   *
   * @throws IllegalArgumentException naming the rule when the field or the pattern is bad
   */
  public static AiCommitRule of(String name, String field, String regex) {
    if (regex == null || regex.isBlank()) {
      throw new IllegalArgumentException("rule '" + name + "' has no pattern");
    }
    try {
      return new AiCommitRule(name, Field.parse(field == null ? "" : field),
          Pattern.compile(regex.trim(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("rule '" + name + "': '" + regex + "' is not a regular expression: "
          + e.getDescription());
    }
  }

  /**
   * The compact form of the command line: {@code name=field:regex}, e.g. {@code acme=author:^acme-ai\[bot\]}.
   *
   * @throws IllegalArgumentException saying what to write
   */
  public static AiCommitRule parse(String text) {
    int equals = text.indexOf('=');
    int colon = equals < 0 ? -1 : text.indexOf(':', equals);
    if (equals <= 0 || colon < 0) {
      throw new IllegalArgumentException("'" + text + "' is not a rule; write name=field:regex, e.g."
          + " acme=author:^acme-ai\\[bot\\]");
    }
    return of(text.substring(0, equals), text.substring(equals + 1, colon), text.substring(colon + 1));
  }

  /** The first of {@code texts} this rule finds its pattern in, stripped. */
  public Optional<String> firstMatch(List<String> texts) {
    for (String text : texts) {
      Matcher matcher = pattern.matcher(text);
      if (matcher.find()) {
        return Optional.of(text.strip());
      }
    }
    return Optional.empty();
  }
}
