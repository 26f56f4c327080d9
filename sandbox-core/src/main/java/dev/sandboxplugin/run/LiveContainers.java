package dev.sandboxplugin.run;

import com.github.dockerjava.api.DockerClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Containers (by name) this JVM is creating or has created and not yet removed, and the networks and volumes of
 * its egress proxies. A shutdown hook removes them when Maven is stopped with Ctrl-C or SIGTERM, containers first
 * (a network or volume in use cannot go); SIGKILL leaves them to the next run's {@link StaleContainerSweeper}.
 *
 * <p>Each is registered by name before the engine makes it, and made inside {@link #creating}: the hook waits for
 * the calls in flight, since one that ends after the hook removed its name would leave the thing behind; once the
 * hook has begun, nothing new is made.
 */
public final class LiveContainers {

  private static final Map<String, DockerClient> LIVE = new ConcurrentHashMap<>();
  private static final Map<String, DockerClient> NETWORKS = new ConcurrentHashMap<>();
  private static final Map<String, DockerClient> VOLUMES = new ConcurrentHashMap<>();

  private static final CreateGate CREATES = new CreateGate();
  // A create is a second or so; an engine that hangs must not hold Maven's exit forever.
  private static final Duration CREATE_WAIT = Duration.ofSeconds(30);

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      CREATES.close(CREATE_WAIT);
      removeAll();
    }, "sandbox-cleanup"));
  }

  private LiveContainers() {}

  /**
   * Runs {@code create}, an engine call that makes a container, network or volume already registered here, so that a
   * shutdown waits for it to end and then removes what it made.
   *
   * @throws IllegalStateException when Maven is stopping: nothing new is made then
   */
  public static <T> T creating(Supplier<T> create) {
    return CREATES.through(create);
  }

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
