package dev.sandboxplugin.payload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A class of a project, run on the project's runtime classpath (like {@code exec:java}, but sandboxed). */
public final class MainClassPayload implements Payload {

  private static final Pattern CLASS_NAME =
      Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");

  private final String mainClass;
  private final List<Path> classpath;
  private final List<String> args;

  /**
   * @param mainClass fully qualified name of the class with {@code main}
   * @param classpath directories and jars, in classpath order
   * @param args arguments handed to {@code main}
   * @throws IllegalArgumentException when the class name is not a Java class name
   */
  public MainClassPayload(String mainClass, List<Path> classpath, List<String> args) {
    if (mainClass == null || !CLASS_NAME.matcher(mainClass).matches()) {
      throw new IllegalArgumentException("mainClass = '" + mainClass + "' is not a Java class name, e.g. com.example.App");
    }
    this.mainClass = mainClass;
    this.classpath = List.copyOf(classpath);
    this.args = List.copyOf(args);
  }

  /** True when some classpath entry holds {@code mainClass}; lets callers fail before building an image. */
  public boolean classIsOnClasspath() {
    String entryName = mainClass.replace('.', '/') + ".class";
    for (Path entry : classpath) {
      if (Files.isDirectory(entry) && Files.isRegularFile(entry.resolve(entryName))) {
        return true;
      }
      if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
        try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(entry.toFile())) {
          if (jar.getEntry(entryName) != null) {
            return true;
          }
        } catch (IOException unreadable) {
          // An unreadable jar cannot hold the class for our purposes.
        }
      }
    }
    return false;
  }

  @Override
  public PayloadKind kind() {
    return PayloadKind.MAIN;
  }

  @Override
  public String description() {
    return "main class " + mainClass;
  }

  @Override
  public String origin() {
    // The class and the project's own folders; jar versions may change without making it another payload.
    return "main " + mainClass + " " + classpath.stream().filter(Files::isDirectory)
        .map(path -> path.toAbsolutePath().normalize().toString()).collect(Collectors.joining(":"));
  }

  @Override
  public List<PayloadLayer> layers() {
    return new ClasspathLayout(classpath).layers();
  }

  @Override
  public List<String> command() {
    List<String> command = new ArrayList<>();
    command.add("java");
    command.addAll(JvmOptions.sandboxed());
    command.add("-cp");
    // The launcher first, so that nothing on the payload's classpath can stand in for the preflight check.
    command.add(JvmOptions.LAUNCHER_CLASSPATH + new ClasspathLayout(classpath).joinedWithLeadingColons());
    command.add(JvmOptions.LAUNCHER_CLASS);
    command.add("main");
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  @Override
  public boolean runsOnJvm() {
    return true;
  }
}
