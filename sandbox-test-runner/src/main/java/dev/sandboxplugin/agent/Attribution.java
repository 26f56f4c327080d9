package dev.sandboxplugin.agent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the observer saw, and which test was running when it saw it. Shared by the agent (which records) and the
 * test runner (which says which test runs and writes the record out); both are on the system class path.
 *
 * <p>Bounded: a test that loops over forbidden calls must not grow the record without end.
 */
public final class Attribution {

  /** One observed attempt. {@code test} is {@code Class#method}, or null outside any test. */
  public record Attempt(String kind, String detail, String test, List<String> stack, Instant time) {}

  static final int MAX_ATTEMPTS = 200;

  private static final InheritableThreadLocal<String> THREAD_TEST = new InheritableThreadLocal<>();
  private static volatile String runningTest;
  private static volatile boolean armed;
  private static volatile boolean ownExit;
  private static volatile String unavailableReason;
  // sandbox:build: each attempt is written out as it happens, one file per JVM (Maven's, each Surefire fork).
  private static volatile java.nio.file.Path liveFile;
  // A JVM that a test of the build started (Mockito's agent attaching, a test of a CLI): all it does is that test's.
  private static volatile String parentTest;
  private static final List<Attempt> ATTEMPTS = new ArrayList<>();
  private static final Set<String> SEEN = new LinkedHashSet<>();
  private static int dropped;

  private Attribution() {}

  /** From now on attempts are recorded: called by the runner just before the tests are discovered. */
  public static void arm() {
    LiveRecord.open();
    armed = true;
  }

  /**
   * A JVM of a build inside the sandbox ({@code sandbox:build}): there is no runner of ours, so recording starts
   * now, every attempt is appended to {@code reportsDir/attempts-<pid>.jsonl} as it happens (a JVM that is killed
   * keeps what it saw), and the test is read from the stack ({@link #testOnStack}).
   */
  static void buildMode(java.nio.file.Path reportsDir) {
    liveFile = reportsDir.resolve("attempts-" + ProcessHandle.current().pid() + ".jsonl");
    String parent = System.getenv(PARENT_TEST);
    parentTest = parent == null || parent.isBlank() ? null : parent;
    armed = true;
  }

  /** The variable through which a test's child JVM learns whose it is; set by the observer as it starts. */
  static final String PARENT_TEST = "SANDBOX_AGENT_TEST";

  /** The test that started this JVM, or null for Maven's own and Surefire's forks. */
  static String parentTest() {
    return parentTest;
  }

  static boolean inBuild() {
    return liveFile != null;
  }

  static boolean armed() {
    return armed && !ownExit;
  }

  /** The runner's own exit is not the payload's. */
  public static void ownExit() {
    ownExit = true;
  }

  public static void testStarted(String test) {
    THREAD_TEST.set(test);
    runningTest = test;
  }

  public static void testFinished() {
    THREAD_TEST.remove();
    runningTest = null;
  }

  /** The test of this thread, else the test running now (a thread the test started without inheriting it). */
  static String currentTest() {
    String test = THREAD_TEST.get();
    return test != null ? test : runningTest;
  }

  /** Attribution could not start (e.g. a JDK without a Security Manager); the kernel still enforces. */
  static void unavailable(String reason) {
    unavailableReason = reason;
  }

  public static String unavailableReason() {
    return unavailableReason;
  }

  static void record(String kind, String detail, List<String> stack, String testOnStack) {
    String test = currentTest();
    if (test == null) {
      test = testOnStack;
    }
    if (test == null) {
      test = parentTest;
    }
    synchronized (ATTEMPTS) {
      // The same attempt from the same test is one finding, however often it loops.
      if (!SEEN.add(kind + '\n' + detail + '\n' + test)) {
        return;
      }
      if (ATTEMPTS.size() >= MAX_ATTEMPTS) {
        dropped++;
        return;
      }
      Attempt attempt = new Attempt(kind, detail, test, List.copyOf(stack), Instant.now());
      ATTEMPTS.add(attempt);
      if (LiveRecord.sending()) {
        String json = AttemptJson.line(attempt).strip();
        if (!LiveRecord.send("{\"attempt\":" + json + "}")) {
          LiveRecord.send("{\"attempt\":" + AttemptJson.line(new Attempt(kind, shortened(detail), test, List.of(),
              attempt.time())).strip() + "}");
        }
      }
      java.nio.file.Path live = liveFile;
      if (live != null) {
        try {
          java.nio.file.Files.writeString(live, AttemptJson.line(attempt), java.nio.charset.StandardCharsets.UTF_8,
              java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException | RuntimeException unwritable) {
          // The reports folder is gone or full: the attempt was refused by the kernel all the same.
        }
      }
    }
  }

  private static String shortened(String text) {
    return text.length() <= 500 ? text : text.substring(0, 500) + "...";
  }

  /** Loads what recording needs, before the observer is installed. */
  static void warmUp() {
    Set<String> seen = new LinkedHashSet<>();
    seen.add("" + '\n' + Instant.now());
    List<String> stack = new ArrayList<>(List.of("x"));
    new Attempt("kind", "detail", null, List.copyOf(stack), Instant.now()).hashCode();
    currentTest();
  }

  public static List<Attempt> attempts() {
    synchronized (ATTEMPTS) {
      return List.copyOf(ATTEMPTS);
    }
  }

  /** Attempts not kept once {@link #MAX_ATTEMPTS} were. */
  public static int dropped() {
    synchronized (ATTEMPTS) {
      return dropped;
    }
  }
}
