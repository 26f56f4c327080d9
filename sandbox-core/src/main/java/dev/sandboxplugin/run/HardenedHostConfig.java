package dev.sandboxplugin.run;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Ulimit;
import dev.sandboxplugin.engine.EngineKind;
import dev.sandboxplugin.policy.MemorySize;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.policy.WritablePath;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine settings that make a container a sandbox, derived from a policy. The egress proxy and forwarder
 * containers get the same, then their own network and mounts. Podman's compatible API reads a few of them its own
 * way ({@link EngineKind#PODMAN}); what differs is said where it differs, and the preflight checks the outcome.
 */
public final class HardenedHostConfig {

  static final String TMP = "/tmp";
  // With a tmpfs of ours there, the engine mounts no /dev/shm of its own (whose file count is unbounded).
  static final String SHM = "/dev/shm";
  private static final MemorySize SHM_MOST = MemorySize.ofMegabytes(16);
  private static final List<String> PODMAN_TMPFS = List.of("/run", "/var/tmp");

  private HardenedHostConfig() {}

  public static HostConfig from(SandboxPolicy policy, EngineKind engine) {
    long memory = policy.memory().bytes();
    HostConfig config = HostConfig.newHostConfig();
    if (policy.runtime() != null) {
      // gVisor (runsc) puts a user-space kernel between the payload and the host's; the preflight checks it still
      // applies the seccomp profile, which runsc only does when registered with --oci-seccomp.
      config.withRuntime(policy.runtime());
    }
    return config
        .withReadonlyRootfs(true)
        .withTmpFs(tmpfs(policy, engine))
        .withCapDrop(Capability.ALL)
        .withSecurityOpts(List.of("no-new-privileges", "seccomp=" + seccomp(policy, engine)))
        .withPrivileged(false)
        .withNetworkMode("none")
        // Docker would show the payload the host's resolver; an empty file (read-only /dev/null) shows nothing.
        .withMounts(List.of(new Mount().withType(MountType.BIND).withSource("/dev/null")
            .withTarget("/etc/resolv.conf").withReadOnly(true)))
        .withMemory(memory)
        .withMemorySwap(memory) // equal: no swap on top of the limit
        .withNanoCPUs(Math.round(policy.cpus() * 1_000_000_000L))
        .withPidsLimit((long) policy.pids())
        .withUlimits(List.of(
            new Ulimit("nofile", (long) policy.openFiles(), (long) policy.openFiles()),
            new Ulimit("nproc", (long) policy.processes(), (long) policy.processes()),
            new Ulimit("core", 0L, 0L)))
        // An init as PID 1 reaps zombies and passes signals on.
        .withInit(true)
        .withIpcMode("private")
        // The engine keeps its own copy of the output on the host's disk: cap it so a flood cannot fill it.
        .withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE, Map.of("max-size", "8m", "max-file", "1")))
        .withAutoRemove(false); // removed by us after inspect, or the exit code and OOMKilled could be lost
  }

  // Docker takes the profile itself; Podman opens the value as a file, so it gets a file of the same profile.
  private static String seccomp(SandboxPolicy policy, EngineKind engine) {
    String json = GvisorSeccomp.isGvisor(policy.runtime())
        ? GvisorSeccomp.adapt(policy.seccompProfile().json()) : policy.seccompProfile().json();
    return engine == EngineKind.PODMAN ? SeccompProfileFiles.pathOf(json).toString() : json;
  }

  // The only writable places: /tmp, /dev/shm and the policy's writable paths, each its own tmpfs with no exec, no
  // setuid, no devices, and caps on size and file count (it counts as memory too). Podman refuses the file-count
  // cap, so there the memory limit bounds what files cost; and it mounts writable tmpfs of its own, with exec, on
  // /run and /var/tmp of a read-only container, which ours replace.
  static Map<String, String> tmpfs(SandboxPolicy policy, EngineKind engine) {
    boolean fileCountCap = engine != EngineKind.PODMAN;
    MemorySize small = policy.tmpfsSize().bytes() < SHM_MOST.bytes() ? policy.tmpfsSize() : SHM_MOST;
    Map<String, String> tmpfs = new TreeMap<>();
    tmpfs.put(TMP, WritablePath.tmpfsOptions(policy.tmpfsSize(), fileCountCap));
    tmpfs.put(SHM, WritablePath.tmpfsOptions(small, fileCountCap));
    if (engine == EngineKind.PODMAN) {
      for (String podmans : PODMAN_TMPFS) {
        tmpfs.put(podmans, WritablePath.tmpfsOptions(small, false));
      }
    }
    for (WritablePath writable : policy.writablePaths()) {
      tmpfs.put(writable.path(), WritablePath.tmpfsOptions(writable.size(), fileCountCap));
    }
    return tmpfs;
  }
}
