package dev.sandboxplugin.policy;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A host the egress proxy lets through: an exact name ({@code repo.example.org}) or every subdomain of one
 * ({@code *.example.com}, which does not match {@code example.com} itself), optionally on one port only
 * ({@code *.example.com:443}). Names only: the proxy decides before anything is resolved, so an IP address here
 * would be a way around it and is refused.
 */
public final class HostPattern {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final int ANY_PORT = -1;

  private final boolean subdomains;
  private final String domain;
  private final int port;

  private HostPattern(boolean subdomains, String domain, int port) {
    this.subdomains = subdomains;
    this.domain = domain;
    this.port = port;
  }

  /** Parses {@code host}, {@code *.domain}, either with {@code :port}; throws {@link InvalidPolicyException}. */
  public static HostPattern parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidPolicyException("allow = '' is empty; give a host name such as repo.example.org or *.example.com:443");
    }
    String pattern = text.trim().toLowerCase(Locale.ROOT);
    int port = ANY_PORT;
    int colon = pattern.lastIndexOf(':');
    if (colon >= 0) {
      port = parsePort(text, pattern.substring(colon + 1));
      pattern = pattern.substring(0, colon);
    }
    boolean subdomains = pattern.startsWith("*.");
    String domain = subdomains ? pattern.substring(2) : pattern;
    if (domain.endsWith(".")) {
      domain = domain.substring(0, domain.length() - 1);
    }
    if (domain.length() > 253 || domain.isEmpty()) {
      throw invalid(text, "is not a host name");
    }
    String[] labels = domain.split("\\.", -1);
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        throw invalid(text, label.contains("*") ? "may only start with '*.' (a wildcard for subdomains)"
            : "is not a host name");
      }
    }
    if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
      throw invalid(text, "is an IP address; allow host names only, the proxy decides before resolving");
    }
    if (subdomains && labels.length < 2) {
      throw invalid(text, "would allow a whole top-level domain; name at least two labels, e.g. *.example.com");
    }
    return new HostPattern(subdomains, domain, port);
  }

  private static int parsePort(String text, String digits) {
    if (!digits.matches("[0-9]{1,5}")) {
      throw invalid(text, "has a port that is not a number from 1 to 65535");
    }
    int port = Integer.parseInt(digits);
    if (port < 1 || port > 65535) {
      throw invalid(text, "has a port that is not a number from 1 to 65535");
    }
    return port;
  }

  private static InvalidPolicyException invalid(String text, String why) {
    return new InvalidPolicyException("allow = '" + text + "' " + why
        + "; write a host name such as repo.example.org or *.example.com, optionally with :port");
  }

  /** Whether a request to {@code host} on {@code port} is allowed; {@code host} as the client named it. */
  public boolean matches(String host, int port) {
    if (host == null || (this.port != ANY_PORT && this.port != port)) {
      return false;
    }
    String name = host.toLowerCase(Locale.ROOT);
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    return subdomains ? name.endsWith("." + domain) : name.equals(domain);
  }

  @Override
  public String toString() {
    return (subdomains ? "*." : "") + domain + (port == ANY_PORT ? "" : ":" + port);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof HostPattern that && that.toString().equals(toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }
}
