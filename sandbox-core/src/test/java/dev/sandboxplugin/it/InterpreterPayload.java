package dev.sandboxplugin.it;

import dev.sandboxplugin.payload.Payload;
import dev.sandboxplugin.payload.PayloadFile;
import dev.sandboxplugin.payload.PayloadKind;
import dev.sandboxplugin.payload.PayloadLayer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A script run by an interpreter of the base image (python3, node, sh): how the tests reach non-JVM runtimes. */
final class InterpreterPayload implements Payload {

  private final String interpreter;
  private final Path script;

  InterpreterPayload(String interpreter, Path script) {
    this.interpreter = interpreter;
    this.script = script;
  }

  @Override
  public PayloadKind kind() {
    return PayloadKind.SCRIPT;
  }

  @Override
  public String description() {
    return interpreter + " " + script.getFileName();
  }

  @Override
  public String origin() {
    return "script " + script.toAbsolutePath();
  }

  @Override
  public List<PayloadLayer> layers() {
    return List.of(new PayloadLayer("payload", List.of(new PayloadFile(script, "/app/" + script.getFileName()))));
  }

  @Override
  public List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(interpreter);
    command.add("/app/" + script.getFileName());
    return command;
  }

  @Override
  public boolean runsOnJvm() {
    return false;
  }
}
