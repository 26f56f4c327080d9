package dev.sandboxplugin.testrunner;

import dev.sandboxplugin.agent.AttemptJson;
import dev.sandboxplugin.agent.Attribution;
import dev.sandboxplugin.agent.LiveRecord;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes one {@code TEST-<class>.xml} per test class in the format of Surefire's reports, so that CI test
 * reporting reads them unchanged, and prints Surefire's per-class line. Also tells the agent which test runs.
 */
final class SurefireXmlReport implements TestExecutionListener {

  enum Outcome { PASSED, FAILURE, ERROR, SKIPPED }

  private static final int MAX_LIVE_TRACE = 3000;

  record TestCase(String className, String name, double seconds, Outcome outcome, String message, String type,
      String trace) {}

  private final Path reportsDir;
  private final PrintWriter console;
  private final Map<String, List<TestCase>> byClass = new LinkedHashMap<>();
  private final Map<String, Long> startedNanos = new ConcurrentHashMap<>();
  private final Map<String, Long> classStartedNanos = new ConcurrentHashMap<>();
  private final Map<String, TestIdentifier> running = new ConcurrentHashMap<>();
  private TestPlan plan;

  SurefireXmlReport(Path reportsDir, PrintWriter console) {
    this.reportsDir = reportsDir;
    this.console = console;
  }

  @Override
  public void testPlanExecutionStarted(TestPlan testPlan) {
    this.plan = testPlan;
  }

  @Override
  public void executionStarted(TestIdentifier id) {
    startedNanos.put(id.getUniqueId(), System.nanoTime());
    if (isTopClass(id)) {
      classStartedNanos.put(className(id), System.nanoTime());
      console.println("Running " + className(id));
      console.flush();
    }
    if (id.isTest()) {
      running.put(id.getUniqueId(), id);
      Attribution.testStarted(className(id) + "#" + methodName(id));
    }
  }

