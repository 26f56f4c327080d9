package dev.sandboxplugin.mojo;

import dev.sandboxplugin.SandboxResult;
import dev.sandboxplugin.SandboxSpec;
import dev.sandboxplugin.payload.PayloadKind;
import dev.sandboxplugin.payload.RunnerJar;
import dev.sandboxplugin.payload.TestPayload;
import dev.sandboxplugin.policy.SandboxPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;

/**
 * Runs the project's tests inside the hardened container, like Surefire but sandboxed: on the JUnit Platform
 * (JUnit 4 through the Vintage engine), with no network, no Maven and none of the build's environment inside.
 * Writes Surefire-compatible {@code TEST-*.xml} to {@code target/sandbox-reports/}, and a Java agent inside records
 * which test tried to connect, resolve, read secrets, write outside {@code /tmp}, start a process or exit the JVM.
 * Failing tests fail the build as with Surefire; any breach attempt gives verdict VIOLATION and fails it too,
 * unless {@code sandbox.mode=audit}. Compile the tests first: {@code mvn test-compile sandbox:test}.
 */
// Bound to the test phase, as Surefire is: an <execution> without a <phase> runs after test-compile.
@Mojo(name = "test", defaultPhase = LifecyclePhase.TEST, threadSafe = true,
    requiresDependencyResolution = ResolutionScope.TEST)
public class TestMojo extends AbstractSandboxMojo {

  /**
   * Which tests run, in Surefire's syntax: comma-separated class patterns (`Class`, `Cl*ss`, `pkg.Class`) with
   * `Class#method`, `Class#m1+m2`, `!Excluded`. Default: classes named `Test*`, `*Test`, `*Tests`, `*TestCase`.
   */
  @Parameter(property = "test")
  private String test;

  /**
   * As Surefire's: `false` lets a `-Dtest` selection match nothing in this module (in a reactor, the modules without
   * the selected tests) without failing it.
   */
  @Parameter(property = "surefire.failIfNoSpecifiedTests", defaultValue = "true")
  private boolean failIfNoSpecifiedTests;

  /** Skips the sandboxed tests only (`skipTests` and `maven.test.skip` skip them too). */
  @Parameter(property = PropertyNames.TEST_SKIP, defaultValue = "false")
  private boolean testSkip;

  /** Maven's own switch: no tests run, the sandboxed ones included. */
  @Parameter(property = "skipTests", defaultValue = "false")
  private boolean skipTests;

  /** Maven's own switch: tests are neither compiled nor run. */
  @Parameter(property = "maven.test.skip", defaultValue = "false")
  private boolean mavenTestSkip;

  private final RepositorySystem repositories;

  @Inject
  public TestMojo(MavenProject project, MavenSession session, RepositorySystem repositories) {
    super(project, session);
    this.repositories = repositories;
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    CommandLineOverrides commandLine = new CommandLineOverrides(session.getUserProperties());
    applyCommandLine(commandLine);
    testSkip = commandLine.flag(PropertyNames.TEST_SKIP, testSkip);
    test = commandLine.string("test", test);
    failIfNoSpecifiedTests = commandLine.flag("surefire.failIfNoSpecifiedTests", failIfNoSpecifiedTests);
    if (skip || testSkip || skipTests || mavenTestSkip) {
      getLog().info("Tests are skipped.");
      return;
    }
    if ("pom".equals(project.getPackaging())) {
      getLog().info("No tests to run (an aggregator or parent: packaging pom).");
      return;
    }
    Path testClasses = Path.of(project.getBuild().getTestOutputDirectory());
    if (!Files.isDirectory(testClasses)) {
      getLog().info("No tests to run: " + testClasses + " does not exist (run test-compile first).");
      return;
    }
    withEngineAhead(() -> runTests(testClasses));
  }

  // The test run itself, once there are tests to run.
  private void runTests(Path testClasses) throws MojoExecutionException, MojoFailureException {
    Path baseDir = baseDir();
    SandboxPolicy policy;
    SandboxSpec spec;
    try {
      policy = policy(baseDir);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException(e.getMessage());
    }
    try {
      List<Path> classpath = TestClasspath.of(project, session, repositories);
      spec = spec(new TestPayload(testClasses, classpath, test, RunnerJar.in(cacheDir()), failIfNoSpecifiedTests),
          policy, baseDir);
      spec.payload().layers(); // walks the classes folders now: a link out of them refuses the run
    } catch (dev.sandboxplugin.payload.LinkedFileException e) {
      refuseLinks(e, PayloadKind.TESTS, baseDir, policy);
      return;
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException(e.getMessage());
    }
    SandboxResult result = run(spec);
    judge(result, policy);
  }
}
