package dev.sandboxplugin.policy;

import java.util.List;
import java.util.Locale;

/**
 * Where the payload may connect. {@link Mode#NONE}: nowhere, only loopback. {@link Mode#ALLOWLIST}: only through
 * the egress proxy, and only to hosts matching {@link #allow()}.
 */
public record NetworkPolicy(Mode mode, List<HostPattern> allow) {

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
