package dev.sandboxplugin.payload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A project's tests, run on its test classpath by the JUnit Platform inside the sandbox, with the attribution
 * agent watching: like Surefire's forked JVM, but sandboxed.
 */
public final class TestPayload implements Payload {

  /** Where the runner writes its reports inside the container. */
  public static final String REPORTS_PATH = "/sandbox/reports";
  private static final String RUNNER_JAR = "/app/runner/sandbox-test-runner.jar";
  private static final String RUNNER_CLASS = "dev.sandboxplugin.testrunner.SandboxTestRunner";

  private final Path testClassesDir;
  private final List<Path> classpath;
  private final String selection;
  private final boolean failIfNoneSelected;
  private final Path runnerJar;

  /**
   * @param testClassesDir the compiled tests, scanned for test classes; must be on {@code classpath}
   * @param classpath the test classpath in order: tests, classes, dependencies (JUnit Platform launcher included)
   * @param selection Surefire's {@code -Dtest=} syntax, or null for Surefire's default includes
   * @param runnerJar the test runner and agent jar ({@link RunnerJar})
   */
  public TestPayload(Path testClassesDir, List<Path> classpath, String selection, Path runnerJar) {
    this(testClassesDir, classpath, selection, runnerJar, true);
  }

  /** @param failIfNoneSelected Surefire's failIfNoSpecifiedTests: whether a selection that matches nothing fails */
  public TestPayload(Path testClassesDir, List<Path> classpath, String selection, Path runnerJar,
      boolean failIfNoneSelected) {
    this.failIfNoneSelected = failIfNoneSelected;
    this.testClassesDir = testClassesDir.toAbsolutePath().normalize();
    this.classpath = classpath.stream().map(path -> path.toAbsolutePath().normalize()).toList();
    this.selection = selection == null || selection.isBlank() ? null : selection.trim();
    this.runnerJar = Objects.requireNonNull(runnerJar, "runnerJar");
    if (!Files.isDirectory(this.testClassesDir)) {
      throw new IllegalArgumentException("the test classes folder " + testClassesDir
          + " does not exist; compile the tests first (mvn test-compile sandbox:test)");
    }
    if (!this.classpath.contains(this.testClassesDir)) {
      throw new IllegalArgumentException("the test classes folder " + testClassesDir + " is not on the test classpath");
    }
  }

  @Override
  public PayloadKind kind() {
    return PayloadKind.TESTS;
  }

  @Override
  public String description() {
    return "tests in " + testClassesDir + (selection == null ? "" : " matching " + selection);
  }

  @Override
  public String origin() {
    return "tests " + testClassesDir;
  }

  @Override
  public List<PayloadLayer> layers() {
    List<PayloadLayer> layers = new ArrayList<>();
    layers.add(new PayloadLayer("runner", List.of(new PayloadFile(runnerJar, RUNNER_JAR))));
    layers.addAll(new ClasspathLayout(classpath).layers());
    return layers;
  }

  /**
   * The test JVM, with the agent that attributes attempts to tests. No Security Manager is allowed on the command
   * line: the agent needs none, and JDK 24+ refuse to start when one is.
   */
  @Override
  public List<String> command() {
    ClasspathLayout layout = new ClasspathLayout(classpath);
    List<String> command = new ArrayList<>();
    command.add("java");
    command.addAll(JvmOptions.sandboxed());
    command.add("-javaagent:" + RUNNER_JAR);
    command.add("-cp");
    command.add(JvmOptions.LAUNCHER_CLASSPATH + ":" + RUNNER_JAR + layout.joinedWithLeadingColons());
    command.add(JvmOptions.LAUNCHER_CLASS);
    command.add("main");
    command.add(RUNNER_CLASS);
    command.add("--reports");
    command.add(REPORTS_PATH);
    command.add("--scan");
    command.add(layout.containerPathOf(testClassesDir));
    if (selection != null) {
      command.add("--test");
      command.add(selection);
    }
    return command;
  }

  @Override
  public boolean runsOnJvm() {
    return true;
  }

  @Override
  public Optional<String> reportsPath() {
    return Optional.of(REPORTS_PATH);
  }

  /** Whether a selection that matches no test fails the run (Surefire's failIfNoSpecifiedTests). */
  public boolean failIfNoneSelected() {
    return failIfNoneSelected;
  }

  /** The {@code -Dtest=} selection, or null. */
  public String selection() {
    return selection;
  }
}
