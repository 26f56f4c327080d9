package dev.sandboxplugin.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import dev.sandboxplugin.engine.DockerEngine;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Networks and volumes a killed run left (its owner process is gone) are swept; a live run's are kept. */
class StaleContainerSweeperEngineTest {

  @Test
  void sweepsTheNetworkAndVolumeOfADeadOwnerAndKeepsALiveOnes() {
    try (DockerEngine engine = DockerEngine.connect()) {
      DockerClient client = engine.client();
      String dead = "sandbox-it-dead-" + UUID.randomUUID();
      String live = "sandbox-it-live-" + UUID.randomUUID();
      Map<String, String> deadLabels = new HashMap<>(RunLabels.forRun(dead, Instant.now().plusSeconds(600)));
      deadLabels.put(RunLabels.OWNER, RunLabels.thisOwner().replaceFirst(":\\d+$", ":" + deadPid()));
      Map<String, String> liveLabels = RunLabels.forRun(live, Instant.now().plusSeconds(600));
      try {
        client.createNetworkCmd().withName(dead).withLabels(deadLabels).exec();
        client.createVolumeCmd().withName(dead).withLabels(deadLabels).exec();
        client.createNetworkCmd().withName(live).withLabels(liveLabels).exec();
        client.createVolumeCmd().withName(live).withLabels(liveLabels).exec();

        new StaleContainerSweeper(client).sweep();

        assertEquals(List.of(), client.listNetworksCmd().withNameFilter(dead).exec());
        assertTrue(client.listVolumesCmd().exec().getVolumes().stream().noneMatch(v -> v.getName().equals(dead)));
        assertEquals(1, client.listNetworksCmd().withNameFilter(live).exec().size());
        assertTrue(client.listVolumesCmd().exec().getVolumes().stream().anyMatch(v -> v.getName().equals(live)));
      } finally {
        for (String name : List.of(dead, live)) {
          try {
            client.removeNetworkCmd(name).exec();
          } catch (RuntimeException gone) {
            // Swept.
          }
          try {
            client.removeVolumeCmd(name).exec();
          } catch (RuntimeException gone) {
            // Swept.
          }
        }
      }
    }
  }

  // A pid no process has: past the kernel's maximum.
  private static long deadPid() {
    return 4_194_305L;
  }
}
