package dev.sandboxplugin.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScriptInterpreterTest {

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"run.sh, sh", "run.bash, bash", "tool.py, python3", "app.js, node", "app.mjs, node",
      "app.cjs, node", "UPPER.PY, python3"})
  void theExtensionChoosesWhenThereIsNoShebang(String name, String executable) throws Exception {
    assertEquals(new ScriptInterpreter(executable, List.of()), ScriptInterpreter.choose(write(name, "x = 1\n"), null));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "#!/bin/sh | sh", "#!/bin/bash | bash", "#!/usr/bin/dash | sh", "#!/usr/bin/python3 | python3",
      "#!/usr/bin/python3.11 | python3", "#!/usr/bin/env python3 | python3", "#!/usr/bin/env python | python3",
      "#!/usr/bin/env node | node", "#! /usr/bin/env nodejs | node"})
  void theShebangChoosesOverTheExtension(String shebang, String executable) throws Exception {
    Path script = write("script.txt", shebang + "\nbody\n");

    assertEquals(new ScriptInterpreter(executable, List.of()), ScriptInterpreter.choose(script, null));
  }

  @Test
  void aShebangOnAnotherExtensionWins() throws Exception {
    assertEquals("bash", ScriptInterpreter.choose(write("run.sh", "#!/bin/bash\necho hi\n"), null).executable());
  }

  @Test
  void shebangOptionsAreKeptAsTheKernelWould() throws Exception {
    assertEquals(new ScriptInterpreter("sh", List.of("-eu")),
        ScriptInterpreter.choose(write("a.sh", "#!/bin/sh -eu\n"), null));
    assertEquals(new ScriptInterpreter("node", List.of("--no-warnings", "--stack-size=100")),
        ScriptInterpreter.choose(write("a", "#!/usr/bin/env -S node --no-warnings --stack-size=100\n"), null));
  }

  @Test
  void aByteOrderMarkAndWindowsLineEndsAreIgnored() throws Exception {
    assertEquals(new ScriptInterpreter("python3", List.of()),
        ScriptInterpreter.choose(write("win", "\uFEFF#!/usr/bin/env python3\r\nprint(1)\r\n"), null));
  }

  @ParameterizedTest
  @CsvSource({"python, python3", "python3, python3", "node, node", "nodejs, node", "sh, sh", "bash, bash",
      "/usr/local/bin/ruby, /usr/local/bin/ruby"})
  void theOverrideWinsOverShebangAndExtension(String override, String executable) throws Exception {
    Path script = write("x.py", "#!/usr/bin/env python3\n");

    assertEquals(new ScriptInterpreter(executable, List.of()), ScriptInterpreter.choose(script, " " + override + " "));
  }

  @Test
  void anUnknownExtensionWithoutShebangNamesTheSetting() throws Exception {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> ScriptInterpreter.choose(write("data.rb", "puts 1\n"), null));

    assertTrue(error.getMessage().startsWith("script = '"), error.getMessage());
    assertTrue(error.getMessage().contains("set sandbox.interpreter"), error.getMessage());
  }

  @Test
  void anUnknownShebangInterpreterIsRefusedWithWhatToDo() throws Exception {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> ScriptInterpreter.choose(write("x.sh", "#!/usr/bin/perl\n"), null));

    assertTrue(error.getMessage().contains("#!/usr/bin/perl"), error.getMessage());
    assertTrue(error.getMessage().contains("sandbox.baseImage"), error.getMessage());
  }

  @Test
  void anUnknownOverrideIsRefused() throws Exception {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> ScriptInterpreter.choose(write("x.py", ""), "ruby"));

    assertEquals("interpreter = 'ruby' is not one the sandbox knows; write sh, bash, python3 or node, or an absolute"
        + " path to an interpreter inside a sandbox.baseImage of your own", error.getMessage());
  }

  @Test
  void anEmptyShebangIsRefused() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> ScriptInterpreter.choose(write("x.py", "#!\n"), null));
  }

  private Path write(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }
}
