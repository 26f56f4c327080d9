package dev.sandboxplugin.scan;

import dev.sandboxplugin.payload.Payload;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Makes the payload that runs a changed script (sh, Python, Node) in the sandbox, as {@code sandbox:exec} would.
 * {@link #NONE} until a script payload exists: changed scripts are then listed as not run.
 */
@FunctionalInterface
public interface ScriptPayloads {

  /** Runs no script. */
  ScriptPayloads NONE = script -> Optional.empty();

  /** The payload for {@code script}, or empty when this kind of script cannot run. */
  Optional<Payload> forScript(Path script);
}
