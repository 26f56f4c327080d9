package dev.sandboxplugin.mojo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.payload.Payload;
import dev.sandboxplugin.payload.PayloadKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayloadFromParametersTest {

  @TempDir
  Path baseDir;

  @Test
  void argumentsListComesFirstThenTheWordsOfArgs() {
    assertEquals(List.of("one two", "a", "b"), PayloadFromParameters.arguments(List.of("one two"), "  a \t b "));
    assertEquals(List.of(), PayloadFromParameters.arguments(null, " "));
  }

  @Test
  void neitherNorBothIsAClearError() {
    MojoExecutionException neither = assertThrows(MojoExecutionException.class,
        () -> PayloadFromParameters.payload(null, " ", List.of(), baseDir, List::of));
    assertTrue(neither.getMessage().startsWith("None of <mainClass> (-Dsandbox.mainClass), <source>"),
        neither.getMessage());
    MojoExecutionException both = assertThrows(MojoExecutionException.class,
        () -> PayloadFromParameters.payload("a.B", "B.java", List.of(), baseDir, List::of));
    assertTrue(both.getMessage().startsWith("More than one of <mainClass>"), both.getMessage());
  }

  @Test
  void aSourceFileIsResolvedAgainstTheBaseDirectory() throws Exception {
    Files.writeString(baseDir.resolve("Try.java"), "class Try { public static void main(String[] a) {} }");

    Payload payload = PayloadFromParameters.payload(null, "Try.java", List.of("x"), baseDir,
        () -> { throw new AssertionError("no classpath needed for a source file"); });

    assertEquals(PayloadKind.SOURCE, payload.kind());
    assertEquals("x", payload.command().get(payload.command().size() - 1));
  }

  @Test
  void aMissingSourceFileNamesTheProperty() {
    MojoExecutionException e = assertThrows(MojoExecutionException.class,
        () -> PayloadFromParameters.payload(null, "Missing.java", List.of(), baseDir, List::of));
    assertTrue(e.getMessage().startsWith("sandbox.source = '"), e.getMessage());
  }

  @Test
  void aMainClassMustBeOnTheClasspath() throws Exception {
    Path classes = Files.createDirectories(baseDir.resolve("classes/com/example"));
    Files.write(classes.resolve("App.class"), new byte[] {(byte) 0xCA, (byte) 0xFE});

    Payload found = PayloadFromParameters.payload("com.example.App", null, List.of(), baseDir,
        () -> List.of(baseDir.resolve("classes")));
    assertEquals(PayloadKind.MAIN, found.kind());

    MojoExecutionException missing = assertThrows(MojoExecutionException.class,
        () -> PayloadFromParameters.payload("com.example.Other", null, List.of(), baseDir,
            () -> List.of(baseDir.resolve("classes"))));
    assertEquals("mainClass com.example.Other is not on the runtime classpath; did you run `mvn compile`?",
        missing.getMessage());

    MojoExecutionException notAName = assertThrows(MojoExecutionException.class,
        () -> PayloadFromParameters.payload("1com", null, List.of(), baseDir, List::of));
    assertTrue(notAName.getMessage().startsWith("sandbox.mainClass = '1com'"), notAName.getMessage());
  }

  @Test
  void aScriptIsResolvedAgainstTheBaseDirectoryWithItsInterpreter() throws Exception {
    Files.writeString(baseDir.resolve("check.py"), "print('hi')\n");

    Payload payload = PayloadFromParameters.payload(null, null, "check.py", null, List.of("x"), baseDir,
        () -> { throw new AssertionError("no classpath needed for a script"); });

    assertEquals(PayloadKind.SCRIPT, payload.kind());
    // The shell preflight first, then the interpreter.
    assertEquals(List.of("/bin/sh", "/app/launcher/preflight.sh", "python3", "/app/script/check.py", "x"),
        payload.command());
    assertEquals(List.of("/bin/sh", "/app/launcher/preflight.sh", "node", "/app/script/check.py", "x"),
        PayloadFromParameters.payload(null, null, "check.py", "node", List.of("x"), baseDir, List::of).command());
  }

  @Test
  void aScriptAndAMainClassTogetherAreRefused() {
    MojoExecutionException e = assertThrows(MojoExecutionException.class,
        () -> PayloadFromParameters.payload("a.B", null, "x.sh", null, List.of(), baseDir, List::of));
    assertTrue(e.getMessage().contains("<script> (-Dsandbox.script)"), e.getMessage());
  }

  @Test
  void scriptErrorsNameTheirProperty() throws Exception {
    MojoExecutionException missing = assertThrows(MojoExecutionException.class,
        () -> PayloadFromParameters.payload(null, null, "gone.sh", null, List.of(), baseDir, List::of));
    assertTrue(missing.getMessage().startsWith("sandbox.script = '"), missing.getMessage());
    Files.writeString(baseDir.resolve("x.sh"), "echo\n");
    MojoExecutionException badInterpreter = assertThrows(MojoExecutionException.class,
        () -> PayloadFromParameters.payload(null, null, "x.sh", "ruby", List.of(), baseDir, List::of));
    assertTrue(badInterpreter.getMessage().startsWith("sandbox.interpreter = 'ruby' is not one the sandbox knows"),
        badInterpreter.getMessage());
  }
}
