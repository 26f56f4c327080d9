package dev.sandboxplugin.run;

import dev.sandboxplugin.verdict.Violation;
import java.util.List;
import java.util.Map;

/**
 * What was copied out of the container's reports folder: the files that passed the checks, by name, and a
 * {@code REPORT} violation for each entry that did not (path escape, link, device, size).
 *
 * @param handedOver whether the payload said its reports were ready and the copy was made
 */
public record CollectedFiles(boolean handedOver, Map<String, byte[]> files, List<Violation> rejected) {

  public CollectedFiles {
    files = Map.copyOf(files);
    rejected = List.copyOf(rejected);
  }

  public static CollectedFiles none() {
    return new CollectedFiles(false, Map.of(), List.of());
  }
}
