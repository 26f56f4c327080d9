package dev.sandboxplugin.mojo;

import dev.sandboxplugin.payload.MainClassPayload;
import dev.sandboxplugin.payload.Payload;
import dev.sandboxplugin.payload.SourceFilePayload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.maven.plugin.MojoExecutionException;

/** Chooses the payload from the Mojo's parameters: exactly one of a main class or a source file. */
final class PayloadFromParameters {

  private PayloadFromParameters() {}

  /**
   * @param classpath the project's runtime classpath, asked for only when a main class runs
   * @throws MojoExecutionException when neither or both are set, or the value cannot run
   */
  static Payload payload(String mainClass, String source, List<String> args, Path baseDir,
      Supplier<List<Path>> classpath) throws MojoExecutionException {
    boolean hasMainClass = mainClass != null && !mainClass.isBlank();
    boolean hasSource = source != null && !source.isBlank();
    if (hasMainClass == hasSource) {
      String both = "<mainClass> (-D" + PropertyNames.MAIN_CLASS + ") and <source> (-D" + PropertyNames.SOURCE + ")";
      throw new MojoExecutionException((hasMainClass ? "Both " + both + " are set" : "Neither of " + both + " is set")
          + "; set exactly one: a class on the project's runtime classpath, or a single .java file to run");
    }
    try {
      if (hasSource) {
        return new SourceFilePayload(baseDir.resolve(source.trim()).normalize(), args);
      }
      MainClassPayload payload = new MainClassPayload(mainClass.trim(), classpath.get(), args);
      if (!payload.classIsOnClasspath()) {
        throw new MojoExecutionException("mainClass " + mainClass.trim()
            + " is not on the runtime classpath; did you run `mvn compile`?");
      }
      return payload;
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException(
          SettingMessages.naming(hasSource ? PropertyNames.SOURCE : PropertyNames.MAIN_CLASS, e.getMessage()));
    }
  }

  /** The {@code <arguments>} list, then the words of {@code sandbox.args} (split on whitespace). */
  static List<String> arguments(List<String> arguments, String args) {
    List<String> all = new ArrayList<>();
    if (arguments != null) {
      arguments.stream().filter(argument -> argument != null).forEach(all::add);
    }
    if (args != null && !args.isBlank()) {
      all.addAll(List.of(args.trim().split("\\s+")));
    }
    return all;
  }
}
