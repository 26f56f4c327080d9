package dev.sandboxplugin.payload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A shell, Python or JavaScript file run by its interpreter inside the sandbox, with the same hardening, verdicts
 * and report as a Java payload. The script lands read-only at {@code /app/script/<name>}; the command is
 * {@code [interpreter, options..., /app/script/<name>, args...]}, so the file needs no exec bit.
 */
public final class ScriptPayload implements Payload {

  static final String SCRIPT_DIR = "/app/script/";

  private final Path script;
  private final ScriptInterpreter interpreter;
  private final List<String> args;

  /**
   * @param interpreterOverride {@code sandbox.interpreter}, or null to choose by shebang and extension
   * @throws IllegalArgumentException when the file is missing or no interpreter can be chosen
   */
  public ScriptPayload(Path script, String interpreterOverride, List<String> args) {
    // Never through a link: a committed scripts/x.sh -> /etc/shadow would have the host's file run and quoted.
    if (Files.isSymbolicLink(script)) {
      throw new LinkedFileException("script = '" + script + "' is a link; a script runs as the file it is, never"
          + " through a link");
    }
    if (!Files.isRegularFile(script)) {
      throw new IllegalArgumentException("script = '" + script + "' does not exist; give the path of a .sh, .py or"
          + " .js file");
    }
    this.script = script;
    this.interpreter = ScriptInterpreter.choose(script, interpreterOverride);
    this.args = List.copyOf(args);
  }

  /** The interpreter chosen for the script. */
  public ScriptInterpreter interpreter() {
    return interpreter;
  }

  @Override
  public PayloadKind kind() {
    return PayloadKind.SCRIPT;
  }

  @Override
  public String description() {
    return interpreter.executable() + " script " + script.getFileName();
  }

  @Override
  public String origin() {
    return "script " + script.toAbsolutePath().normalize();
  }

  @Override
  public List<PayloadLayer> layers() {
    return List.of(new PayloadLayer("script", List.of(new PayloadFile(script, containerPath()))));
  }

  @Override
  public List<String> command() {
    List<String> command = new ArrayList<>();
    // The shell preflight first: it checks the hardening from /proc, then execs the interpreter.
    command.add("/bin/sh");
    command.add(dev.sandboxplugin.preflight.Preflight.SHELL_FORM);
    command.add(interpreter.executable());
    command.addAll(interpreter.options());
    command.add(containerPath());
    command.addAll(args);
    return command;
  }

  @Override
  public boolean runsOnJvm() {
    return false;
  }

  @Override
  public boolean needsScriptInterpreters() {
    return true;
  }

  private String containerPath() {
    return SCRIPT_DIR + script.getFileName();
  }
}
