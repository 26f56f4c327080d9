package dev.sandboxplugin.mojo;

import dev.sandboxplugin.policy.Durations;
import dev.sandboxplugin.policy.EnforcementMode;
import dev.sandboxplugin.policy.InvalidPolicyException;
import dev.sandboxplugin.policy.MemorySize;
import dev.sandboxplugin.policy.NetworkPolicy;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.policy.SeccompProfile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Maps the Mojo's policy parameters, as the user typed them, onto a {@link SandboxPolicy}. Each setter validates
 * its value and throws {@link InvalidPolicyException} whose message leads with the {@code sandbox.*} property.
 * A null or blank value keeps the policy's default.
 */
final class PolicyFromParameters {

  private final SandboxPolicy.Builder builder;
  private final Path baseDir;

  /** @param baseDir where relative paths (a seccomp profile file) are resolved: the project's base directory */
  PolicyFromParameters(Path baseDir) {
    this(baseDir, SandboxPolicy.builder().build());
  }

  /** @param base what an unset parameter keeps: the policy file's settings over the defaults */
  PolicyFromParameters(Path baseDir, SandboxPolicy base) {
    this.baseDir = baseDir;
    this.builder = base.toBuilder();
  }

  PolicyFromParameters memory(String text) {
    return set(PropertyNames.MEMORY, text, value -> builder.memory(MemorySize.parse(PropertyNames.MEMORY, value)));
  }

  PolicyFromParameters cpus(String text) {
    return set(PropertyNames.CPUS, text, value -> builder.cpus(decimal(PropertyNames.CPUS, value)));
  }

  PolicyFromParameters pids(String text) {
    return set(PropertyNames.PIDS, text, value -> builder.pids(wholeNumber(PropertyNames.PIDS, value)));
  }

  PolicyFromParameters openFiles(String text) {
    return set(PropertyNames.OPEN_FILES, text, value -> builder.openFiles(wholeNumber(PropertyNames.OPEN_FILES, value)));
  }

  PolicyFromParameters processes(String text) {
    return set(PropertyNames.PROCESSES, text, value -> builder.processes(wholeNumber(PropertyNames.PROCESSES, value)));
  }

  PolicyFromParameters tmpfsSize(String text) {
    return set(PropertyNames.TMPFS_SIZE, text,
        value -> builder.tmpfsSize(MemorySize.parse(PropertyNames.TMPFS_SIZE, value)));
  }

  PolicyFromParameters timeout(String text) {
    return set(PropertyNames.TIMEOUT, text, value -> builder.timeout(Durations.parse(PropertyNames.TIMEOUT, value)));
  }

  /** @param names comma-separated names of host variables the payload may see, e.g. {@code LANG,TZ} */
  PolicyFromParameters env(String names) {
    return set(PropertyNames.ENV, names, value -> builder.envAllowlist(Arrays.asList(value.split(","))));
  }

  /** @param nameOrPath a bundled profile name ({@code default}) or a JSON file, relative to the base directory */
  PolicyFromParameters seccompProfile(String nameOrPath) {
    return set(PropertyNames.SECCOMP_PROFILE, nameOrPath,
        value -> builder.seccompProfile(SeccompProfile.resolve(value, baseDir)));
  }

  PolicyFromParameters outputLimit(String text) {
    return set(PropertyNames.OUTPUT_LIMIT, text,
        value -> builder.outputLimit(MemorySize.parse(PropertyNames.OUTPUT_LIMIT, value)));
  }

  /** @param text {@code enforce} or {@code audit} */
  PolicyFromParameters mode(String text) {
    return set(PropertyNames.MODE, text, value -> builder.mode(EnforcementMode.parse(value)));
  }

  /** @param name an OCI runtime the engine registered, e.g. {@code runsc}; {@code runc} or blank for the default */
  PolicyFromParameters runtime(String name) {
    return set(PropertyNames.RUNTIME, name, value -> builder.runtime(value));
  }

  /**
   * @param mode {@code none} or {@code allowlist}; blank keeps {@code none}
   * @param allow comma-separated host patterns, e.g. {@code repo.example.org,*.example.com:443}
   * @param proxyNetwork the Docker network the egress proxy joins; blank for one of the run's own
   */
  PolicyFromParameters network(String mode, String allow, String proxyNetwork) {
    boolean blank = isBlank(mode) && isBlank(allow) && isBlank(proxyNetwork);
    if (blank) {
      return this;
    }
    try {
      List<String> patterns = isBlank(allow) ? List.of() : Arrays.asList(allow.split(","));
      builder.network(NetworkPolicy.of(isBlank(mode) ? "none" : mode.trim(), patterns).withProxyNetwork(proxyNetwork));
    } catch (IllegalArgumentException e) {
      String message = e.getMessage();
      String property = message.startsWith("allow") ? PropertyNames.ALLOW
          : message.startsWith("proxyNetwork") ? PropertyNames.PROXY_NETWORK : PropertyNames.NETWORK;
      throw new InvalidPolicyException(SettingMessages.naming(property, message));
    }
    return this;
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }

  SandboxPolicy build() {
    return builder.build();
  }

  private PolicyFromParameters set(String property, String text, Consumer<String> setter) {
    if (text == null || text.isBlank()) {
      return this;
    }
    try {
      setter.accept(text.trim());
    } catch (IllegalArgumentException e) {
      throw new InvalidPolicyException(SettingMessages.naming(property, e.getMessage()));
    }
    return this;
  }

  private static int wholeNumber(String property, String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new InvalidPolicyException(property + " = '" + text + "' is not a whole number above 0, e.g. 128");
    }
  }

  private static double decimal(String property, String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new InvalidPolicyException(property + " = '" + text + "' is not a number above 0, e.g. 0.5 or 2");
    }
  }
}
