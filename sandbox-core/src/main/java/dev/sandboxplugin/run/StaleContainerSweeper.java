package dev.sandboxplugin.run;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Removes containers that earlier runs left: those whose owning Maven process on this host is gone, and any
 * past its deadline (a run's timeout plus a grace), wherever it was started. Live runs are never touched.
 */
final class StaleContainerSweeper {

  private final DockerClient client;

  StaleContainerSweeper(DockerClient client) {
    this.client = client;
  }

  /** Returns how many containers were removed. */
  int sweep() {
    List<Container> ours = client.listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(List.of(RunLabels.RUN))
        .exec();
    int removed = 0;
    long now = Instant.now().toEpochMilli();
    for (Container container : ours) {
      Map<String, String> labels = container.getLabels();
      if (RunLabels.ownerIsGone(labels.get(RunLabels.OWNER)) || pastDeadline(labels.get(RunLabels.DEADLINE), now)) {
        try {
          client.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
          removed++;
        } catch (RuntimeException raced) {
          // Its own run removed it a moment ago.
        }
      }
    }
    return removed;
  }

  private static boolean pastDeadline(String deadline, long now) {
    try {
      return deadline != null && Long.parseLong(deadline) < now;
    } catch (NumberFormatException malformed) {
      return false;
    }
  }
}
