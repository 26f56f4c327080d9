package dev.sandboxplugin.network;

import dev.sandboxplugin.verdict.Evidence;
import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the network witness ({@link NetworkWitness}) printed, as violations and notices. Every line is one distinct
 * attempt the payload made to reach an address that is not its own: a TCP connection, a UDP datagram or a ping is
 * a {@code NETWORK} violation; a DNS query to the system's resolver (loopback: the sandbox has none) is judged as
 * the agent judges a lookup, a {@code DNS} violation when the name carries data and else a {@code LOOKUP} notice;
 * a DNS query sent to an address of the payload's choosing is a {@code NETWORK} violation.
 */
public final class NetworkWitnessLog {

  static final String PREFIX = "sandbox-witness";
  private static final String LOOKUP_OF = "host name lookup of ";
  private static final int MOST_PER_KIND = 50;
  private static final int MAX_LABEL = 32;
  private static final int MAX_LABELS = 8;
  private static final int MAX_NAMES_PER_DOMAIN = 20;

  /** No witness ran. */
  public static final NetworkWitnessLog NONE = new NetworkWitnessLog(List.of(), List.of(), List.of());

  private final List<Violation> violations;
  private final List<Violation> notices;
  private final List<String> gaps;

  private NetworkWitnessLog(List<Violation> violations, List<Violation> notices, List<String> gaps) {
    this.violations = List.copyOf(violations);
    this.notices = List.copyOf(notices);
    this.gaps = List.copyOf(gaps);
  }

  /** The breach attempts it saw, source {@link Evidence#NETWORK_SINK}. */
  public List<Violation> violations() {
    return violations;
  }

  /** Bare host name lookups (which reach nothing), source {@link Evidence#NETWORK_SINK}. */
  public List<Violation> notices() {
    return notices;
  }

  /**
   * {@code noted} and then the witness's bare lookups of names not already in them: the agent's notice of a
   * lookup names the test, so it is the one kept.
   */
  public List<Violation> noticesBeyond(List<Violation> noted) {
    List<Violation> all = new ArrayList<>(noted);
    for (Violation lookup : notices) {
      String name = lookup.detail().substring(LOOKUP_OF.length(), lookup.detail().indexOf(' ', LOOKUP_OF.length()));
      if (noted.stream().noneMatch(notice -> notice.kind() == ViolationKind.LOOKUP
          && notice.detail().startsWith(LOOKUP_OF + name + " "))) {
        all.add(lookup);
      }
    }
    return all;
  }

  /** What the witness may have missed (packets dropped under a flood, more attempts than it prints). */
  public List<String> gaps() {
    return gaps;
  }

  /** Reads the witness's output; lines that are not its own are skipped. */
  static NetworkWitnessLog parse(List<String> lines) {
    List<Violation> violations = new ArrayList<>();
    Set<String> lookups = new LinkedHashSet<>();
    List<String> gaps = new ArrayList<>();
    Map<ViolationKind, Integer> perKind = new EnumMap<>(ViolationKind.class);
    Map<String, Set<String>> namesPerDomain = new HashMap<>();
    long dropped = 0;
    for (String line : lines) {
      String[] field = line.trim().split(" ");
      if (field.length < 2 || !field[0].equals(PREFIX)) {
        continue;
      }
      if (field[1].equals("dropped") && field.length == 3) {
        dropped += parseLong(field[2]);
        continue;
      }
      if (field[1].equals("stopped") && field.length == 3) {
        gaps.add("the witness stopped (exit " + field[2] + ") before the payload ended; what came after is unseen");
        continue;
      }
      if (field[1].equals("overflow") && field.length == 3) {
        gaps.add("more than " + field[2] + " distinct attempts: the witness named the first " + field[2]);
        continue;
      }
      if (field.length != 7) {
        continue; // "ready", or a line cut short
      }
      Attempt attempt = Attempt.of(field);
      if (attempt == null) {
        continue;
      }
      Violation violation;
      if (attempt.port == 53 && attempt.dnsName != null) {
        String name = attempt.dnsName;
        if (!attempt.loopback) {
          violation = new Violation(ViolationKind.NETWORK, "DNS query for " + name + " sent to " + attempt.destination()
              + " (" + attempt.protocol + ")", Evidence.NETWORK_SINK);
        } else if (carriesData(name, namesPerDomain)) {
          violation = new Violation(ViolationKind.DNS, "host name lookup of " + name + ", a name that carries data"
              + " (a covert channel)", Evidence.NETWORK_SINK);
        } else {
          lookups.add(name);
          continue;
        }
      } else if (attempt.loopback) {
        continue; // a DNS query over TCP to the resolver that is not there: its name never left the payload
      } else {
        String what = switch (attempt.protocol) {
          case "tcp" -> "connection to " + attempt.destination() + " (TCP)";
          case "udp" -> "datagram to " + attempt.destination() + " (UDP)";
          default -> "ping to " + attempt.address + " (ICMP echo)";
        };
        violation = new Violation(ViolationKind.NETWORK, what, Evidence.NETWORK_SINK);
      }
      if (perKind.merge(violation.kind(), 1, Integer::sum) <= MOST_PER_KIND) {
        violations.add(violation);
      }
    }
    perKind.forEach((kind, count) -> {
      if (count > MOST_PER_KIND) {
        gaps.add(count + " " + kind + " attempts seen; the report names the first " + MOST_PER_KIND);
      }
    });
    if (dropped > 0) {
      gaps.add(dropped + " packets arrived faster than the witness could read them and were not seen");
    }
    List<Violation> notices = lookups.stream().map(name -> new Violation(ViolationKind.LOOKUP, LOOKUP_OF
        + name + " (it reaches nothing: the sandbox has no resolver)", Evidence.NETWORK_SINK)).toList();
    return new NetworkWitnessLog(violations, notices, gaps);
  }

