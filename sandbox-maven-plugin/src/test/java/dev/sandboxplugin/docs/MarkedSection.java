package dev.sandboxplugin.docs;

/**
 * The generated part of a hand-written document: the lines between {@code <!-- name:start -->} and
 * {@code <!-- name:end -->}, each marker once.
 */
record MarkedSection(String name) {

  String start() {
    return "<!-- " + name + ":start -->";
  }

  String end() {
    return "<!-- " + name + ":end -->";
  }

  /** What is between the markers, without the line ends next to them. */
  String content(String document) {
    int[] bounds = bounds(document);
    return document.substring(bounds[0], bounds[1]).strip();
  }

  /** The document with {@code content} between the markers. */
  String replace(String document, String content) {
    int[] bounds = bounds(document);
    return document.substring(0, bounds[0]) + "\n" + content.strip() + "\n" + document.substring(bounds[1]);
  }

  private int[] bounds(String document) {
    int start = document.indexOf(start());
    int end = document.indexOf(end());
    if (start < 0 || end < 0 || document.indexOf(start(), start + 1) >= 0 || document.indexOf(end(), end + 1) >= 0
        || end < start) {
      throw new IllegalArgumentException("the document needs " + start() + " and then " + end() + ", each once");
    }
    return new int[] {start + start().length(), end};
  }
}
