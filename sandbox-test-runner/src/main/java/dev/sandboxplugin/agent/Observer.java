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
  private static final List<String> TEST_WRITABLE = List.of("/tmp", "/sandbox/reports", "/dev/null", "/dev/stdout",
      "/dev/stderr", "/dev/fd", "/proc/self/fd", "/dev/shm");
  // A build inside also writes its project's target/ folders and its local repository, all under /work.
  private static volatile List<String> writable = TEST_WRITABLE;
  private static volatile String ownHostName = "";
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
      // The container's own name (InetAddress.getLocalHost, Surefire's report header) asks nothing of anyone.
      if (host == null || isLoopback(host) || host.equalsIgnoreCase(ownHostName)) {
        return;
      }
      if (port == -1) {
        if (!isAddressLiteral(host)) {
          lookup(host);
        }
      } else {
        record("NETWORK", "connection to " + host + ":" + port);
      }
    } finally {
      leave();
    }
  }

  // The sandbox has no resolver, so a lookup sends nothing anywhere. It is a breach attempt when it is the first step
  // of a connection (the code meant to reach that host) or when the name carries data (a covert channel); any other
  // (URL.equals and URL.hashCode resolve, a test probes whether the network is up) is only noted, as LOOKUP.
  private static void lookup(String host) {
    if (lookupToConnect()) {
      record("DNS", "host name lookup of " + host + " to connect");
    } else if (carriesData(host)) {
      record("DNS", "host name lookup of " + host + ", a name that carries data (a covert channel)");
    } else {
      record("LOOKUP", "host name lookup of " + host + " (it sends nothing: the sandbox has no resolver)");
    }
  }

  // Not InetSocketAddress: an address is also built for a setting (a proxy's) that nothing connects to; a socket
  // that connects to one is seen connecting.
  private static final List<String> CONNECTING = List.of("java.net.Socket", "java.net.DatagramSocket",
      "java.net.MulticastSocket", "java.net.HttpURLConnection", "sun.nio.ch.", "sun.net.", "java.net.http.",
      "jdk.internal.net.http.", "sun.security.ssl.", "javax.net.", "com.sun.jndi.");
  private static final java.util.Map<String, java.util.Set<String>> NAMES_PER_DOMAIN =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static final int MAX_LABEL = 32;
  private static final int MAX_LABELS = 8;
  private static final int MAX_NAMES_PER_DOMAIN = 20;

  private static boolean lookupToConnect() {
    return StackWalker.getInstance().walk(frames -> frames.anyMatch(frame -> {
      String name = frame.getClassName();
      return CONNECTING.stream().anyMatch(name::startsWith);
    }));
  }

  // A label longer than any word, more labels than a host name has, or the 21st name under one domain.
  static boolean carriesData(String host) {
    String[] labels = host.toLowerCase(Locale.ROOT).split("\\.");
    for (String label : labels) {
      if (label.length() > MAX_LABEL) {
        return true;
      }
    }
    if (labels.length > MAX_LABELS) {
      return true;
    }
    String domain = labels.length >= 2 ? labels[labels.length - 2] + "." + labels[labels.length - 1] : host;
    java.util.Set<String> names = NAMES_PER_DOMAIN.computeIfAbsent(domain,
        key -> java.util.concurrent.ConcurrentHashMap.newKeySet());
    names.add(host.toLowerCase(Locale.ROOT));
    return names.size() > MAX_NAMES_PER_DOMAIN;
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
      if (path != null && !isUnder(path, writable)) {
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
    checkExec(command, null);
  }

  /**
   * A process start; {@code start}, when known, is its builder. A test of a build that starts this JDK's own
   * launcher with this agent in its environment starts a JVM watched as this one is: a notice ({@code JVM}), and
   * the test is returned for its environment. Anything else a test starts is a {@code PROCESS}; null is returned.
   */
  static String checkExec(String command, ProcessBuilder start) {
    if (!enter()) {
      return null;
    }
    try {
      if (Attribution.inBuild()) {
        // In a build, the tools start processes (Surefire its forks, javac, exec): only a test's own are noted.
        String test = testOrParent();
        if (test == null) {
          return null;
        }
        if (start != null && startsAWatchedJvm(command, start)) {
          record("JVM", "start of a JVM the agent watches too (" + command + "); what it does is the test's");
          return test;
        }
      }
      record("PROCESS", "start of process " + command);
      return null;
    } finally {
      leave();
    }
  }

  // This JDK's launcher, with the same JAVA_TOOL_OPTIONS that loaded this agent (a build's JVMs all get it).
  private static boolean startsAWatchedJvm(String command, ProcessBuilder start) {
    String own = System.getenv("JAVA_TOOL_OPTIONS");
    String javaHome = System.getProperty("java.home");
    return own != null && own.contains("-javaagent:") && javaHome != null
        && command.equals(javaHome + "/bin/java") && own.equals(start.environment().get("JAVA_TOOL_OPTIONS"));
  }

  private static String testOrParent() {
    String test = testOnStack();
    return test != null ? test : Attribution.parentTest();
  }

  static void checkExit(int status) {
    if (!enter()) {
      return;
    }
    try {
      // Maven and Surefire's booter end their JVMs with System.exit: only a test's own exit is noted (a JVM a
      // test started may end itself: that ends no test JVM).
      if (Attribution.inBuild() && testOnStack() == null) {
        return;
      }
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
    Attribution.record(kind, detail, callerFrames(), Attribution.inBuild() ? testOnStack() : null);
  }

  /** For a JVM of a build inside: writes under {@code /work} are the build's own, and so is its host name. */
  static void forBuild(String workRoot) {
    List<String> roots = new ArrayList<>(TEST_WRITABLE);
    roots.add(workRoot);
    writable = List.copyOf(roots);
    try {
      ownHostName = java.nio.file.Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    } catch (java.io.IOException | RuntimeException unreadable) {
      ownHostName = "";
    }
  }

  // Under Surefire there is no runner of ours to say which test runs: the outermost frame of a class compiled into a
  // test-classes folder is the test method (the framework calls it; the test calls what it calls).
  private static String testOnStack() {
    return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> {
      String found = null;
      for (StackWalker.StackFrame frame : (Iterable<StackWalker.StackFrame>) frames::iterator) {
        if (isTestClass(frame.getDeclaringClass())) {
          found = topLevel(frame.getClassName()) + "#" + frame.getMethodName();
        }
      }
      return found;
    });
  }

  private static boolean isTestClass(Class<?> type) {
    try {
      java.security.CodeSource source = type.getProtectionDomain().getCodeSource();
      return source != null && source.getLocation() != null
          && source.getLocation().getPath().contains("/test-classes/");
    } catch (SecurityException unreadable) {
      return false;
    }
  }

  private static String topLevel(String className) {
    int dollar = className.indexOf('$');
    return dollar < 0 ? className : className.substring(0, dollar);
  }

  /** Runs every path of a check once, unarmed, so that no class is first loaded inside a check. */
  static void warmUp() {
    absolute("relative/x");
    SensitivePaths.why("/proc/1/environ");
    SensitivePaths.why("/home/u/.ssh/id_rsa");
    isUnder("/tmp/x", writable);
    testOnStack();
    isLoopback("[::1]");
    isAddressLiteral("127.0.0.1");
    lookupToConnect();
    NAMES_PER_DOMAIN.clear();
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
