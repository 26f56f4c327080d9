package dev.sandboxplugin.run;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Labels on every container we start: which run it belongs to, which process owns it and when it must be gone.
 * They let a later run sweep what a crashed or killed one left, without touching another live build's containers.
 */
public final class RunLabels {

  public static final String RUN = "dev.sandboxplugin.run";
  public static final String OWNER = "dev.sandboxplugin.owner";
  public static final String DEADLINE = "dev.sandboxplugin.deadline";

  private RunLabels() {}

  public static Map<String, String> forRun(String runId, Instant deadline) {
    return Map.of(RUN, runId, OWNER, thisOwner(), DEADLINE, Long.toString(deadline.toEpochMilli()));
  }

  /** {@code host:pid} of this JVM. */
  public static String thisOwner() {
    return hostName() + ":" + ProcessHandle.current().pid();
  }

  /** True when {@code owner} names a process on this host that no longer runs. */
  static boolean ownerIsGone(String owner) {
    if (owner == null) {
      return false;
    }
    int colon = owner.lastIndexOf(':');
    if (colon < 0 || !owner.substring(0, colon).equals(hostName())) {
      return false;
    }
    try {
      Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(owner.substring(colon + 1)));
      return process.isEmpty() || !process.get().isAlive();
    } catch (NumberFormatException malformed) {
      return false;
    }
  }

  private static final String HOST_NAME = readHostName();

  private static String hostName() {
    return HOST_NAME;
  }

  // The kernel's name first: asking the resolver can stall for seconds on a CI box with odd DNS.
  private static String readHostName() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    } catch (IOException | RuntimeException notLinux) {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        return "unknown-host";
      }
    }
  }
}
