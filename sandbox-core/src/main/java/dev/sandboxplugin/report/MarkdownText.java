package dev.sandboxplugin.report;

/**
 * Makes text the payload controls (violation details, output, reasons) inert in Markdown: it shows as the same
 * characters and can neither add table cells, links, images, mentions or HTML nor break out of the line. Used by
 * every Markdown file we write (run summary, scan summary).
 */
public final class MarkdownText {

  /** Longest text put in one table cell or line; the rest is cut with an ellipsis. */
  public static final int MAX_LENGTH = 300;

  // ASCII punctuation that Markdown (CommonMark and GitHub's extensions) gives a meaning to.
  private static final String ESCAPED = "\\`*_{}[]()#+-.!|~^:";

  private MarkdownText() {}

  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    String cut = text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH) : text;
    StringBuilder out = new StringBuilder(cut.length() + 16);
    for (int i = 0; i < cut.length(); i++) {
      char c = cut.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '@' -> out.append("&#64;"); // no mention, no notification
        case '\r' -> {
          if (i + 1 >= cut.length() || cut.charAt(i + 1) != '\n') {
            out.append(" \u21b5 ");
          }
        }
        case '\n' -> out.append(" \u21b5 "); // one line per cell: a newline would end the table
        default -> {
          if (ESCAPED.indexOf(c) >= 0) {
            out.append('\\').append(c);
          } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029'
              || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')) {
            // Control, line separator and bidi override characters are shown, not obeyed.
            out.append("\\\\x").append(String.format("%02x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    if (cut.length() < text.length()) {
      out.append(" \u2026 (").append(text.length() - MAX_LENGTH).append(" more characters in the JSON report)");
    }
    return out.toString();
  }
}
