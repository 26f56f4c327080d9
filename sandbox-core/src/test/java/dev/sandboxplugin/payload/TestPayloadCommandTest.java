package dev.sandboxplugin.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.image.BaseImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPayloadCommandTest {

  private static final String ALLOW = "-Djava.security.manager=allow";

  @TempDir
  Path dir;

  @Test
  void theSecurityManagerIsAllowedOnlyWhereTheRuntimeStillHasOne() throws Exception {
    Path testClasses = Files.createDirectory(dir.resolve("test-classes"));
    TestPayload payload = new TestPayload(testClasses, List.of(testClasses), null,
        Files.writeString(dir.resolve("runner.jar"), "jar"));

    // JDK 18 to 23 install it only when allowed; JDK 24+ refuse to start when asked to (JEP 486).
    assertTrue(payload.command(OptionalInt.of(17)).contains(ALLOW));
    assertTrue(payload.command(OptionalInt.of(23)).contains(ALLOW));
    assertFalse(payload.command(OptionalInt.of(24)).contains(ALLOW));
    assertFalse(payload.command(OptionalInt.of(25)).contains(ALLOW));
    // A user's image of unknown Java: the tests must run; attribution may then be unavailable, and says so.
    assertFalse(payload.command(OptionalInt.empty()).contains(ALLOW));
    assertEquals(payload.command(OptionalInt.empty()), payload.command());
  }

  @Test
  void onlyTheOfflineBaseKnowsItsJavaVersion() {
    assertEquals(OptionalInt.of(Runtime.version().feature()), BaseImage.offlineJava().javaFeatureVersion());
    assertEquals(OptionalInt.empty(), BaseImage.parse("eclipse-temurin:25-jre", dir).javaFeatureVersion());
    assertEquals(OptionalInt.empty(), BaseImage.parse("docker://my-java:21", dir).javaFeatureVersion());
  }
}
