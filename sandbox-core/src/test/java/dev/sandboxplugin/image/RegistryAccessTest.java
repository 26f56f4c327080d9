package dev.sandboxplugin.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.CredentialRetriever;
import com.google.cloud.tools.jib.api.ImageReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryAccessTest {

  private static final RegistryAccess.Login LOGIN = new RegistryAccess.Login("ci", "from-settings", "settings server");

  @TempDir Path folder;

  @Test
  void theSettingsLoginOfTheRegistryComesFirst() throws Exception {
    RegistryAccess access = new RegistryAccess(Map.of("ghcr.io", LOGIN), Optional.of(dockerConfig("ghcr.io")), false);

    List<CredentialRetriever> retrievers = access.retrieversFor(ImageReference.parse("ghcr.io/team/base:1"));

    assertEquals(Credential.from("ci", "from-settings"), retrievers.get(0).retrieve().orElseThrow());
    assertEquals(Credential.from("docker", "from-config"), retrievers.get(1).retrieve().orElseThrow());
  }

  @Test
  void aLoginOfAnotherRegistryIsNotSent() throws Exception {
    RegistryAccess access = new RegistryAccess(Map.of("ghcr.io", LOGIN), Optional.empty(), false);

    List<CredentialRetriever> retrievers = access.retrieversFor(ImageReference.parse("quay.io/team/base:1"));

    for (CredentialRetriever retriever : retrievers) {
      assertFalse(retriever.retrieve().isPresent(), "a login for ghcr.io was offered to quay.io");
    }
  }

  @Test
  void dockerHubIsFoundUnderAnyOfItsNames() throws Exception {
    RegistryAccess access = new RegistryAccess(Map.of("docker.io", LOGIN), Optional.empty(), false);

    List<CredentialRetriever> retrievers = access.retrieversFor(ImageReference.parse("eclipse-temurin:17-jre"));

    assertEquals(Credential.from("ci", "from-settings"), retrievers.get(0).retrieve().orElseThrow());
  }

  @Test
  void theDockerConfigurationIsReadFromDockerConfigFirst() throws Exception {
    Path file = dockerConfig("ghcr.io");

    assertEquals(Optional.of(file), RegistryAccess.dockerConfigOf(Map.of("DOCKER_CONFIG", folder.toString())));
    assertTrue(RegistryAccess.dockerConfigOf(Map.of("DOCKER_CONFIG", folder.resolve("none").toString())).isEmpty());
  }

  @Test
  void theSecretIsNotInTheLoginsText() {
    assertFalse(LOGIN.toString().contains("from-settings"));
  }

  private Path dockerConfig(String registry) throws Exception {
    String auth = Base64.getEncoder().encodeToString("docker:from-config".getBytes());
    return Files.writeString(folder.resolve("config.json"),
        "{\"auths\":{\"" + registry + "\":{\"auth\":\"" + auth + "\"}}}");
  }
}
