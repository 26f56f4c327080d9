package dev.sandboxplugin.mojo;

import dev.sandboxplugin.payload.MainClassPayload;
import dev.sandboxplugin.payload.Payload;
import dev.sandboxplugin.payload.ScriptPayload;
import dev.sandboxplugin.payload.SourceFilePayload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.maven.plugin.MojoExecutionException;

/** Chooses the payload from the Mojo's parameters: exactly one of a main class, a source file or a script. */
final class PayloadFromParameters {

  private PayloadFromParameters() {}

  /**
   * @param classpath the project's runtime classpath, asked for only when a main class runs
   * @throws MojoExecutionException when neither or both are set, or the value cannot run
   */
  static Payload payload(String mainClass, String source, List<String> args, Path baseDir,
      Supplier<List<Path>> classpath) throws MojoExecutionException {
    return payload(mainClass, source, null, null, args, baseDir, classpath);
  }

  /**
   * Exactly one of a main class, a Java source file or a script.
   *
   * @param interpreter {@code sandbox.interpreter} for a script; null to choose by shebang and extension
   * @param classpath the project's runtime classpath, asked for only when a main class runs
   * @throws MojoExecutionException when none or several are set, or the value cannot run
   */
  static Payload payload(String mainClass, String source, String script, String interpreter, List<String> args,
      Path baseDir, Supplier<List<Path>> classpath) throws MojoExecutionException {
    boolean hasMainClass = mainClass != null && !mainClass.isBlank();
    boolean hasSource = source != null && !source.isBlank();
    boolean hasScript = script != null && !script.isBlank();
    int set = (hasMainClass ? 1 : 0) + (hasSource ? 1 : 0) + (hasScript ? 1 : 0);
    if (set != 1) {
      String all = "<mainClass> (-D" + PropertyNames.MAIN_CLASS + "), <source> (-D" + PropertyNames.SOURCE
          + ") and <script> (-D" + PropertyNames.SCRIPT + ")";
      throw new MojoExecutionException((set == 0 ? "None of " + all + " is set" : "More than one of " + all + " is set")
          + "; set exactly one: a class on the project's runtime classpath, a single .java file, or a .sh, .py or"
          + " .js script to run");
    }
    if (hasScript) {
      try {
        return new ScriptPayload(baseDir.resolve(script.trim()).normalize(), interpreter, args);
      } catch (IllegalArgumentException e) {
        // The message names sandbox.script or sandbox.interpreter, whichever is wrong.
        String property = e.getMessage().startsWith("interpreter") ? PropertyNames.INTERPRETER : PropertyNames.SCRIPT;
        throw new MojoExecutionException(SettingMessages.naming(property, e.getMessage()));
      }
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
