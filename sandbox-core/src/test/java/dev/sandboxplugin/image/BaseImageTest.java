package dev.sandboxplugin.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sandboxplugin.policy.InvalidPolicyException;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BaseImageTest {

  private static final Path PROJECT = Path.of("/work/project");

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "offline", " offline "})
  void emptyOrOfflineIsTheOfflineJavaBase(String text) {
    BaseImage base = BaseImage.parse(text, PROJECT);

    assertInstanceOf(BaseImage.OfflineJava.class, base);
    assertEquals("offline", base.describe());
  }

  @Test
  void offlineJavaDescribesItselfAsOffline() {
    assertEquals("offline", BaseImage.offlineJava().describe());
  }

  @Test
  void dockerSchemeNamesAnImageOfTheEngine() {
    BaseImage base = BaseImage.parse("docker://my-jre:17", PROJECT);

    assertEquals("my-jre:17", assertInstanceOf(BaseImage.EngineImage.class, base).reference);
    assertEquals("docker://my-jre:17", base.describe());
  }

  @Test
  void tarSchemeResolvesAgainstTheProjectDirectory() {
    BaseImage relative = BaseImage.parse("tar://images/../base/jre.tar", PROJECT);
    BaseImage absolute = BaseImage.parse("tar:///opt/images/jre.tar", PROJECT);

    assertEquals(Path.of("/work/project/base/jre.tar"), assertInstanceOf(BaseImage.TarFile.class, relative).file);
    assertEquals("tar:///work/project/base/jre.tar", relative.describe());
    assertEquals(Path.of("/opt/images/jre.tar"), assertInstanceOf(BaseImage.TarFile.class, absolute).file);
    assertEquals("tar:///opt/images/jre.tar", absolute.describe());
  }

  @Test
  void anythingElseIsARegistryReference() {
    BaseImage base = BaseImage.parse(" eclipse-temurin:17-jre ", PROJECT);

    assertEquals("eclipse-temurin:17-jre", assertInstanceOf(BaseImage.RegistryImage.class, base).reference);
    assertEquals("eclipse-temurin:17-jre", base.describe());
  }

  @Test
  void registrySchemeIsDroppedFromTheReference() {
    BaseImage base = BaseImage.parse("registry://ghcr.io/acme/jre@sha256:0123abcd", PROJECT);

    assertEquals("ghcr.io/acme/jre@sha256:0123abcd",
        assertInstanceOf(BaseImage.RegistryImage.class, base).reference);
    assertEquals("ghcr.io/acme/jre@sha256:0123abcd", base.describe());
  }

  @ParameterizedTest
  @ValueSource(strings = {"docker://", "tar://", "registry://", " docker:// "})
  void aSchemeWithNoImageIsRefused(String text) {
    InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> BaseImage.parse(text, Path.of("/p")));
    assertEquals("sandbox.baseImage = '" + text.trim() + "' names no image; write e.g. docker://name:tag,"
        + " tar:///path/image.tar or eclipse-temurin:17-jre, or leave it unset for the offline base", e.getMessage());
  }
}
