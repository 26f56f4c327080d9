package dev.sandboxplugin.run;

import java.util.Map;
import java.util.Optional;

/**
 * What a run has beside its payload, to talk with the host while the container runs: variables, a folder of its
 * own (a small tmpfs volume, which the engine's archive API reaches while the container runs), and lines of the
 * payload's stdout that speak to it. The report hand-over is one, the artifact channel of {@code sandbox:build}
 * another.
 */
public interface RunAttachment {

  /** Variables the payload gets for it (tokens, folders). */
  Map<String, String> environment();

  /** Its folder in the container, if it has one; none by default. */
  default Optional<TmpfsVolume> volume() {
    return Optional.empty();
  }

  /** Whether it answers the payload on its stdin ({@link ContainerFiles#stdin()}). */
  default boolean needsStdin() {
    return false;
  }

  /**
   * Called with every line of the payload's stdout, on the thread that reads the output: must return at once.
   *
   * @return true when the line was for this attachment; it is then neither shown nor kept
   */
  boolean onStdoutLine(String line, ContainerFiles files);

  /** The container has started: put in what the payload waits for. Runs on the caller's thread. */
  default void started(ContainerFiles files) {}

  /** The run has ended (the container is still there): wait for work still under way. */
  default void runEnded() {}
}
