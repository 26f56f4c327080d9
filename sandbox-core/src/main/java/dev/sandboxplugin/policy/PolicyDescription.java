package dev.sandboxplugin.policy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The effective policy as {@code report.json} shows it: readable values, the profile's hash, the policy's hash. */
public final class PolicyDescription {

  private PolicyDescription() {}

  /** The limits in one line, as people read them: {@code memory 512m, cpus 1.0, pids 128, timeout 5m, /tmp 64m}. */
  public static String limits(Map<String, Object> described) {
    return "memory " + described.get("memory") + ", cpus " + described.get("cpus") + ", pids " + described.get("pids")
        + ", timeout " + described.get("timeout") + ", /tmp " + described.get("tmpfsSize");
  }

  /** What a run starts with, in one line: the limits, the network, the profile, the runtime and the mode. */
  public static String runningWith(Map<String, Object> described) {
    String seccomp = String.valueOf(described.get("seccomp"));
    int hash = seccomp.indexOf(" sha256:");
    return limits(described) + ", network " + described.get("network")
        + (described.get("allow") instanceof java.util.List<?> allow ? " " + String.join(" ", allow.stream()
            .map(String::valueOf).toList()) : "")
        + ", seccomp " + (hash < 0 ? seccomp : seccomp.substring(0, hash)) + ", runtime " + described.get("runtime")
        + ", " + described.get("mode") + " mode";
  }

  public static Map<String, Object> of(SandboxPolicy policy) {
    Map<String, Object> described = new LinkedHashMap<>();
    described.put("memory", policy.memory().toString());
    described.put("cpus", policy.cpus());
    described.put("pids", policy.pids());
    described.put("openFiles", policy.openFiles());
    described.put("processes", policy.processes());
    described.put("tmpfsSize", policy.tmpfsSize().toString());
    described.put("timeout", Durations.format(policy.timeout()));
    described.put("network", policy.network().mode().label());
    if (!policy.network().allow().isEmpty()) {
      described.put("allow", policy.network().allow().stream().map(Object::toString).toList());
    }
    if (policy.network().proxyNetwork() != null) {
      described.put("proxyNetwork", policy.network().proxyNetwork());
    }
    described.put("mode", policy.mode().label());
    described.put("runtime", policy.runtime() == null ? "runc" : policy.runtime());
    described.put("env", policy.envAllowlist());
    described.put("seccomp", policy.seccompProfile().name() + " sha256:" + policy.seccompProfile().sha256());
    described.put("outputLimit", policy.outputLimit().toString());
    if (!policy.writablePaths().isEmpty()) {
      described.put("writablePaths", policy.writablePaths().stream()
          .map(path -> Map.of("path", path.path(), "size", path.size().toString())).toList());
    }
    // Which policy applied, exactly (canonical JSON's sha256), and the file it started from.
    described.put("sha256", PolicyFingerprint.sha256(policy));
    described.put("file", policy.file().map(Path::toString).orElse(null));
    return described;
  }
}
