package dev.sandboxplugin.run;

import com.github.dockerjava.api.DockerClient;
import java.io.InputStream;

/** {@link ContainerFiles} on docker-java's archive calls. */
final class EngineContainerFiles implements ContainerFiles {

  private final DockerClient client;
  private final String containerId;
  private volatile java.io.OutputStream stdin;

  EngineContainerFiles(DockerClient client, String containerId) {
    this.client = client;
    this.containerId = containerId;
  }

  void stdin(java.io.OutputStream stdin) {
    this.stdin = stdin;
  }

  @Override
  public java.io.OutputStream stdin() {
    return stdin;
  }

  @Override
  public InputStream read(String containerPath) {
    return client.copyArchiveFromContainerCmd(containerId, containerPath).exec();
  }

  @Override
  public void write(String containerPath, InputStream tar) {
    client.copyArchiveToContainerCmd(containerId).withTarInputStream(tar).withRemotePath(containerPath).exec();
  }
}
