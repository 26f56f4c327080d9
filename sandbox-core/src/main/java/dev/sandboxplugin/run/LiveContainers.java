package dev.sandboxplugin.run;

import com.github.dockerjava.api.DockerClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Containers this JVM has created and not yet removed. A shutdown hook removes them when Maven is stopped with
 * Ctrl-C or SIGTERM; SIGKILL leaves them to the next run's {@link StaleContainerSweeper}.
 */
final class LiveContainers {

  private static final Map<String, DockerClient> LIVE = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(LiveContainers::removeAll, "sandbox-cleanup"));
  }

  private LiveContainers() {}

  static void add(String containerId, DockerClient client) {
    LIVE.put(containerId, client);
  }

  static void remove(String containerId) {
    LIVE.remove(containerId);
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
