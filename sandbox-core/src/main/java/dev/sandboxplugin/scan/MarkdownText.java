package dev.sandboxplugin.scan;

import dev.sandboxplugin.run.SafeText;

/**
 * Untrusted text (authors, subjects, violation details: all the AI's or the payload's to choose) made inert for a
 * Markdown table cell: no HTML, no links or images, no table breaks, one line, bounded.
 */
final class MarkdownText {

  private static final int MAX = 300;

  private MarkdownText() {}

  static String cell(String text) {
    if (text == null) {
      return "";
    }
    String line = SafeText.escapeControls(text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' '));
    if (line.length() > MAX) {
      line = line.substring(0, MAX) + "...";
    }
    StringBuilder out = new StringBuilder();
    for (char c : line.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '|' -> out.append("&#124;");
        case '\\', '`', '*', '_', '[', ']', '(', ')', '!', '#', '~', '@', ':' -> out.append('\\').append(c);
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
