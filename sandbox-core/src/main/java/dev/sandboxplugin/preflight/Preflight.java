package dev.sandboxplugin.preflight;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
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
public final class Preflight implements Runnable {

  /** Where script and build payloads find this check's POSIX sh form, which their command starts first. */
  public static final String SHELL_FORM = "/app/launcher/preflight.sh";

  /** Exit code of a refused start; with {@link #REFUSED} on stderr it gives verdict ERROR. */
  public static final int REFUSED_EXIT = 86;
  /** Start of the line that says what was not in effect. */
  public static final String REFUSED = "sandbox preflight refused to start the payload:";
  /**
   * Start of the line, said when the payload has ended, with the kernel's count of the processes and threads the
   * pids limit refused it ({@code pids.events}): a payload that hides its own fork errors is still named. The sh
   * preflight says the same line.
   */
  public static final String PIDS_REFUSED = "[sandbox] the pids limit refused";
  // The container's own pids cgroup, as the engine shows it inside: cgroup v1, then v2.
  private static final List<Path> PIDS_EVENTS = List.of(Path.of("/sys/fs/cgroup/pids/pids.events"),
      Path.of("/sys/fs/cgroup/pids.events"));

  /** The pids.events file the count is read from. */
  private final Path pidsEvents;
  /** The count said last: main's end and the hook may both come to say it. */
  private static volatile long saidCount;

  // The hook is this class itself (no lambda, no inner class): it stays one class file, and cheap to start.
  private Preflight(Path pidsEvents) {
    this.pidsEvents = pidsEvents;
  }

  public static void main(String[] args) throws Throwable {
    List<String> failures = check(Path.of("/proc"));
    if (!failures.isEmpty()) {
      System.err.println(REFUSED + " " + String.join("; ", failures));
      System.exit(REFUSED_EXIT);
    }
    Path pidsEvents = pidsEvents();
    if (pidsEvents != null) {
      // System.exit ends the JVM without returning here: a shutdown hook says it then.
      Runtime.getRuntime().addShutdownHook(new Thread(new Preflight(pidsEvents), "sandbox-pids-count"));
    }
    try {
      runPayload(args);
    } finally {
      if (pidsEvents != null) {
        // Said by the main thread when main returns or throws: at the limit no new thread could say it.
        new Preflight(pidsEvents).run();
      }
    }
  }

  private static void runPayload(String[] args) throws Throwable {
    String[] payloadArgs = Arrays.copyOfRange(args, 2, args.length);
    if (args[0].equals("source")) {
      String[] launcherArgs = new String[payloadArgs.length + 1];
      launcherArgs[0] = args[1];
      System.arraycopy(payloadArgs, 0, launcherArgs, 1, payloadArgs.length);
      // The source launcher's class: Main up to JDK 21, SourceLauncher from JDK 22 (multi-file programs).
      invokeMain(Runtime.version().feature() >= 22 ? "com.sun.tools.javac.launcher.SourceLauncher"
          : "com.sun.tools.javac.launcher.Main", launcherArgs);
    } else {
      invokeMain(args[1], payloadArgs);
    }
  }

  /** What is not in effect, read from {@code proc} (normally {@code /proc}); empty when all is. */
  public static List<String> check(Path proc) throws IOException {
    return check(proc, Path.of("/"));
  }

  /** As {@link #check(Path)}, with the mount points looked up under {@code fileSystem} for whether we can write there. */
  static List<String> check(Path proc, Path fileSystem) throws IOException {
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
    List<String> required = gvisor ? List.of("noexec") : List.of("noexec", "nosuid", "nodev");
    List<String> tmp = mountOptions(mounts, "/tmp");
    for (String option : required) {
      if (!tmp.contains(option)) {
        failures.add("/tmp is not " + option + " (" + String.join(",", tmp) + ")");
      }
    }
    // Every other folder we can write to must be as closed as /tmp, or a program written there could run: an
    // engine may add writable mounts of its own (Podman puts tmpfs with exec on /run and /var/tmp).
    for (String line : mounts) {
      String[] fields = line.split(" ");
      if (fields.length <= 5 || fields[4].equals("/") || fields[4].equals("/tmp")) {
        continue;
      }
      List<String> options = List.of(fields[5].split(","));
      String mountPoint = unescaped(fields[4]);
      Path point = fileSystem.resolve(mountPoint.substring(1));
      if (options.contains("rw") && Files.isDirectory(point) && Files.isWritable(point)) {
        for (String option : required) {
          if (!options.contains(option)) {
            failures.add(mountPoint + " is writable and not " + option + " (" + fields[5] + ")");
          }
        }
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

  /** The line for {@code count} refusals at the pids limit. */
  public static String pidsRefusedLine(long count) {
    return PIDS_REFUSED + " " + count + " new process(es) or thread(s) (the kernel's count, pids.events)";
  }

  /** The {@code max} count of a {@code pids.events} file: forks and threads refused at the limit. */
  public static long refusedAtPidsLimit(List<String> pidsEvents) {
    for (String line : pidsEvents) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length == 2 && fields[0].equals("max") && fields[1].matches("[0-9]{1,18}")) {
        return Long.parseLong(fields[1]);
      }
    }
    return 0;
  }

  // The JVM's end is where the count is read: when main returns or throws, or by a hook on System.exit (a kill at
  // the deadline or Runtime.halt says nothing; nor does the hook when the limit leaves it no thread, but then the
  // JVM itself warns that it could not start the thread).
  private static Path pidsEvents() {
    for (Path events : PIDS_EVENTS) {
      if (Files.isReadable(events)) {
        return events;
      }
    }
    return null;
  }

  @Override
  public void run() {
    try {
      long refused = refusedAtPidsLimit(Files.readAllLines(pidsEvents));
      if (refused > 0 && refused != saidCount) {
        saidCount = refused;
        // The real stderr: the payload may have replaced System.err.
        new PrintStream(new FileOutputStream(FileDescriptor.err), true).println(pidsRefusedLine(refused));
      }
    } catch (IOException | RuntimeException e) {
      // Nothing to say: the verdict then rests on the payload's own messages.
    }
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

  // mountinfo writes a space, tab, newline and backslash in a path as octal escapes.
  private static String unescaped(String path) {
    return path.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
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
