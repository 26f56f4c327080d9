package dev.sandboxplugin.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.image.BaseImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptPayloadUnitTest {

  @TempDir Path dir;

  @Test
  void theCommandIsThePreflightThenTheInterpreterItsOptionsTheReadOnlyScriptAndTheArguments() throws Exception {
    Path script = dir.resolve("build.sh");
    Files.writeString(script, "#!/bin/sh -e\necho hi\n");
    ScriptPayload payload = new ScriptPayload(script, null, List.of("one", "two words"));

    assertEquals(List.of("/bin/sh", "/app/launcher/preflight.sh", "sh", "-e", "/app/script/build.sh", "one",
        "two words"), payload.command());
    assertEquals(PayloadKind.SCRIPT, payload.kind());
    assertEquals("sh script build.sh", payload.description());
    assertFalse(payload.runsOnJvm());
    assertTrue(payload.needsScriptInterpreters());
    PayloadFile file = payload.layers().get(0).files().get(0);
    assertEquals("/app/script/build.sh", file.containerPath());
    assertFalse(file.executable(), "the interpreter reads the script; it needs no exec bit");
  }

  @Test
  void theOfflineDefaultBecomesThePolyglotBaseForScriptsOnly() throws Exception {
    Path script = dir.resolve("a.py");
    Files.writeString(script, "print(1)\n");
    ScriptPayload payload = new ScriptPayload(script, null, List.of());

    assertEquals("offline-polyglot", BaseImage.offlineJava().fitting(payload).describe());
    assertEquals("docker://python:3.11", BaseImage.parse("docker://python:3.11", dir).fitting(payload).describe());
    Path source = dir.resolve("Hello.java");
    Files.writeString(source, "class Hello {}");
    assertEquals("offline", BaseImage.offlineJava().fitting(new SourceFilePayload(source, List.of())).describe());
  }

  @Test
  void aMissingScriptNamesTheSetting() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> new ScriptPayload(dir.resolve("nope.py"), null, List.of()));

    assertTrue(error.getMessage().startsWith("script = '"), error.getMessage());
  }
}
