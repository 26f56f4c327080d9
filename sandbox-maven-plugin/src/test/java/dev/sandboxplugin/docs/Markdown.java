package dev.sandboxplugin.docs;

import java.util.List;
import java.util.regex.Pattern;

/** Text for a cell of a Markdown table (GitHub's): one line, pipes escaped. */
final class Markdown {

  private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");
  private static final Pattern HTML_TAG = Pattern.compile("<[A-Za-z/!?]");
  // Outside words: `_` between letters is no emphasis, and escaping it there would only clutter the file.
  private static final Pattern SPECIAL = Pattern.compile("[\\\\`*\\[\\]|]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])");

  private Markdown() {}

  /**
   * A cell of text that already is Markdown (a parameter's javadoc).
   *
   * @throws IllegalArgumentException when a {@code <} outside a code span would start an HTML tag, which would not
   *     be shown
   */
  static String cell(String markdown) {
    String line = markdown.strip().replaceAll("\\s+", " ");
    if (HTML_TAG.matcher(CODE_SPAN.matcher(line).replaceAll("")).find()) {
      throw new IllegalArgumentException("a tag outside backticks would be read as HTML and not shown: " + line);
    }
    return line.replace("|", "\\|");
  }

  /** A cell of plain text (a schema's description): what Markdown would read as markup escaped. */
  static String plain(String text) {
    String line = text.strip().replaceAll("\\s+", " ");
    return SPECIAL.matcher(line).replaceAll(special -> "\\\\" + java.util.regex.Matcher.quoteReplacement(
        special.group())).replace("<", "&lt;");
  }

  /** {@code `a`}, {@code `a` or `b`}, {@code `a`, `b` or `c`}. */
  static String alternatives(List<String> values) {
    List<String> quoted = values.stream().map(Markdown::code).toList();
    if (quoted.size() <= 1) {
      return String.join("", quoted);
    }
    return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
  }

  /** A code span; a value with a backtick gets a longer fence, as CommonMark allows. */
  static String code(String value) {
    String fence = value.contains("`") ? "``" : "`";
    String padded = value.contains("`") ? " " + value + " " : value;
    return fence + padded.replace("|", "\\|") + fence;
  }
}
