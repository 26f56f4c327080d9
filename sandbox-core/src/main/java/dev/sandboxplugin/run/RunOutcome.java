package dev.sandboxplugin.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What happened to one container run, as the engine and the output tell it; the verdict is judged from this.
 *
 * @param exitCode the main process's exit code (128 + signal when a signal ended it)
 * @param oomKilled the kernel's OOM killer ended a process of the container
 * @param timedOut the wall-clock deadline passed and the container was killed
 * @param duration from start until the container had exited
 * @param shownLines output lines within the output limit, control characters escaped
 * @param tailLines the last lines of output (also those past the limit)
 * @param droppedBytes output past the limit, counted but not kept
 * @param hardening the engine's own account of the container's settings
 * @param collected the reports the payload handed over, when it writes any
 */
public record RunOutcome(
    String containerId,
    long exitCode,
    boolean oomKilled,
    boolean timedOut,
    Duration duration,
    List<String> shownLines,
    List<String> tailLines,
    long droppedBytes,
    long droppedLines,
    Hardening hardening,
    CollectedFiles collected) {

  public RunOutcome {
    collected = collected == null ? CollectedFiles.none() : collected;
  }

  /** An outcome of a payload that hands over no reports. */
  public RunOutcome(String containerId, long exitCode, boolean oomKilled, boolean timedOut, Duration duration,
      List<String> shownLines, List<String> tailLines, long droppedBytes, long droppedLines, Hardening hardening) {
    this(containerId, exitCode, oomKilled, timedOut, duration, shownLines, tailLines, droppedBytes, droppedLines,
        hardening, CollectedFiles.none());
  }

  /** The lines shown, then the tail kept past the output limit (the two overlap when nothing was dropped). */
  public List<String> allLines() {
    List<String> lines = new ArrayList<>(shownLines);
    lines.addAll(tailLines);
    return lines;
  }
}
