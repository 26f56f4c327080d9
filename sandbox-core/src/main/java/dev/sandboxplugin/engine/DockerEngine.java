package dev.sandboxplugin.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.api.model.VersionComponent;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.SSLConfig;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * A connection to one Docker engine: the one {@code DOCKER_HOST} names (with {@code DOCKER_TLS_VERIFY} and
 * {@code DOCKER_CERT_PATH}), else the local socket. Podman's compatible socket works the same way.
 */
public final class DockerEngine implements AutoCloseable {

  private final DockerClient client;
  private final String host;
  private final EngineKind kind;

  private DockerEngine(DockerClient client, String host, EngineKind kind) {
    this.client = client;
    this.host = host;
    this.kind = kind;
  }

  /**
   * Connects and asks the engine's version (one round trip, as a ping is), so that an absent engine is one clear
   * error before any work is done, and the answer says which engine it is.
   *
   * @throws EngineUnavailableException naming the address tried and what to do
   */
  public static DockerEngine connect() {
    refuseUnsupportedAddress(System.getProperty("DOCKER_HOST", System.getenv("DOCKER_HOST")));
    DockerClientConfig config;
    try {
      config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
    } catch (RuntimeException badSettings) {
      throw new EngineUnavailableException(
          "Docker client settings are not usable (" + badSettings.getMessage() + "); check DOCKER_HOST and DOCKER_CERT_PATH",
          badSettings);
    }
    String host = config.getDockerHost().toString();
    refuseMissingSocket(config.getDockerHost());
    ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .sslConfig(tlsOf(config))
        .connectionTimeout(Duration.ofSeconds(5))
        .maxConnections(32)
        .build();
    DockerClient client = DockerClientImpl.getInstance(config, http);
    EngineKind kind;
    try {
      Version version = client.versionCmd().exec();
      kind = EngineKind.fromComponents(version.getComponents() == null ? List.of()
          : version.getComponents().stream().map(VersionComponent::getName).toList());
    } catch (RuntimeException unreachable) {
      try {
        client.close();
      } catch (IOException ignored) {
        // Closing a client that never connected has nothing to report.
      }
      throw new EngineUnavailableException("Docker engine not reachable at " + host
          + " (" + rootMessage(unreachable) + "); " + START_ADVICE, unreachable);
    }
    return new DockerEngine(client, host, kind);
  }

  // Over a unix socket no TLS is spoken, but the HTTP client builds the JVM's default TLS context when it is given
  // none: loading the trust store is ~200 ms of a cold Maven JVM. A context never initialised stands in, unused.
  static SSLConfig tlsOf(DockerClientConfig config) {
    if (config.getSSLConfig() != null || !"unix".equals(config.getDockerHost().getScheme())) {
      return config.getSSLConfig();
    }
    return () -> SSLContext.getInstance("TLS");
  }

  // The usual case of an engine that is not running: its socket is not there. Said at once, without a client,
  // whose retries of that would log a line of their own into Maven's output before our error.
  static void refuseMissingSocket(URI dockerHost) {
    if ("unix".equals(dockerHost.getScheme()) && !Files.exists(Path.of(dockerHost.getPath()))) {
      throw new EngineUnavailableException("Docker engine not reachable at " + dockerHost + " (no socket there); "
          + START_ADVICE, null);
    }
  }

  static final String START_ADVICE = "start the engine (Docker: sudo systemctl start docker; Podman: systemctl --user"
      + " start podman.socket, then DOCKER_HOST=unix://$XDG_RUNTIME_DIR/podman/podman.sock) or set DOCKER_HOST to"
      + " where it listens";

  // The client speaks the engine's API over a unix socket or TCP (TLS with DOCKER_TLS_VERIFY); an ssh:// address
  // would otherwise fail deep in the HTTP client with a message about neither.
  static void refuseUnsupportedAddress(String dockerHost) {
    if (dockerHost != null && dockerHost.regionMatches(true, 0, "ssh://", 0, 6)) {
      throw new EngineUnavailableException("DOCKER_HOST=" + dockerHost + " is not supported: the sandbox reaches the"
          + " engine over a unix socket or tcp:// (TLS with DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH); forward the"
          + " remote socket (ssh -nNT -L /tmp/docker.sock:/var/run/docker.sock <host>) and set"
          + " DOCKER_HOST=unix:///tmp/docker.sock", null);
    }
  }

  public DockerClient client() {
    return client;
  }

  /** Which engine this is: Docker, or Podman's compatible service. */
  public EngineKind kind() {
    return kind;
  }

  /** The address the engine was reached at, e.g. {@code unix:///var/run/docker.sock}. */
  public String host() {
    return host;
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException ignored) {
      // Nothing useful to do with a failure to close a socket we are done with.
    }
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
