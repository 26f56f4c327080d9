package dev.sandboxplugin.run;

import com.github.dockerjava.api.DockerClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Containers (by name) this JVM is creating or has created and not yet removed. A shutdown hook removes them when Maven is stopped with
 * Ctrl-C or SIGTERM; SIGKILL leaves them to the next run's {@link StaleContainerSweeper}.
 */
final class LiveContainers {

  private static final Map<String, DockerClient> LIVE = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(LiveContainers::removeAll, "sandbox-cleanup"));
  }

  private LiveContainers() {}

  static void add(String containerName, DockerClient client) {
    LIVE.put(containerName, client);
  }

  static void remove(String containerName) {
    LIVE.remove(containerName);
  }

  private static void removeAll() {
    LIVE.forEach((id, client) -> {
      try {
        client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
      } catch (RuntimeException alreadyGone) {
        // Removed by the run itself, or the engine is gone; the next sweep handles the rest.
      }
    });
    LIVE.clear();
  }
}
