package dev.sandboxplugin.mojo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.payload.Payload;
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
    assertTrue(neither.getMessage().startsWith("Neither of <mainClass> (-Dsandbox.mainClass) and <source>"),
        neither.getMessage());
    MojoExecutionException both = assertThrows(MojoExecutionException.class,
        () -> PayloadFromParameters.payload("a.B", "B.java", List.of(), baseDir, List::of));
    assertTrue(both.getMessage().startsWith("Both <mainClass>"), both.getMessage());
  }

  @Test
  void aSourceFileIsResolvedAgainstTheBaseDirectory() throws Exception {
    Files.writeString(baseDir.resolve("Try.java"), "class Try { public static void main(String[] a) {} }");

    Payload payload = PayloadFromParameters.payload(null, "Try.java", List.of("x"), baseDir,
        () -> { throw new AssertionError("no classpath needed for a source file"); });

    assertEquals("source", payload.kind());
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
    assertEquals("main", found.kind());

    MojoExecutionException missing = assertThrows(MojoExecutionException.class,
        () -> PayloadFromParameters.payload("com.example.Other", null, List.of(), baseDir,
            () -> List.of(baseDir.resolve("classes"))));
    assertEquals("mainClass com.example.Other is not on the runtime classpath; did you run `mvn compile`?",
        missing.getMessage());

    MojoExecutionException notAName = assertThrows(MojoExecutionException.class,
        () -> PayloadFromParameters.payload("1com", null, List.of(), baseDir, List::of));
    assertTrue(notAName.getMessage().startsWith("sandbox.mainClass = '1com'"), notAName.getMessage());
  }
}
