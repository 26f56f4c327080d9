package dev.sandboxplugin.policy;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints durations the way CI users write them: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}. */
public final class Durations {

  private static final Pattern SYNTAX = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?", Pattern.CASE_INSENSITIVE);

  private Durations() {}

  /**
   * Parses {@code text}; a bare number is seconds.
   *
   * @throws InvalidPolicyException naming the setting and the expected syntax
   */
  public static Duration parse(String setting, String text) {
    Matcher matcher = SYNTAX.matcher(text == null ? "" : text.trim());
    if (!matcher.matches()) {
      throw new InvalidPolicyException(
          setting + " = '" + text + "' is not a duration: write e.g. 30s, 5m or 1h");
    }
    long amount;
    try {
      amount = Long.parseLong(matcher.group(1));
    } catch (NumberFormatException tooLarge) {
      throw new InvalidPolicyException(setting + " = '" + text + "' is too large");
    }
    String unit = matcher.group(2) == null ? "s" : matcher.group(2).toLowerCase(Locale.ROOT);
    Duration duration;
    try {
      duration = switch (unit) {
        case "ms" -> Duration.ofMillis(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofSeconds(amount);
      };
    } catch (ArithmeticException tooLarge) {
      throw new InvalidPolicyException(setting + " = '" + text + "' is too large");
    }
    try {
      duration.toMillis(); // every user of a duration works in milliseconds
    } catch (ArithmeticException tooLarge) {
      throw new InvalidPolicyException(setting + " = '" + text + "' is too large");
    }
    if (duration.isZero()) {
      throw new InvalidPolicyException(setting + " = '" + text + "' must be more than zero");
    }
    return duration;
  }

  /** The shortest exact spelling, e.g. {@code 5m}. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return millis + "ms";
  }
}
