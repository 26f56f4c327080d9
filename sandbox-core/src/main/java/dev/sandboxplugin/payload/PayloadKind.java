package dev.sandboxplugin.payload;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What ran, as {@code report.json}'s {@code payload.kind} says it: {@code main}, {@code source}, {@code script},
 * {@code tests}, {@code build}; and, for a goal refused before anything ran, {@code exec} or {@code scan}. The
 * words are part of the report format: other tools read them.
 */
public enum PayloadKind {

  /** A main class on a classpath ({@code sandbox:exec}). */
  MAIN,
  /** A single Java source file, run by the launcher ({@code sandbox:exec}). */
  SOURCE,
  /** A shell, Python or Node script ({@code sandbox:exec}, a script of {@code sandbox:scan}). */
  SCRIPT,
  /** The project's tests on our JUnit Platform runner ({@code sandbox:test}). */
  TESTS,
  /** A project's Maven build ({@code sandbox:build}, and the build of {@code sandbox:scan}). */
  BUILD,
  /** What {@code sandbox:exec} would have run (a main class, a source file or a script), refused before it ran. */
  EXEC,
  /** {@code sandbox:scan}, refused before anything ran. */
  SCAN;

  /** As reports write it: {@code main}, {@code tests}. */
  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind a report names; a word that is none of them is refused. */
  @JsonCreator
  public static PayloadKind ofLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