  @Override
  public void executionSkipped(TestIdentifier id, String reason) {
    if (id.isTest() || isTopClass(id)) {
      add(new TestCase(className(id), id.isTest() ? methodName(id) : className(id), 0, Outcome.SKIPPED, reason,
          null, null));
    }
    if (isTopClass(id)) {
      writeClass(className(id));
    }
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    Long started = startedNanos.remove(id.getUniqueId());
    double seconds = started == null ? 0 : (System.nanoTime() - started) / 1e9;
    if (id.isTest()) {
      running.remove(id.getUniqueId());
      Attribution.testFinished();
      add(testCase(className(id), methodName(id), seconds, result));
    } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL && className(id) != null) {
      // A class whose set-up failed: Surefire reports it as a test case named after the class.
      add(testCase(className(id), className(id), seconds, result));
    }
    if (isTopClass(id)) {
      writeClass(className(id));
    }
  }

  /** Tests still running when the JVM is made to exit (System.exit in a test): reported as errors. */
  void abortRunning(String why) {
    for (TestIdentifier id : running.values()) {
      add(new TestCase(className(id), methodName(id), 0, Outcome.ERROR, why, "SystemExit", why));
    }
    running.clear();
    for (String className : new ArrayList<>(byClass.keySet())) {
      writeClass(className);
    }
  }

  /** Counts over every class written so far: run, failures, errors, skipped. */
  synchronized int[] totals() {
    int[] totals = new int[4];
    for (List<TestCase> cases : byClass.values()) {
      for (TestCase test : cases) {
        totals[0]++;
        switch (test.outcome()) {
          case FAILURE -> totals[1]++;
          case ERROR -> totals[2]++;
          case SKIPPED -> totals[3]++;
          default -> { }
        }
      }
    }
    return totals;
  }

  private TestCase testCase(String className, String name, double seconds, TestExecutionResult result) {
    Optional<Throwable> thrown = result.getThrowable();
    return switch (result.getStatus()) {
      case SUCCESSFUL -> new TestCase(className, name, seconds, Outcome.PASSED, null, null, null);
      case ABORTED -> new TestCase(className, name, seconds, Outcome.SKIPPED,
          thrown.map(Throwable::getMessage).orElse("aborted"), null, null);
      case FAILED -> {
        Throwable t = thrown.orElse(null);
        Outcome outcome = t instanceof AssertionError ? Outcome.FAILURE : Outcome.ERROR;
        yield new TestCase(className, name, seconds, outcome, t == null ? null : t.getMessage(),
            t == null ? null : t.getClass().getName(), t == null ? null : trace(t));
      }
    };
  }

  private synchronized void add(TestCase test) {
    byClass.computeIfAbsent(test.className(), key -> new ArrayList<>()).add(test);
    // Out to the host at once: a report the test rewrites later no longer decides what the host believes.
    if (!LiveRecord.send(liveJson(test, MAX_LIVE_TRACE))) {
      LiveRecord.send(liveJson(test, 0));
    }
  }

  /** The end of the run, sent once every test has reported: a stream without it ended early. */
  synchronized void sendEnd() {
    LiveRecord.send("{\"end\":{\"tests\":" + totals()[0] + "}}");
  }

  private static String liveJson(TestCase test, int traceChars) {
    String trace = test.trace() == null || traceChars == 0 ? null
        : test.trace().length() <= traceChars ? test.trace() : test.trace().substring(0, traceChars) + "...";
    String message = test.message() == null || test.message().length() <= 500 ? test.message()
        : test.message().substring(0, 500) + "...";
    return "{\"test\":{\"class\":" + AttemptJson.string(test.className()) + ",\"name\":" + AttemptJson.string(test.name())
        + ",\"outcome\":\"" + test.outcome().name().toLowerCase(Locale.ROOT) + "\",\"seconds\":" + seconds(test.seconds())
        + ",\"message\":" + AttemptJson.string(message) + ",\"type\":" + AttemptJson.string(test.type())
        + ",\"trace\":" + AttemptJson.string(trace) + "}}";
  }

  private synchronized void writeClass(String className) {
    List<TestCase> cases = byClass.getOrDefault(className, List.of());
    int failures = 0;
    int errors = 0;
    int skipped = 0;
    double seconds = 0;
    for (TestCase test : cases) {
      seconds += test.seconds();
      switch (test.outcome()) {
        case FAILURE -> failures++;
        case ERROR -> errors++;
        case SKIPPED -> skipped++;
        default -> { }
      }
    }
    Long started = classStartedNanos.get(className);
    double elapsed = started == null ? seconds : (System.nanoTime() - started) / 1e9;
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append("<testsuite xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" ")
        .append("xsi:noNamespaceSchemaLocation=\"https://maven.apache.org/surefire/maven-surefire-plugin/xsd/")
        .append("surefire-test-report.xsd\" version=\"3.0.2\" name=\"").append(Xml.attribute(className))
        .append("\" time=\"").append(seconds(elapsed)).append("\" tests=\"").append(cases.size())
        .append("\" errors=\"").append(errors).append("\" skipped=\"").append(skipped)
        .append("\" failures=\"").append(failures).append("\">\n");
    xml.append("  <properties>\n    <property name=\"sandbox\" value=\"true\"/>\n  </properties>\n");
    for (TestCase test : cases) {
      xml.append("  <testcase name=\"").append(Xml.attribute(test.name())).append("\" classname=\"")
          .append(Xml.attribute(test.className())).append("\" time=\"").append(seconds(test.seconds())).append('"');
      if (test.outcome() == Outcome.PASSED) {
        xml.append("/>\n");
        continue;
      }
      xml.append(">\n");
      if (test.outcome() == Outcome.SKIPPED) {
        xml.append("    <skipped message=\"").append(Xml.attribute(test.message())).append("\"/>\n");
      } else {
        String element = test.outcome() == Outcome.FAILURE ? "failure" : "error";
        xml.append("    <").append(element);
        if (test.message() != null) {
          xml.append(" message=\"").append(Xml.attribute(test.message())).append('"');
        }
        xml.append(" type=\"").append(Xml.attribute(test.type())).append("\">")
            .append(Xml.text(test.trace())).append("</").append(element).append(">\n");
      }
      xml.append("  </testcase>\n");
    }
    xml.append("</testsuite>\n");
    try {
      Files.writeString(reportsDir.resolve("TEST-" + className + ".xml"), xml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report of " + className, e);
    }
    console.printf(Locale.ROOT, "Tests run: %d, Failures: %d, Errors: %d, Skipped: %d, Time elapsed: %s s%s - in %s%n",
        cases.size(), failures, errors, skipped, seconds(elapsed), failures + errors > 0 ? " <<< FAILURE!" : "",
        className);
    console.flush();
  }

  private boolean isTopClass(TestIdentifier id) {
    if (!(id.getSource().orElse(null) instanceof ClassSource)) {
      return false;
    }
    // The outermost class: its parent is an engine, not another class.
    return plan == null || plan.getParent(id).map(parent -> !(parent.getSource().orElse(null) instanceof ClassSource))
        .orElse(true);
  }

  private String className(TestIdentifier id) {
    TestSource source = id.getSource().orElse(null);
    if (source instanceof MethodSource method) {
      return topLevel(method.getClassName());
    }
    if (source instanceof ClassSource type) {
      return topLevel(type.getClassName());
    }
    return plan == null ? null : plan.getParent(id).map(this::className).orElse(null);
  }

  // Surefire files @Nested classes' tests under the outermost class.
  private static String topLevel(String className) {
    int dollar = className.indexOf('$');
    return dollar < 0 ? className : className.substring(0, dollar);
  }

  static String methodName(TestIdentifier id) {
    String name = id.getLegacyReportingName();
    return name.endsWith("()") ? name.substring(0, name.length() - 2) : name;
  }

  private static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%.3f", seconds);
  }

  private static String trace(Throwable t) {
    StringWriter text = new StringWriter();
    t.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
