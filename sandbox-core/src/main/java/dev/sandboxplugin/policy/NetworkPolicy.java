package dev.sandboxplugin.policy;

import java.util.List;
import java.util.Locale;

/**
 * Where the payload may connect. {@link Mode#NONE}: nowhere, only loopback. {@link Mode#ALLOWLIST}: only through
 * the egress proxy, and only to hosts matching {@link #allow()}.
 *
 * @param proxyNetwork the Docker network the egress proxy joins to reach out (e.g. one with a CI job's service
 *     containers); null for a fresh network of the run's own. Only the proxy joins it, never the payload.
 */
public record NetworkPolicy(Mode mode, List<HostPattern> allow, String proxyNetwork) {

  private static final java.util.regex.Pattern NETWORK_NAME =
      java.util.regex.Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}");

  /** How the sandbox is networked. */
  public enum Mode {
    NONE,
    ALLOWLIST;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public NetworkPolicy {
    allow = List.copyOf(allow);
    if (mode == Mode.NONE && !allow.isEmpty()) {
      throw new InvalidPolicyException("allow = " + allow + " needs network = allowlist; with network = none"
          + " nothing is reachable");
    }
    if (mode == Mode.ALLOWLIST && allow.isEmpty()) {
      throw new InvalidPolicyException("network = allowlist needs at least one allow entry, e.g. repo.example.org;"
          + " or use network = none");
    }
    if (proxyNetwork != null) {
      if (mode == Mode.NONE) {
        throw new InvalidPolicyException("proxyNetwork = '" + proxyNetwork + "' needs network = allowlist;"
            + " with network = none there is no proxy");
      }
      if (!NETWORK_NAME.matcher(proxyNetwork).matches() || List.of("host", "none").contains(proxyNetwork)
          || proxyNetwork.startsWith("container:")) {
        throw new InvalidPolicyException("proxyNetwork = '" + proxyNetwork + "' is not the name of a Docker network"
            + " the proxy can join; give a user-defined network's name (docker network ls), or leave it unset");
      }
    }
  }

  /** Without a named proxy network: the run makes its own. */
  public NetworkPolicy(Mode mode, List<HostPattern> allow) {
    this(mode, allow, null);
  }

  /** The same policy with the proxy joining {@code network} (blank: a network of the run's own). */
  public NetworkPolicy withProxyNetwork(String network) {
    return new NetworkPolicy(mode, allow, network == null || network.isBlank() ? null : network.trim());
  }

  /** No network: the default. */
  public static NetworkPolicy none() {
    return new NetworkPolicy(Mode.NONE, List.of());
  }

  /** Parses the mode {@code none} or {@code allowlist} and the allowed host patterns. */
  public static NetworkPolicy of(String mode, List<String> allow) {
    String trimmed = mode == null ? "" : mode.trim().toLowerCase(Locale.ROOT);
    Mode parsed = switch (trimmed) {
      case "none" -> Mode.NONE;
      case "allowlist" -> Mode.ALLOWLIST;
      default -> throw new InvalidPolicyException("network = '" + mode + "' is not a network mode; use none or allowlist");
    };
    return new NetworkPolicy(parsed, allow.stream().filter(entry -> !entry.isBlank()).map(HostPattern::parse).toList());
  }

  /** Whether the proxy lets a request to {@code host}:{@code port} through. */
  public boolean allows(String host, int port) {
    return allow.stream().anyMatch(pattern -> pattern.matches(host, port));
  }
}
