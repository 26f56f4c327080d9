package dev.sandboxplugin.run;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.Ulimit;
import dev.sandboxplugin.policy.SeccompProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the engine reported, on inspect, about how the container really ran: the evidence a report gives that
 * the hardening asked for was in effect.
 */
public record Hardening(
    boolean readOnlyRootfs,
    List<String> capDrop,
    List<String> capAdd,
    List<String> securityOpt,
    boolean privileged,
    String networkMode,
    long memoryBytes,
    long memorySwapBytes,
    long nanoCpus,
    long pidsLimit,
    Map<String, String> ulimits,
    Map<String, String> tmpfs,
    List<String> mounts,
    String user,
    boolean init,
    String runtime) {

  /** The hardening {@code container} was inspected to have; the inline profile shown by name and hash. */
  public static Hardening from(InspectContainerResponse container, SeccompProfile profile) {
    HostConfig host = container.getHostConfig();
    List<String> securityOpt = new ArrayList<>();
    for (String option : orEmpty(host.getSecurityOpts())) {
      // The inline profile is kilobytes of JSON: name it and give its hash instead.
      securityOpt.add(option.startsWith("seccomp=") && !option.equals("seccomp=unconfined")
          ? "seccomp=" + profile.name() + " sha256:" + profile.sha256()
          : option);
    }
    Map<String, String> ulimits = new TreeMap<>();
    if (host.getUlimits() != null) {
      for (Ulimit limit : host.getUlimits()) {
        ulimits.put(limit.getName(), limit.getSoftLong() + ":" + limit.getHardLong());
      }
    }
    List<String> mounts = new ArrayList<>();
    for (Mount mount : orEmpty(host.getMounts())) {
      mounts.add(mount.getType() + " " + mount.getSource() + " -> " + mount.getTarget()
          + (Boolean.TRUE.equals(mount.getReadOnly()) ? " (read-only)" : ""));
    }
    return new Hardening(
        Boolean.TRUE.equals(host.getReadonlyRootfs()),
        names(host.getCapDrop()),
        names(host.getCapAdd()),
        securityOpt,
        Boolean.TRUE.equals(host.getPrivileged()),
        host.getNetworkMode(),
        orZero(host.getMemory()),
        orZero(host.getMemorySwap()),
        orZero(host.getNanoCPUs()),
        orZero(host.getPidsLimit()),
        ulimits,
        host.getTmpFs() == null ? Map.of() : new TreeMap<>(host.getTmpFs()),
        mounts,
        container.getConfig() == null ? null : container.getConfig().getUser(),
        Boolean.TRUE.equals(host.getInit()),
        host.getRuntime());
  }

  private static List<String> names(Object[] values) {
    return values == null ? List.of() : Arrays.stream(values).map(String::valueOf).toList();
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }
}
