package dev.sandboxplugin.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Told of a connection, a host name lookup, a file access, a process start or an exit before it happens (by the
 * JVM's Security Manager checks, or by hooks in the JDK's own classes where there is no Security Manager), records
 * the forbidden ones with the test and the calling code, and never refuses anything: refusing is the kernel's job
 * (read-only root, no network, seccomp), so code that gets past this observer is still contained.
 */
final class Observer {

  private Observer() {}

  private static final int STACK_FRAMES = 8;
  private static final List<String> WRITABLE = List.of("/tmp", "/sandbox/reports", "/dev/null", "/dev/stdout",
      "/dev/stderr", "/dev/fd", "/proc/self/fd", "/dev/shm");
  private static final List<String> INFRASTRUCTURE = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
      "dev.sandboxplugin.agent.", "dev.sandboxplugin.testrunner.", "dev.sandboxplugin.preflight.", "org.junit.",
      "junit.", "org.opentest4j.");

  // Checking runs code that is itself checked (paths, regexes, stack walking, class loading): while one check
  // runs on a thread, the checks it causes are let through unseen. A named class, not a lambda: nothing may need
  // loading on the way to this guard.
  private static final ThreadLocal<Boolean> BUSY = new Busy();

  private static final class Busy extends ThreadLocal<Boolean> {
    @Override
    protected Boolean initialValue() {
      return Boolean.FALSE;
    }
  }

  static void checkConnect(String host, int port) {
    if (!enter()) {
      return;
    }
    try {
      if (host == null || isLoopback(host)) {
        return;
      }
      if (port == -1) {
        if (!isAddressLiteral(host)) {
          record("DNS", "host name lookup of " + host);
        }
      } else {
        record("NETWORK", "connection to " + host + ":" + port);
      }
    } finally {
      leave();
    }
  }

  static void checkWrite(String file) {
    checkChange(file, "write to ");
  }

  static void checkDelete(String file) {
    checkChange(file, "delete of ");
  }

  private static void checkChange(String file, String what) {
    if (!enter()) {
      return;
    }
    try {
      String path = absolute(file);
      if (path != null && !isUnder(path, WRITABLE)) {
        record("FILE_WRITE", what + path + " (only /tmp is writable)");
      }
    } finally {
      leave();
    }
  }

  static void checkRead(String file) {
    if (!enter()) {
      return;
    }
    try {
      String path = absolute(file);
      String why = path == null ? null : SensitivePaths.why(path);
      if (why != null) {
        record("FILE_READ", "read of " + path + " (" + why + ")");
      }
    } finally {
      leave();
    }
  }

  static void checkExec(String command) {
    if (!enter()) {
      return;
    }
    try {
      record("PROCESS", "start of process " + command);
    } finally {
      leave();
    }
  }

  static void checkExit(int status) {
    if (!enter()) {
      return;
    }
    try {
      record("EXIT", "System.exit/Runtime.halt(" + status + ") from a test: it ends the test JVM");
      if (Attribution.currentTest() != null) {
        // Said now: Runtime.halt skips the runner's shutdown hook, and with it the report.
        System.err.println("[sandbox-agent] EXIT(" + status + ") called by " + Attribution.currentTest());
      }
    } finally {
      leave();
    }
  }

  private static boolean enter() {
    if (!Attribution.armed() || BUSY.get()) {
      return false;
    }
    BUSY.set(Boolean.TRUE);
    return true;
  }

  private static void leave() {
    BUSY.set(Boolean.FALSE);
  }

  private static void record(String kind, String detail) {
    Attribution.record(kind, detail, callerFrames());
  }

  /** Runs every path of a check once, unarmed, so that no class is first loaded inside a check. */
  static void warmUp() {
    absolute("relative/x");
    SensitivePaths.why("/proc/1/environ");
    SensitivePaths.why("/home/u/.ssh/id_rsa");
    isUnder("/tmp/x", WRITABLE);
    isLoopback("[::1]");
    isAddressLiteral("127.0.0.1");
    callerFrames();
    BUSY.set(Boolean.FALSE);
    Attribution.warmUp();
  }

  private static List<String> callerFrames() {
    return StackWalker.getInstance().walk(frames -> frames
        .filter(frame -> INFRASTRUCTURE.stream().noneMatch(frame.getClassName()::startsWith))
        .limit(STACK_FRAMES)
        .map(frame -> frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName() + ":"
            + frame.getLineNumber() + ")")
        .collect(Collectors.toCollection(ArrayList::new)));
  }

  private static String absolute(String file) {
    if (isPlainAbsolute(file)) {
      return file; // already what normalising would give, without building a Path: the common case, and hot
    }
    try {
      return Path.of(file).toAbsolutePath().normalize().toString();
    } catch (RuntimeException notAPath) {
      return null;
    }
  }

  static boolean isPlainAbsolute(String file) {
    return file != null && file.startsWith("/") && file.length() > 1 && !file.endsWith("/") && !file.contains("//")
        && !file.contains("/./") && !file.contains("/../") && !file.endsWith("/.") && !file.endsWith("/..");
  }

  static boolean isUnder(String path, List<String> roots) {
    for (String root : roots) {
      if (path.equals(root) || path.startsWith(root + "/")) {
        return true;
      }
    }
    return false;
  }

  static boolean isLoopback(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    return name.equals("localhost") || name.endsWith(".localhost") || name.startsWith("127.") || name.equals("::1")
        || name.equals("0:0:0:0:0:0:0:1") || name.equals("0.0.0.0");
  }

  static boolean isAddressLiteral(String host) {
    return host.matches("[0-9.]+") || host.contains(":");
  }
}
