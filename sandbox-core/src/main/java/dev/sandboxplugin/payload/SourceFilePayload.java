package dev.sandboxplugin.payload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A single-file Java program run by the JVM's source launcher (JEP 330) inside the sandbox: it is compiled
 * there too, so not even the compiler sees it on the host.
 */
public final class SourceFilePayload implements Payload {

  private final Path sourceFile;
  private final List<String> args;

  /** @throws IllegalArgumentException when the file does not exist or is not a {@code .java} file */
  public SourceFilePayload(Path sourceFile, List<String> args) {
    if (Files.isSymbolicLink(sourceFile)) {
      throw new LinkedFileException("source = '" + sourceFile + "' is a link; a source file runs as the file it is,"
          + " never through a link");
    }
    if (!Files.isRegularFile(sourceFile)) {
      throw new IllegalArgumentException("source = '" + sourceFile + "' does not exist; give the path of a .java file");
    }
    if (!sourceFile.getFileName().toString().endsWith(".java")) {
      throw new IllegalArgumentException("source = '" + sourceFile + "' is not a .java file; the source launcher needs one");
    }
    this.sourceFile = sourceFile;
    this.args = List.copyOf(args);
  }

  /** The {@code .java} file that runs. */
  public Path sourceFile() {
    return sourceFile;
  }

  @Override
  public PayloadKind kind() {
    return PayloadKind.SOURCE;
  }

  @Override
  public String description() {
    return "source file " + sourceFile.getFileName();
  }

  @Override
  public String origin() {
    return "source " + sourceFile.toAbsolutePath().normalize();
  }

  @Override
  public List<PayloadLayer> layers() {
    return List.of(new PayloadLayer("source", List.of(new PayloadFile(sourceFile, containerPath()))));
  }

  @Override
  public List<String> command() {
    List<String> command = new ArrayList<>();
    command.add("java");
    command.addAll(JvmOptions.sandboxed());
    // The preflight hands over to the JDK's own source launcher, which is not exported.
    command.add("--add-exports=jdk.compiler/com.sun.tools.javac.launcher=ALL-UNNAMED");
    command.add("-cp");
    command.add(JvmOptions.LAUNCHER_CLASSPATH);
    command.add(JvmOptions.LAUNCHER_CLASS);
    command.add("source");
    command.add(containerPath());
    command.addAll(args);
    return command;
  }

  @Override
  public boolean runsOnJvm() {
    return true;
  }

  private String containerPath() {
    return "/app/src/" + sourceFile.getFileName();
  }
}
