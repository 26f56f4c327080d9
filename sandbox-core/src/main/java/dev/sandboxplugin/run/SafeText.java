package dev.sandboxplugin.run;

/**
 * Makes payload output safe to print in a terminal or CI log: control characters, ANSI escapes included, are
 * shown as {@code \xNN} instead of being obeyed, and so are the characters that would make a line a CI workflow
 * command.
 */
public final class SafeText {

  private SafeText() {}

  /**
   * Text from the payload or its reports (output, test names, messages, paths) as one line fit for any CI log:
   * control characters escaped (no line breaks, no terminal or GitLab section escapes), and no workflow command.
   */
  public static String forLog(String text) {
    return neutralizeCommands(escapeControls(text));
  }

  /**
   * One line with CI workflow commands made inert: a leading {@code ::} (GitHub Actions), {@code ##[} (older
   * GitHub runners, Azure Pipelines) and {@code ##vso[} (Azure Pipelines, obeyed anywhere in a line) show their
   * second character escaped. Printed text stays readable; no runner parses it.
   */
  public static String neutralizeCommands(String line) {
    String safe = line.replace("##[", "#\\x23[").replace("##vso[", "#\\x23vso[");
    int start = 0;
    while (start < safe.length() && (safe.charAt(start) == ' ' || safe.charAt(start) == '\t')) {
      start++;
    }
    if (safe.startsWith("::", start)) {
      safe = safe.substring(0, start) + "\\x3a" + safe.substring(start + 1);
    }
    return safe;
  }

  public static String escapeControls(String text) {
    StringBuilder safe = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = (c < 0x20 && c != '\t') || c == 0x7f || (c >= 0x80 && c <= 0x9f)
          || c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
      if (control) {
        if (safe == null) {
          safe = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        safe.append(c <= 0xff ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c));
      } else if (safe != null) {
        safe.append(c);
      }
    }
    return safe == null ? text : safe.toString();
  }
}
