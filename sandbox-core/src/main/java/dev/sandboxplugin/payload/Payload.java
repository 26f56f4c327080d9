package dev.sandboxplugin.payload;

import java.util.List;
import java.util.Optional;

/** What runs in the sandbox: the files it needs in the image and the command line that starts it. */
public interface Payload {

  /** What kind of payload it is, for reports. */
  PayloadKind kind();

  /** One line naming what runs, for the console and the report. */
  String description();

  /**
   * Where the payload comes from, the same across edits of its content (a source file's path, a main class and its
   * classpath folders): a newer image for the same origin replaces the older one in the engine.
   */
  String origin();

  /** Layers on top of the base image, least often changed first. */
  List<PayloadLayer> layers();

  /** The command inside the container, starting with the executable found on the image's PATH. */
  List<String> command();

  /**
   * True when the command is a JVM: its out-of-memory and thread errors are then recognised, and the image gets
   * the preflight launcher ({@code dev.sandboxplugin.preflight.Preflight}) at {@code /app/launcher}, which the
   * command starts first.
   */
  boolean runsOnJvm();

  /**
   * A folder inside the container whose files the payload leaves for the host (test reports). It is a small
   * tmpfs of its own, and the payload says on stdout when its files are ready to be copied out; empty for none.
   */
  default Optional<String> reportsPath() {
    return Optional.empty();
  }

  /**
   * True when the command is an interpreter (sh, python3, node): the offline default base is then the polyglot
   * base instead of the Java runtime.
   */
  default boolean needsScriptInterpreters() {
    return false;
  }
}
