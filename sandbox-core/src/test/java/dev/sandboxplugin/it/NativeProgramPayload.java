package dev.sandboxplugin.it;

import dev.sandboxplugin.payload.Payload;
import dev.sandboxplugin.payload.PayloadFile;
import dev.sandboxplugin.payload.PayloadKind;
import dev.sandboxplugin.payload.PayloadLayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A static native program as the payload: how the tests bring system calls no JVM would make. */
final class NativeProgramPayload implements Payload {

  private final Path binary;
  private final List<String> args;

  NativeProgramPayload(Path binary, List<String> args) {
    this.binary = binary;
    this.args = List.copyOf(args);
  }

  /** Compiles {@code resource} (a C file under src/test/resources) into a static binary in {@code dir}. */
  static Path compile(String resource, Path dir) throws IOException, InterruptedException {
    Path source = dir.resolve(Path.of(resource).getFileName());
    try (var in = NativeProgramPayload.class.getResourceAsStream("/" + resource)) {
      Files.copy(in, source);
    }
    return compileFile(source, dir);
  }

  /** Compiles the C file {@code source} into a static binary {@code probe} in {@code dir}. */
  static Path compileFile(Path source, Path dir) throws IOException, InterruptedException {
    Path binary = dir.resolve("probe");
    Process gcc = new ProcessBuilder("gcc", "-static", "-O2", "-o", binary.toString(), source.toString())
        .redirectErrorStream(true).start();
    String log = new String(gcc.getInputStream().readAllBytes());
    if (!gcc.waitFor(120, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
      throw new IllegalStateException("gcc failed on " + source + ": " + log);
    }
    return binary;
  }

  @Override
  public PayloadKind kind() {
    return PayloadKind.MAIN; // a program started at its entry point; no test reads the report's word for it
  }

  @Override
  public String description() {
    return "native program " + binary.getFileName();
  }

  @Override
  public String origin() {
    return "native " + binary.toAbsolutePath();
  }

  @Override
  public List<PayloadLayer> layers() {
    return List.of(new PayloadLayer("payload", List.of(new PayloadFile(binary, "/app/probe", true))));
  }

  @Override
  public List<String> command() {
    List<String> command = new ArrayList<>();
    command.add("/app/probe");
    command.addAll(args);
    return command;
  }

  @Override
  public boolean runsOnJvm() {
    return false;
  }
}
