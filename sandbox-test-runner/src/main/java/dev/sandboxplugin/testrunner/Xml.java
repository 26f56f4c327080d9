package dev.sandboxplugin.testrunner;

/** Escaping for the XML reports: test names and messages are the tested code's text, anything at all. */
final class Xml {

  private Xml() {}

  static String attribute(String value) {
    return escape(value, true);
  }

  static String text(String value) {
    return escape(value, false);
  }

  private static String escape(String value, boolean attribute) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append(attribute ? "&quot;" : "\"");
        case '\n' -> out.append(attribute ? "&#10;" : "\n");
        case '\r' -> out.append(attribute ? "&#13;" : "\r");
        case '\t' -> out.append(attribute ? "&#9;" : "\t");
        default -> {
          boolean surrogatePair = Character.isHighSurrogate(c) && i + 1 < value.length()
              && Character.isLowSurrogate(value.charAt(i + 1));
          if (surrogatePair) {
            out.append(c).append(value.charAt(++i));
          } else if (c < 0x20 || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
            // Not allowed in XML 1.0 at all, not even escaped: shown as its code instead.
            out.append("&amp;#").append((int) c).append(';');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
