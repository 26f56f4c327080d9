package dev.sandboxplugin.payload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The interpreter that runs a script, and the options its shebang line gives it. Chosen by, in this order: the
 * {@code sandbox.interpreter} override, the shebang (the author's own declaration, e.g. {@code #!/bin/bash} on a
 * {@code .sh} file), the file's extension.
 *
 * @param executable the program inside the image: {@code sh}, {@code bash}, {@code python3}, {@code node}, or an
 *     absolute path given as the override (for a base image of one's own)
 * @param options what comes between the interpreter and the script, e.g. {@code -e} from {@code #!/bin/sh -e}
 */
public record ScriptInterpreter(String executable, List<String> options) {

  // Interpreter names as written in shebangs and overrides, to the program the polyglot base has.
  private static final Map<String, String> KNOWN = Map.of(
      "sh", "sh", "dash", "sh", "bash", "bash",
      "python", "python3", "python3", "python3",
      "node", "node", "nodejs", "node");
  private static final Map<String, String> EXTENSIONS = Map.of(
      "sh", "sh", "bash", "bash", "py", "python3", "js", "node", "mjs", "node", "cjs", "node");
  // python3.11 and the like name python3 too.
  private static final Pattern VERSIONED_PYTHON = Pattern.compile("python3(\\.\\d+)?");
  private static final Pattern ABSOLUTE_PATH = Pattern.compile("/[A-Za-z0-9._+/-]+");
  private static final String SUPPORTED = "sh, bash, python3 or node";

  public ScriptInterpreter {
    options = List.copyOf(options);
  }

  /**
   * Chooses the interpreter of {@code script}.
   *
   * @param override {@code sandbox.interpreter}: a known name, an absolute path in the image, or null/blank
   * @throws IllegalArgumentException naming the setting and what to write, when none can be chosen
   */
  public static ScriptInterpreter choose(Path script, String override) {
    if (override != null && !override.isBlank()) {
      return fromOverride(override.trim());
    }
    String shebang = shebangOf(script);
    if (shebang != null) {
      return fromShebang(script, shebang);
    }
    String name = script.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String executable = dot < 0 ? null : EXTENSIONS.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    if (executable == null) {
      throw new IllegalArgumentException("script = '" + script + "': no interpreter known for this file (extension"
          + " .sh, .py, .js or .mjs, or a #! line naming " + SUPPORTED + "); set sandbox.interpreter, e.g. python3");
    }
    return new ScriptInterpreter(executable, List.of());
  }

  private static ScriptInterpreter fromOverride(String override) {
    String known = knownName(override);
    if (known != null) {
      return new ScriptInterpreter(known, List.of());
    }
    if (ABSOLUTE_PATH.matcher(override).matches()) {
      return new ScriptInterpreter(override, List.of());
    }
    throw new IllegalArgumentException("interpreter = '" + override + "' is not one the sandbox knows; write "
        + SUPPORTED + ", or an absolute path to an interpreter inside a sandbox.baseImage of your own");
  }

  // "#!/bin/sh -e", "#!/usr/bin/env python3", "#!/usr/bin/env -S node --no-warnings"
  private static ScriptInterpreter fromShebang(Path script, String shebang) {
    String line = shebang.substring(2).trim();
    String[] words = line.isEmpty() ? new String[0] : line.split("\\s+");
    if (words.length == 0) {
      throw new IllegalArgumentException("script = '" + script + "' has an empty #! line; name the interpreter"
          + " (e.g. #!/usr/bin/env python3) or set sandbox.interpreter");
    }
    List<String> options = new ArrayList<>();
    String program = baseName(words[0]);
    int next = 1;
    if (program.equals("env")) {
      if (next < words.length && words[next].equals("-S")) {
        next++;
      }
      program = next < words.length ? baseName(words[next++]) : "";
      for (; next < words.length; next++) {
        options.add(words[next]);
      }
    } else if (words.length > 1) {
      // As the kernel does: everything after the interpreter is one argument.
      options.add(line.substring(line.indexOf(words[0]) + words[0].length()).trim());
    }
    String known = knownName(program);
    if (known == null) {
      throw new IllegalArgumentException("script = '" + script + "' starts with '" + shebang + "', an interpreter"
          + " the polyglot base does not have (it has " + SUPPORTED + "); set sandbox.interpreter and, for another"
          + " language, sandbox.baseImage to an image that has it");
    }
    return new ScriptInterpreter(known, options);
  }

  private static String knownName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (VERSIONED_PYTHON.matcher(lower).matches()) {
      return "python3";
    }
    return KNOWN.get(lower);
  }

  private static String baseName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  // The first line if it is a #! line; a UTF-8 byte order mark and a Windows line end are ignored.
  private static String shebangOf(Path script) {
    byte[] head;
    try (InputStream in = Files.newInputStream(script)) {
      head = in.readNBytes(512);
    } catch (IOException e) {
      throw new IllegalArgumentException("script = '" + script + "' cannot be read: " + e.getMessage(), e);
    }
    String text = new String(head, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (!text.startsWith("#!")) {
      return null;
    }
    int end = text.indexOf('\n');
    return (end < 0 ? text : text.substring(0, end)).replace("\r", "").trim();
  }
}
