package dev.sandboxplugin.mojo;

/** Makes a core validation message name the setting the way the user wrote it: {@code sandbox.memory}. */
final class SettingMessages {

  private static final String PREFIX = "sandbox.";

  private SettingMessages() {}

  /**
   * The core says {@code memory = 4k is below ...}; the user typed {@code -Dsandbox.memory} or
   * {@code <memory>}, so the message should lead with the property they can search for.
   */
  static String naming(String property, String message) {
    String shortName = property.startsWith(PREFIX) ? property.substring(PREFIX.length()) : property;
    if (message == null || message.isBlank()) {
      return property + " is not valid";
    }
    if (message.startsWith(property)) {
      return message;
    }
    if (message.startsWith(shortName + " ")) {
      return PREFIX + message;
    }
    return property + ": " + message;
  }
}
