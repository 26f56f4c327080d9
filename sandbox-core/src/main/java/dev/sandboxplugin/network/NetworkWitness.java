package dev.sandboxplugin.network;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import dev.sandboxplugin.engine.DockerEngine;
import dev.sandboxplugin.engine.EngineKind;
import dev.sandboxplugin.engine.EngineMessage;
import dev.sandboxplugin.policy.MemorySize;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.progress.SandboxListener;
import dev.sandboxplugin.run.HardenedHostConfig;
import dev.sandboxplugin.run.LiveContainers;
import dev.sandboxplugin.run.RunLabels;
import dev.sandboxplugin.verdict.Evidence;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The network of a {@code network: none} run with a witness outside the payload's reach. A small container of ours
 * (python3.11-minimal, {@code witness.py}) owns the network namespace: it has only loopback, as {@code none} has,
 * and the payload joins it ({@code container:<witness>}). With NET_ADMIN the witness routes every address to
 * loopback, so a connection anywhere fails at once ("connection refused") and no packet leaves the namespace; with
 * NET_RAW it reads loopback and prints each distinct attempt to reach an address that is not loopback, and each DNS
 * query. The payload has no capability: it cannot change the routes, see the witness's processes or silence its
 * output, which the host reads from the engine after the run ({@link NetworkWitnessLog}).
 *
 * <p>The witness runs under runc with the engine's default seccomp profile (ours refuses the packet socket it
 * reads with), read-only, no-new-privileges, and only those two capabilities; it answers nothing.
 */
final class NetworkWitness implements PayloadNetwork {

  static final String READY = NetworkWitnessLog.PREFIX + " ready";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration SWEEP_GRACE = Duration.ofMinutes(5);
  private static final String HOST_NAME = "sandbox";

  private final DockerClient client;
  private final EngineKind engineKind;
  private final String name = "sandbox-witness-" + UUID.randomUUID();
  private String id;
  private NetworkWitnessLog log;

  private NetworkWitness(DockerEngine engine) {
    this.client = engine.client();
    this.engineKind = engine.kind();
  }

  /**
   * Starts the witness and waits until its routes are set and it reads; {@link PayloadNetwork#none(String)} with the
   * reason when the image cannot be had (no mmdebstrap and no image in the engine).
   */
  static PayloadNetwork start(DockerEngine engine, SandboxPolicy policy, Path cacheDir, SandboxListener listener) {
    String image;
    try {
      image = WitnessImage.ensure(engine, cacheDir, listener::info);
    } catch (RuntimeException e) {
      String reason = "no network witness: " + e.getMessage();
      listener.warn("Sandbox: " + reason + "; the run goes on without one, and connection attempts are then seen"
          + " only from inside the payload");
      return PayloadNetwork.none(reason);
    }
    long started = System.nanoTime();
    NetworkWitness witness = new NetworkWitness(engine);
    try {
      witness.create(image, policy);
      listener.info("Sandbox: network witness up in " + Duration.ofNanos(System.nanoTime() - started).toMillis()
          + " ms: no network, every attempt to reach out is recorded outside the payload");
      return witness;
    } catch (RuntimeException e) {
      witness.close();
      throw e instanceof EgressProxyException ? e : new EgressProxyException("the network witness could not be"
          + " started: " + EngineMessage.of(e) + "; is the engine healthy?", e);
    }
  }

  private void create(String image, SandboxPolicy policy) {
    SandboxPolicy own = SandboxPolicy.builder().memory(MemorySize.ofMegabytes(48)).cpus(0.5).pids(8).openFiles(64)
        .processes(64).tmpfsSize(MemorySize.ofMegabytes(1)).timeout(policy.timeout()).build();
    HostConfig host = HardenedHostConfig.from(own, engineKind)
        .withCapAdd(Capability.NET_ADMIN, Capability.NET_RAW)
        // The engine's default seccomp profile: ours refuses AF_PACKET, which the witness reads loopback with.
        .withSecurityOpts(List.of("no-new-privileges"))
        // The engine turns IPv6 off in a namespace of its own; on, the payload's IPv6 attempts show too.
        .withSysctls(Map.of("net.ipv6.conf.all.disable_ipv6", "0"))
        .withExtraHosts(HOST_NAME + ":127.0.0.1");
    LiveContainers.add(name, client);
    id = LiveContainers.creating(() -> client.createContainerCmd(image).withName(name)
        .withEntrypoint(WitnessImage.COMMAND).withCmd(List.of()).withEnv(List.of()).withUser("0:0")
        .withHostName(HOST_NAME)
        .withLabels(RunLabels.forRun(name, Instant.now().plus(policy.timeout()).plus(SWEEP_GRACE)))
        .withHostConfig(host).exec().getId());
    client.startContainerCmd(id).exec();
    ContainerLogs.ReadyLine ready = ContainerLogs.follow(client, id, READY);
    try {
      if (ready.await(System.nanoTime() + READY_TIMEOUT.toNanos())) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EgressProxyException("interrupted while starting the network witness", e);
    } finally {
      ready.close();
    }
    InspectContainerResponse.ContainerState state = client.inspectContainerCmd(id).exec().getState();
    String logs = String.join(" | ", ContainerLogs.read(client, id, true));
    throw new EgressProxyException(Boolean.TRUE.equals(state.getRunning())
        ? "the network witness was not ready within " + READY_TIMEOUT.toSeconds() + " s: " + logs
        : "the network witness stopped (exit " + state.getExitCodeLong() + ") before it was ready: " + logs);
  }

  @Override
  public String networkMode() {
    return "container:" + id;
  }

  @Override
  public String witness() {
    return Evidence.NETWORK_SINK.label();
  }

  /** What the witness saw; read once, after the payload ended. A witness that stopped early says so. */
  @Override
  public NetworkWitnessLog witnessed() {
    if (log == null) {
      List<String> lines = new ArrayList<>(ContainerLogs.read(client, id, false));
      InspectContainerResponse.ContainerState state = client.inspectContainerCmd(id).exec().getState();
      if (!Boolean.TRUE.equals(state.getRunning())) {
        lines.add(NetworkWitnessLog.PREFIX + " stopped " + state.getExitCodeLong());
      }
      log = NetworkWitnessLog.parse(lines);
    }
    return log;
  }

  @Override
  public void close() {
    try {
      client.removeContainerCmd(name).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException neverCreated) {
      // Nothing to remove.
    } catch (DockerException e) {
      // The sweeper removes it on a later run: it carries the run's labels.
    } finally {
      LiveContainers.remove(name);
    }
  }
}
