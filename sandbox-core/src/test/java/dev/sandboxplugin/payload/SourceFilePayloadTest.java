package dev.sandboxplugin.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFilePayloadTest {

  @TempDir
  Path dir;

  @Test
  void missingFileIsRejected() {
    Path missing = dir.resolve("Nope.java");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SourceFilePayload(missing, List.of()));
    assertEquals("source = '" + missing + "' does not exist; give the path of a .java file", e.getMessage());
  }

  @Test
  void directoryIsRejectedAsMissing() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("Folder.java"));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SourceFilePayload(folder, List.of()));
    assertEquals("source = '" + folder + "' does not exist; give the path of a .java file", e.getMessage());
  }

  @Test
  void fileThatIsNotJavaSourceIsRejected() throws IOException {
    Path text = Files.writeString(dir.resolve("Hello.txt"), "class Hello {}");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SourceFilePayload(text, List.of()));
    assertEquals("source = '" + text + "' is not a .java file; the source launcher needs one", e.getMessage());
  }

  @Test
  void commandEndsWithTheSourceInTheImageAndTheArguments() throws IOException {
    Path source = Files.writeString(dir.resolve("Hello.java"), "class Hello {}");
    List<String> args = new ArrayList<>(List.of("a", "b c"));
    SourceFilePayload payload = new SourceFilePayload(source, args);
    args.add("added later");

    List<String> expected = new ArrayList<>();
    expected.add("java");
    expected.addAll(JvmOptions.sandboxed());
    expected.addAll(List.of("--add-exports=jdk.compiler/com.sun.tools.javac.launcher=ALL-UNNAMED",
        "-cp", "/app/launcher", "dev.sandboxplugin.preflight.Preflight", "source", "/app/src/Hello.java", "a", "b c"));
    assertEquals(expected, payload.command());
  }

  @Test
  void theOnlyLayerHoldsTheSourceFile() throws IOException {
    Path source = Files.writeString(dir.resolve("Hello.java"), "class Hello {}");
    SourceFilePayload payload = new SourceFilePayload(source, List.of());

    assertEquals(List.of(new PayloadLayer("source", List.of(new PayloadFile(source, "/app/src/Hello.java")))),
        payload.layers());
    assertEquals(PayloadKind.SOURCE, payload.kind());
    assertEquals("source file Hello.java", payload.description());
    assertTrue(payload.runsOnJvm());
  }
}
