package dev.sandboxplugin.policy;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An amount of memory written the way Docker users write it: {@code 512k}, {@code 128m}, {@code 1g}, or bytes. */
public final class MemorySize {

  private static final Pattern SYNTAX = Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b)?", Pattern.CASE_INSENSITIVE);

  private final long bytes;

  private MemorySize(long bytes) {
    this.bytes = bytes;
  }

  public static MemorySize ofBytes(long bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("a memory size must be positive: " + bytes);
    }
    return new MemorySize(bytes);
  }

  public static MemorySize ofMegabytes(long megabytes) {
    return ofBytes(Math.multiplyExact(megabytes, 1024L * 1024));
  }

  /**
   * Parses {@code text} for the setting named {@code setting}.
   *
   * @throws InvalidPolicyException naming the setting and the expected syntax
   */
  public static MemorySize parse(String setting, String text) {
    Matcher matcher = SYNTAX.matcher(text == null ? "" : text.trim());
    if (!matcher.matches()) {
      throw new InvalidPolicyException(
          setting + " = '" + text + "' is not a size: write a number with k, m or g, e.g. 128m or 1g");
    }
    long unit = switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
      case "k" -> 1024L;
      case "m" -> 1024L * 1024;
      case "g" -> 1024L * 1024 * 1024;
      case "t" -> 1024L * 1024 * 1024 * 1024;
      default -> 1L;
    };
    try {
      long value = Long.parseLong(matcher.group(1));
      if (value == 0) {
        throw new InvalidPolicyException(setting + " = '" + text + "' must be more than zero");
      }
      return new MemorySize(Math.multiplyExact(value, unit));
    } catch (NumberFormatException | ArithmeticException tooLarge) {
      throw new InvalidPolicyException(setting + " = '" + text + "' is too large");
    }
  }

  public long bytes() {
    return bytes;
  }

  /** The shortest exact spelling, e.g. {@code 64m}; used in tmpfs options and reports. */
  @Override
  public String toString() {
    String[] units = {"t", "g", "m", "k"};
    long[] sizes = {1L << 40, 1L << 30, 1L << 20, 1L << 10};
    for (int i = 0; i < units.length; i++) {
      if (bytes % sizes[i] == 0) {
        return bytes / sizes[i] + units[i];
      }
    }
    return Long.toString(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MemorySize && ((MemorySize) other).bytes == bytes;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(bytes);
  }
}
