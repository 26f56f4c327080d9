package dev.sandboxplugin.network;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import dev.sandboxplugin.engine.DockerEngine;
import dev.sandboxplugin.engine.EngineKind;
import dev.sandboxplugin.engine.EngineMessage;
import dev.sandboxplugin.image.PayloadImage;
import dev.sandboxplugin.policy.MemorySize;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.policy.SeccompProfile;
import dev.sandboxplugin.progress.SandboxListener;
import dev.sandboxplugin.run.HardenedHostConfig;
import dev.sandboxplugin.run.Hardening;
import dev.sandboxplugin.run.LiveContainers;
import dev.sandboxplugin.run.RunLabels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The way out of an allowlist run, and the only one. Three things, all labelled with the run and removed after it:
 * <ul>
 *   <li>a <b>volume</b> (tmpfs, owned by the proxy's uid, mode 700) holding one Unix socket;
 *   <li>the <b>proxy</b> container ({@link ProxyServer}), hardened like the sandbox (with the bundled seccomp
 *       profile), on a network with a way out (a fresh bridge network of the run, or the one the policy names),
 *       listening on that socket;
 *   <li>the <b>forwarder</b> container ({@link LoopbackForwarder}), hardened, network {@code none}, the volume
 *       mounted read-only, listening on {@code 127.0.0.1:3128} in its own loopback-only network namespace.
 * </ul>
 * The payload joins the forwarder's network namespace ({@code container:<forwarder>}): its only interface is that
 * loopback. So {@code HTTP_PROXY=http://127.0.0.1:3128} works for any language, a direct connection to any address
 * fails at once with "network unreachable" (no route exists, nothing to time out), there is no resolver, and no
 * address of the host or of the proxy's network is reachable. The payload never mounts the socket volume.
 *
 * <p>Why not a Docker network with {@code internal: true}: on Docker 20.10 a container on one still reaches
 * services on the host's bridge addresses (the host's INPUT chain accepts them), and its direct connections hang
 * until a timeout instead of failing. Why not sharing the proxy's namespace and filtering there: it would need
 * firewall rules (NET_ADMIN) on the proxy side and give the payload a real interface to get wrong.
 */
final class EgressProxy implements PayloadNetwork {

  /** Where the payload finds the proxy, inside its loopback-only namespace. */
  static final int PORT = 3128;
  static final String PROXY_URL = "http://127.0.0.1:" + PORT;
  private static final String SOCKET_DIR = "/run/egress";
  private static final String SOCKET = SOCKET_DIR + "/proxy.sock";
  // Not the payload's uid: the per-uid process count (RLIMIT_NPROC) of the payload stays its own.
  private static final String USER = "65533:65533";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration SWEEP_GRACE = Duration.ofMinutes(5);
  private static final List<String> JVM = List.of("java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
      "-XX:CICompilerCount=1", "-Xshare:auto", "-XX:-UsePerfData", "-Xss512k", "-XX:MaxRAMPercentage=60",
      "-Djava.io.tmpdir=/tmp", "-Duser.home=/tmp", "-cp", ProxyImage.CLASSPATH);

  private final DockerClient client;
  private final EngineKind engineKind;
  private final SandboxListener listener;
  private final String runId = UUID.randomUUID().toString();
  private final String volume = "sandbox-egress-" + runId;
  private final String proxy = "sandbox-proxy-" + runId;
  private final String forwarder = "sandbox-forwarder-" + runId;
  private final String network;
  private final boolean ownNetwork;
  private String forwarderId;
  private ProxyLog log;
  private Map<String, Hardening> hardening = Map.of();

  private EgressProxy(DockerEngine engine, SandboxListener listener, String proxyNetwork) {
    this.client = engine.client();
    this.engineKind = engine.kind();
    this.listener = listener;
    this.ownNetwork = proxyNetwork == null;
    this.network = ownNetwork ? "sandbox-egress-" + runId : proxyNetwork;
  }

  static EgressProxy start(DockerEngine engine, SandboxPolicy policy, java.nio.file.Path cacheDir,
      SandboxListener listener) {
    long started = System.nanoTime();
    PayloadImage image = ProxyImage.build(engine, cacheDir);
    EgressProxy egress = new EgressProxy(engine, listener, policy.network().proxyNetwork());
    try {
      egress.create(image.reference(), policy);
    } catch (RuntimeException e) {
      egress.close();
      throw e instanceof EgressProxyException ? e : new EgressProxyException("the egress proxy could not be"
          + " started: " + EngineMessage.of(e) + "; is the engine healthy?", e);
    }
    listener.info("Sandbox: egress proxy up in " + Duration.ofNanos(System.nanoTime() - started).toMillis()
        + " ms on network " + egress.network + ", allowing " + policy.network().allow());
    return egress;
  }

  // Podman takes a volume's size as a disk quota, which a tmpfs has not: there the socket's folder goes uncapped,
  // as it holds one socket of our own two containers, which the payload never mounts.
  private String socketVolumeOptions() {
    return (engineKind == EngineKind.PODMAN ? "" : "size=1m,") + "uid=65533,gid=65533,mode=0700,noexec,nosuid,nodev";
  }

  private void create(String image, SandboxPolicy policy) {
    Map<String, String> labels = RunLabels.forRun(runId,
        Instant.now().plus(policy.timeout()).plus(SWEEP_GRACE));
    LiveContainers.addVolume(volume, client);
    LiveContainers.creating(() -> client.createVolumeCmd().withName(volume).withDriver("local").withLabels(labels)
        .withDriverOpts(Map.of("type", "tmpfs", "device", "tmpfs", "o", socketVolumeOptions()))
        .exec());
    if (ownNetwork) {
      LiveContainers.addNetwork(network, client);
      LiveContainers.creating(() -> client.createNetworkCmd().withName(network).withDriver("bridge")
          .withLabels(labels).exec());
    } else {
      try {
        client.inspectNetworkCmd().withNetworkId(network).exec();
      } catch (NotFoundException e) {
        throw new EgressProxyException("proxyNetwork = '" + network + "': the engine has no such network;"
            + " create it first (docker network create " + network + ") or leave proxyNetwork unset");
      }
    }
    List<String> proxyCommand = new ArrayList<>(JVM);
    proxyCommand.add(ProxyServer.class.getName());
    proxyCommand.add(SOCKET);
    policy.network().allow().forEach(pattern -> proxyCommand.add(pattern.toString()));
    HostConfig proxyHost = HardenedHostConfig.from(ownPolicy(policy, 192), engineKind).withNetworkMode(network)
        // Its own resolver (the engine's) stays: the proxy resolves allowed names, and only those.
        .withMounts(List.of(socketVolume(false)));
    List<String> forwarderCommand = new ArrayList<>(JVM);
    forwarderCommand.addAll(List.of(LoopbackForwarder.class.getName(), Integer.toString(PORT), SOCKET));
    HostConfig forwarderHost = HardenedHostConfig.from(ownPolicy(policy, 96), engineKind).withNetworkMode("none")
        .withMounts(List.of(
            new Mount().withType(MountType.BIND).withSource("/dev/null").withTarget("/etc/resolv.conf")
                .withReadOnly(true),
            socketVolume(true)));
    LiveContainers.add(proxy, client);
    LiveContainers.add(forwarder, client);
    // Both at once: each JVM start takes a while, and the forwarder retries until the proxy's socket is there.
    CompletableFuture<Void> proxyStarted = CompletableFuture.runAsync(() -> {
      LiveContainers.creating(() -> client.createContainerCmd(image).withName(proxy).withEntrypoint(proxyCommand)
          .withCmd(List.of()).withEnv(List.of()).withUser(USER).withLabels(labels).withHostConfig(proxyHost).exec());
      client.startContainerCmd(proxy).exec();
    });
    forwarderId = LiveContainers.creating(() -> client.createContainerCmd(image).withName(forwarder)
        .withEntrypoint(forwarderCommand).withCmd(List.of()).withEnv(List.of()).withUser(USER).withHostName("sandbox")
        .withNetworkDisabled(true).withLabels(labels).withHostConfig(forwarderHost).exec().getId());
    client.startContainerCmd(forwarder).exec();
    try {
      proxyStarted.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    awaitReady();
    Map<String, Hardening> inspected = new TreeMap<>();
    SeccompProfile profile = SeccompProfile.defaultProfile();
    inspected.put("proxy", Hardening.from(client.inspectContainerCmd(proxy).exec(), profile));
    inspected.put("forwarder", Hardening.from(client.inspectContainerCmd(forwarder).exec(), profile));
    hardening = inspected;
  }

  // The proxy and forwarder are ours, small and steady: fixed limits and the bundled seccomp profile, which they
  // are tested with (a payload's own strict profile might not let a JVM run at all).
  private static SandboxPolicy ownPolicy(SandboxPolicy policy, int memoryMegabytes) {
    return SandboxPolicy.builder().memory(MemorySize.ofMegabytes(memoryMegabytes)).cpus(1).pids(256)
        .openFiles(1024).processes(1024).tmpfsSize(MemorySize.ofMegabytes(8)).timeout(policy.timeout())
        .seccompProfile(SeccompProfile.defaultProfile()).build();
  }

  private Mount socketVolume(boolean readOnly) {
    return new Mount().withType(MountType.VOLUME).withSource(volume).withTarget(SOCKET_DIR).withReadOnly(readOnly);
  }

  // Follows both outputs instead of polling: one request each, woken by the ready lines themselves.
  private void awaitReady() {
    ContainerLogs.ReadyLine forwarderReady = ContainerLogs.follow(client, forwarder, LoopbackForwarder.READY);
    ContainerLogs.ReadyLine proxyReady = ContainerLogs.follow(client, proxy, ProxyServer.READY);
    try {
      long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
      if (forwarderReady.await(deadline) && proxyReady.await(deadline)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EgressProxyException("interrupted while starting the egress proxy", e);
    } finally {
      forwarderReady.close();
      proxyReady.close();
    }
    for (String name : List.of(forwarder, proxy)) {
      InspectContainerResponse.ContainerState state = client.inspectContainerCmd(name).exec().getState();
      if (!Boolean.TRUE.equals(state.getRunning())) {
        throw new EgressProxyException("the egress " + (name.equals(proxy) ? "proxy" : "forwarder")
            + " container stopped (exit " + state.getExitCodeLong() + ") before it was ready: "
            + String.join(" | ", ContainerLogs.read(client, name, true)));
      }
    }
    throw new EgressProxyException("the egress proxy was not ready within " + READY_TIMEOUT.toSeconds()
        + " s; is the machine overloaded?");
  }

  @Override
  public String networkMode() {
    return "container:" + forwarderId;
  }

  @Override
  public Map<String, String> environment() {
    Map<String, String> environment = new TreeMap<>();
    String noProxy = "localhost,127.0.0.1,::1";
    for (String name : List.of("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy")) {
      environment.put(name, PROXY_URL);
    }
    environment.put("NO_PROXY", noProxy);
    environment.put("no_proxy", noProxy);
    // The JVM ignores the variables; JAVA_TOOL_OPTIONS reaches every JVM the payload starts, forked ones too.
    environment.put("JAVA_TOOL_OPTIONS", "-Dhttp.proxyHost=127.0.0.1 -Dhttp.proxyPort=" + PORT
        + " -Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=" + PORT + " -Dhttp.nonProxyHosts=localhost|127.*|[::1]");
    return environment;
  }

  @Override
  public Map<String, Hardening> hardening() {
    return hardening;
  }

  @Override
  public ProxyLog log() {
    if (log == null) {
      log = ProxyLog.parse(ContainerLogs.read(client, proxy, false));
    }
    return log;
  }

  /** Removes the forwarder, the proxy, then the volume and our network; a failure is a warning for the sweeper. */
  @Override
  public void close() {
    // The two containers in parallel, then the network and volume they used: removal is most of the teardown.
    CompletableFuture<Void> proxyRemoved = CompletableFuture.runAsync(() -> removeContainer(proxy));
    removeContainer(forwarder);
    proxyRemoved.join();
    if (ownNetwork) {
      try {
        client.removeNetworkCmd(network).exec();
      } catch (NotFoundException neverCreated) {
        // Nothing to remove.
      } catch (DockerException e) {
        warn("network " + network, e);
      } finally {
        LiveContainers.removeNetwork(network);
      }
    }
    try {
      client.removeVolumeCmd(volume).exec();
    } catch (NotFoundException neverCreated) {
      // Nothing to remove.
    } catch (DockerException e) {
      warn("volume " + volume, e);
    } finally {
      LiveContainers.removeVolume(volume);
    }
  }

  private void removeContainer(String container) {
    try {
      client.removeContainerCmd(container).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException neverCreated) {
      // Nothing to remove.
    } catch (DockerException e) {
      warn("container " + container, e);
    } finally {
      LiveContainers.remove(container);
    }
  }

  private void warn(String what, DockerException e) {
    listener.warn("could not remove " + what + " (" + e.getMessage() + "); the next run sweeps it");
  }
}
