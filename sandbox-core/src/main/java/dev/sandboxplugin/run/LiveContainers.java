package dev.sandboxplugin.run;

import com.github.dockerjava.api.DockerClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Containers (by name) this JVM is creating or has created and not yet removed, and the networks and volumes of
 * its egress proxies. A shutdown hook removes them when Maven is stopped with Ctrl-C or SIGTERM, containers first
 * (a network or volume in use cannot go); SIGKILL leaves them to the next run's {@link StaleContainerSweeper}.
 */
public final class LiveContainers {

  private static final Map<String, DockerClient> LIVE = new ConcurrentHashMap<>();
  private static final Map<String, DockerClient> NETWORKS = new ConcurrentHashMap<>();
  private static final Map<String, DockerClient> VOLUMES = new ConcurrentHashMap<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(LiveContainers::removeAll, "sandbox-cleanup"));
  }

  private LiveContainers() {}

  public static void add(String containerName, DockerClient client) {
    LIVE.put(containerName, client);
  }

  public static void remove(String containerName) {
    LIVE.remove(containerName);
  }

  public static void addNetwork(String networkName, DockerClient client) {
    NETWORKS.put(networkName, client);
  }

  public static void removeNetwork(String networkName) {
    NETWORKS.remove(networkName);
  }

  public static void addVolume(String volumeName, DockerClient client) {
    VOLUMES.put(volumeName, client);
  }

  public static void removeVolume(String volumeName) {
    VOLUMES.remove(volumeName);
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
    NETWORKS.forEach((name, client) -> {
      try {
        client.removeNetworkCmd(name).exec();
      } catch (RuntimeException alreadyGone) {
        // As above.
      }
    });
    NETWORKS.clear();
    VOLUMES.forEach((name, client) -> {
      try {
        client.removeVolumeCmd(name).exec();
      } catch (RuntimeException alreadyGone) {
        // As above.
      }
    });
    VOLUMES.clear();
  }
}