  // As the agent decides it: a label longer than any word, more labels than a host name has, or the 21st name
  // under one domain.
  static boolean carriesData(String name, Map<String, Set<String>> namesPerDomain) {
    String[] labels = name.toLowerCase(Locale.ROOT).split("\\.");
    for (String label : labels) {
      if (label.length() > MAX_LABEL) {
        return true;
      }
    }
    if (labels.length > MAX_LABELS) {
      return true;
    }
    String domain = labels.length >= 2 ? labels[labels.length - 2] + "." + labels[labels.length - 1] : name;
    Set<String> names = namesPerDomain.computeIfAbsent(domain, key -> new LinkedHashSet<>());
    names.add(name.toLowerCase(Locale.ROOT));
    return names.size() > MAX_NAMES_PER_DOMAIN;
  }

  private static long parseLong(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** One line: {@code sandbox-witness <ms> <tcp|udp|icmp> <4|6> <address hex> <port> <dns message hex|->}. */
  private record Attempt(String protocol, String address, boolean loopback, int port, String dnsName) {

    static Attempt of(String[] field) {
      String protocol = field[2];
      if (!protocol.equals("tcp") && !protocol.equals("udp") && !protocol.equals("icmp")) {
        return null;
      }
      try {
        byte[] bytes = HexFormat.of().parseHex(field[4]);
        if (bytes.length != 4 && bytes.length != 16) {
          return null;
        }
        InetAddress address = InetAddress.getByAddress(bytes);
        int port = Integer.parseInt(field[5]);
        String dnsName = field[6].equals("-") ? null : questionName(HexFormat.of().parseHex(field[6]));
        return new Attempt(protocol, address.getHostAddress(), address.isLoopbackAddress(), port, dnsName);
      } catch (IllegalArgumentException | UnknownHostException e) {
        return null;
      }
    }

    String destination() {
      return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }
  }

  /**
   * The name a DNS message asks for (its first question), or null when it is not one. Labels are printable ASCII
   * only: the name came from the payload and ends up in reports and logs.
   */
  static String questionName(byte[] message) {
    if (message.length < 17) {
      return null;
    }
    StringBuilder name = new StringBuilder();
    int at = 12;
    while (at < message.length) {
      int length = message[at] & 0xFF;
      if (length == 0) {
        return name.length() == 0 ? "." : name.toString();
      }
      if (length > 63 || at + 1 + length > message.length) {
        return null; // a compression pointer or a cut message: no question of a query
      }
      if (name.length() > 0) {
        name.append('.');
      }
      for (int i = at + 1; i <= at + length; i++) {
        int c = message[i] & 0xFF;
        name.append(c > 0x20 && c < 0x7F && c != '\\' ? (char) c : String.format("\\%03d", c));
      }
      at += 1 + length;
    }
    return null;
  }
}
