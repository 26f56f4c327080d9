package dev.sandboxplugin.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engine addresses the client cannot speak to are refused in one line that says what to do instead. */
class EngineAddressTest {

  @Test
  void anSshAddressIsRefusedWithTheForwardThatWorks() {
    EngineUnavailableException refused = assertThrows(EngineUnavailableException.class,
        () -> DockerEngine.refuseUnsupportedAddress("ssh://ci@engine.invalid"));
    assertEquals("DOCKER_HOST=ssh://ci@engine.invalid is not supported: the sandbox reaches the engine over a unix"
        + " socket or tcp:// (TLS with DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH); forward the remote socket"
        + " (ssh -nNT -L /tmp/docker.sock:/var/run/docker.sock <host>) and set DOCKER_HOST=unix:///tmp/docker.sock",
        refused.getMessage());
  }

  @Test
  void socketAndTcpAddressesAreLeftToTheClient() {
    DockerEngine.refuseUnsupportedAddress(null);
    DockerEngine.refuseUnsupportedAddress("unix:///var/run/docker.sock");
    DockerEngine.refuseUnsupportedAddress("tcp://docker:2376");
  }

  @Test
  void aSocketThatIsNotThereIsRefusedBeforeAnyClientTries(@TempDir Path folder) {
    EngineUnavailableException refused = assertThrows(EngineUnavailableException.class,
        () -> DockerEngine.refuseMissingSocket(URI.create("unix://" + folder.resolve("docker.sock"))));
    assertTrue(refused.getMessage().startsWith("Docker engine not reachable at unix://" + folder.resolve("docker.sock")
        + " (no socket there); start the engine"), refused.getMessage());
    DockerEngine.refuseMissingSocket(URI.create("tcp://docker:2376"));
  }

  @Test
  void aUnixSocketGetsAnUnusedTlsContextAndTcpKeepsTheClientsOwn() throws Exception {
    DockerClientConfig socket = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost("unix:///var/run/docker.sock").build();
    assertFalse(DockerEngine.tlsOf(socket).getSSLContext().getProtocol().isEmpty());
    DockerClientConfig tcp = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost("tcp://docker:2375").withDockerTlsVerify(false).build();
    assertNull(DockerEngine.tlsOf(tcp), "plain TCP keeps the client's default; TLS comes with DOCKER_CERT_PATH");
  }
}
