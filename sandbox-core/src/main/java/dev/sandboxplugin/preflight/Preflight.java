package dev.sandboxplugin.preflight;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs inside the sandbox, in the payload's own JVM, before the payload: checks from the kernel's own account
 * ({@code /proc}) that the hardening asked for is really in effect, and refuses to start the payload when it is
 * not. A misconfigured engine or runtime must fail closed, never run the payload unprotected.
 *
 * <p>Only {@code java.base}, and a single class: it is copied into every JVM payload image as is.
 *
 * <p>Usage: {@code Preflight main <class> [args...]} or {@code Preflight source <file.java> [args...]}.
 */
public final class Preflight {

  /** Exit code of a refused start; with {@link #REFUSED} on stderr it gives verdict ERROR. */
  public static final int REFUSED_EXIT = 86;
  /** Start of the line that says what was not in effect. */
  public static final String REFUSED = "sandbox preflight refused to start the payload:";

  private Preflight() {}

  public static void main(String[] args) throws Throwable {
    List<String> failures = check(Path.of("/proc"));
    if (!failures.isEmpty()) {
      System.err.println(REFUSED + " " + String.join("; ", failures));
      System.exit(REFUSED_EXIT);
    }
    String[] payloadArgs = Arrays.copyOfRange(args, 2, args.length);
    if (args[0].equals("source")) {
      String[] launcherArgs = new String[payloadArgs.length + 1];
      launcherArgs[0] = args[1];
      System.arraycopy(payloadArgs, 0, launcherArgs, 1, payloadArgs.length);
      invokeMain("com.sun.tools.javac.launcher.Main", launcherArgs);
    } else {
      invokeMain(args[1], payloadArgs);
    }
  }

  /** What is not in effect, read from {@code proc} (normally {@code /proc}); empty when all is. */
  public static List<String> check(Path proc) throws IOException {
    List<String> failures = new ArrayList<>();
    List<String> status = Files.readAllLines(proc.resolve("self/status"));
    for (String set : List.of("CapEff", "CapPrm", "CapBnd")) {
      String value = field(status, set);
      if (value == null || !value.matches("0+")) {
        failures.add("capabilities " + set + " = " + value + " (expected none)");
      }
    }
    // gVisor's own kernel shows no NoNewPrivs line and no nosuid/nodev among a tmpfs's mount options; runsc sets
    // no_new_privs itself from the container's spec. There those three cannot be read, so they are not required;
    // everything else (capabilities, seccomp, uid, read-only root, noexec, loopback only) still is.
    boolean gvisor = field(status, "NoNewPrivs") == null && isGvisor(proc);
    if (!gvisor) {
      expect(failures, status, "NoNewPrivs", "1", "no_new_privs");
    }
    expect(failures, status, "Seccomp", "2", "seccomp filter mode");
    String uid = field(status, "Uid");
    if (uid == null || uid.split("\\s+")[0].equals("0")) {
      failures.add("running as root (Uid " + uid + ")");
    }
    List<String> mounts = Files.readAllLines(proc.resolve("self/mountinfo"));
    List<String> root = mountOptions(mounts, "/");
    if (!root.contains("ro")) {
      failures.add("root file system is not read-only (" + String.join(",", root) + ")");
    }
    List<String> tmp = mountOptions(mounts, "/tmp");
    for (String option : gvisor ? List.of("noexec") : List.of("noexec", "nosuid", "nodev")) {
      if (!tmp.contains(option)) {
        failures.add("/tmp is not " + option + " (" + String.join(",", tmp) + ")");
      }
    }
    for (String line : Files.readAllLines(proc.resolve("net/dev"))) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.substring(0, colon).trim().equals("lo")) {
        failures.add("network interface " + line.substring(0, colon).trim() + " present (expected loopback only)");
      }
    }
    return failures;
  }

  // gVisor answers /proc/version with the fixed kernel it emulates, 4.4.0.
  private static boolean isGvisor(Path proc) throws IOException {
    Path version = proc.resolve("version");
    return Files.isRegularFile(version) && Files.readString(version).startsWith("Linux version 4.4.0 ");
  }

  private static void expect(List<String> failures, List<String> status, String name, String expected, String what) {
    String value = field(status, name);
    if (!expected.equals(value)) {
      failures.add(what + " not in effect (" + name + " = " + value + ")");
    }
  }

  private static String field(List<String> status, String name) {
    for (String line : status) {
      if (line.startsWith(name + ":")) {
        return line.substring(name.length() + 1).trim();
      }
    }
    return null;
  }

  // mountinfo: "id parent major:minor root mountpoint options ..."; the last mount on a point is the one seen.
  private static List<String> mountOptions(List<String> mountinfo, String mountPoint) {
    List<String> options = List.of();
    for (String line : mountinfo) {
      String[] fields = line.split(" ");
      if (fields.length > 5 && fields[4].equals(mountPoint)) {
        options = List.of(fields[5].split(","));
      }
    }
    return options;
  }

  private static void invokeMain(String className, String[] args) throws Throwable {
    Method main = Class.forName(className, false, ClassLoader.getSystemClassLoader())
        .getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw e.getCause(); // the payload's own exception, reported as if main had thrown it
    }
  }
}
