package dev.sandboxplugin.run;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Removes containers that earlier runs left: those whose owning Maven process on this host is gone, and any
 * past its deadline (a run's timeout plus a grace), wherever it was started; then, by the same labels, the
 * networks and volumes of their egress proxies. Live runs are never touched.
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
    return removed + sweepNetworksAndVolumes(now);
  }

  // After the containers: a network or volume still in use by a container cannot be removed.
  private int sweepNetworksAndVolumes(long now) {
    int removed = 0;
    for (Network network : client.listNetworksCmd().withFilter("label", List.of(RunLabels.RUN)).exec()) {
      if (stale(network.getLabels(), now)) {
        try {
          client.removeNetworkCmd(network.getId()).exec();
          removed++;
        } catch (RuntimeException inUseOrRaced) {
          // Its run removes it, or the next sweep does.
        }
      }
    }
    List<InspectVolumeResponse> volumes = client.listVolumesCmd().withFilter("label", List.of(RunLabels.RUN))
        .exec().getVolumes();
    for (InspectVolumeResponse volume : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
      if (stale(volume.getLabels(), now)) {
        try {
          client.removeVolumeCmd(volume.getName()).exec();
          removed++;
        } catch (RuntimeException inUseOrRaced) {
          // As above.
        }
      }
    }
    return removed;
  }

  private static boolean stale(Map<String, String> labels, long now) {
    return labels != null
        && (RunLabels.ownerIsGone(labels.get(RunLabels.OWNER)) || pastDeadline(labels.get(RunLabels.DEADLINE), now));
  }

  private static boolean pastDeadline(String deadline, long now) {
    try {
      return deadline != null && Long.parseLong(deadline) < now;
    } catch (NumberFormatException malformed) {
      return false;
    }
  }
}
