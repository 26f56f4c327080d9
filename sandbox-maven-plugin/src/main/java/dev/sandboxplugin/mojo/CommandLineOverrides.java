package dev.sandboxplugin.mojo;

import java.io.File;
import java.util.Properties;

/**
 * {@code -Dsandbox.*} on the command line wins over the POM's {@code <configuration>} (Maven on its own does the
 * opposite), so a CI job can tighten or retarget a project's sandbox without editing its POM, as with jib.
 */
final class CommandLineOverrides {

  private final Properties userProperties;

  CommandLineOverrides(Properties userProperties) {
    this.userProperties = userProperties;
  }

  String string(String property, String configured) {
    String value = userProperties.getProperty(property);
    return value != null ? value : configured;
  }

  File file(String property, File configured) {
    String value = userProperties.getProperty(property);
    return value != null && !value.isBlank() ? new File(value) : configured;
  }

  /** A bare {@code -Dsandbox.skip} means true, as Maven reads it. */
  boolean flag(String property, boolean configured) {
    String value = userProperties.getProperty(property);
    return value == null ? configured : value.isEmpty() || Boolean.parseBoolean(value);
  }

  /**
   * True when the command line names what to run; then the POM's main class, source or script is set aside altogether, so
   * {@code -Dsandbox.source=Try.java} works in a project whose POM names a main class.
   */
  boolean choosePayload() {
    return userProperties.containsKey(PropertyNames.MAIN_CLASS) || userProperties.containsKey(PropertyNames.SOURCE)
        || userProperties.containsKey(PropertyNames.SCRIPT);
  }
}
