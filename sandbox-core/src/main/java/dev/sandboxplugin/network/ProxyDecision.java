package dev.sandboxplugin.network;

import dev.sandboxplugin.policy.HostPattern;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether the egress proxy serves a request, decided from the names in the request alone, before anything is
 * resolved: a target that is an IP address, a Host header naming another host than the target, or a host no
 * allowlist pattern matches is refused. Runs inside the proxy container.
 *
 * @param allowed whether the proxy connects
 * @param reason why, for the log and the report
 */
record ProxyDecision(boolean allowed, String reason) {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");

  static ProxyDecision decide(ProxyRequest request, List<HostPattern> allow) {
    String host = request.host;
    if (host.startsWith("[") || host.contains(":")) {
      return deny("IP address target; only allowlisted host names are served");
    }
    if (!isHostName(host)) {
      return deny(looksNumeric(host) ? "IP address target; only allowlisted host names are served"
          : "not a host name");
    }
    String hostHeader = request.header("Host");
    if (hostHeader != null && !sameAuthority(hostHeader, host, request.port)) {
      return deny("Host header '" + hostHeader + "' does not name the target " + host + ":" + request.port);
    }
    for (HostPattern pattern : allow) {
      if (pattern.matches(host, request.port)) {
        return new ProxyDecision(true, "allowed by " + pattern);
      }
    }
    return deny("not on the allowlist");
  }

  private static ProxyDecision deny(String reason) {
    return new ProxyDecision(false, reason);
  }

  // Digits in the last label cover 10.0.0.1, 2130706433 and 0x7f.1; hex labels end in a digit or are caught below.
  static boolean isHostName(String host) {
    if (host.isEmpty() || host.length() > 253) {
      return false;
    }
    String[] labels = host.split("\\.", -1);
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return !looksNumeric(host);
  }

  private static boolean looksNumeric(String host) {
    String[] labels = host.split("\\.", -1);
    String last = labels[labels.length - 1];
    return !last.isEmpty() && (last.chars().allMatch(Character::isDigit) || last.matches("0x[0-9a-f]*"));
  }

  private static boolean sameAuthority(String hostHeader, String host, int port) {
    String value = hostHeader.trim().toLowerCase(Locale.ROOT);
    String name = value;
    int headerPort = -1;
    int colon = value.lastIndexOf(':');
    if (colon >= 0 && !value.endsWith("]")) {
      name = value.substring(0, colon);
      try {
        headerPort = Integer.parseInt(value.substring(colon + 1));
      } catch (NumberFormatException malformed) {
        return false;
      }
    }
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    // Without a port the Host header means the scheme's default: 80 for plain HTTP; CONNECT gives it explicitly.
    return name.equals(host) && (headerPort == -1 || headerPort == port);
  }
}
