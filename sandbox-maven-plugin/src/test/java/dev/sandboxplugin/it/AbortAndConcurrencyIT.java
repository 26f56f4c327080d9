package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.sandboxplugin.engine.DockerEngine;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * What happens to the containers when Maven is stopped mid-run, and when two builds run at once: real {@code mvn}
 * on copies of {@code examples/hello}, real engine.
 *
 * <p>Isolated and one case at a time: every run sweeps containers whose owner process is gone, so a run of another
 * case could remove a container these cases expect to see left behind, or hide one that should have been removed.
 * Each case looks only at containers whose {@code dev.sandboxplugin.owner} label names a Maven it started.
 */
@Isolated
@Execution(ExecutionMode.SAME_THREAD)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AbortAndConcurrencyIT {

  private static final String HELLO = "dev.sandboxplugin.examples.hello.";
  private static final String RUN_LABEL = "dev.sandboxplugin.run";
  private static final String OWNER_LABEL = "dev.sandboxplugin.owner";
  private static final int SIGINT = 2;
  private static final int SIGKILL = 9;
  private static final int SIGTERM = 15;
  /** Maven start, compile and image build before the container runs; jlink on a cold cache takes longer. */
  private static final Duration CONTAINER_APPEARS = Duration.ofMinutes(2);
  private static final Duration CLEANED_UP = Duration.ofSeconds(10);

  private static DockerEngine engine;
  private static DockerClient docker;

  private final List<MavenRun.Running> started = new ArrayList<>();
  private final Set<String> images = new LinkedHashSet<>();

  @BeforeAll
  static void connect() {
    engine = DockerEngine.connect();
    docker = engine.client();
  }

  @AfterAll
  static void disconnect() {
    engine.close();
  }

  /** Whatever a failed case left: its Maven processes, their containers, and the payload images they built. */
  @AfterEach
  void removeLeftovers() throws InterruptedException {
    for (MavenRun.Running mvn : started) {
      mvn.process.destroyForcibly();
      mvn.process.waitFor(10, TimeUnit.SECONDS);
      for (Container container : containersOf(mvn)) {
        removeQuietly(() -> docker.removeContainerCmd(container.getId()).withForce(true).exec());
      }
    }
    // A killed run writes no report, so MavenRun cannot drop its image; each copy builds an image of its own.
    for (String image : images) {
      removeQuietly(() -> docker.removeImageCmd(image).withForce(true).exec());
    }
  }

  @Test
  @Order(1)
  void sigtermRemovesTheRunningContainer() throws Exception {
    MavenRun.Running mvn = startSleeper("sigterm");
    Container container = awaitRunningContainer(mvn);

    mvn.process.destroy();

    assertStoppedBySignalAndCleanedUp(mvn, container, SIGTERM);
  }

  @Test
  @Order(2)
  void sigintRemovesTheRunningContainer() throws Exception {
    // A shell without job control starts background commands with SIGINT ignored; Maven then inherits that.
    assumeFalse(ignoresSigint(), "this JVM ignores SIGINT (started in the background by a non-interactive shell?),"
        + " so the Maven it starts would ignore it too; run `mvn verify` in the foreground");
    MavenRun.Running mvn = startSleeper("sigint");
    Container container = awaitRunningContainer(mvn);

    Process kill = new ProcessBuilder("kill", "-INT", Long.toString(mvn.pid())).inheritIO().start();
    assertEquals(0, kill.waitFor(), "kill -INT " + mvn.pid());

    assertStoppedBySignalAndCleanedUp(mvn, container, SIGINT);
  }

  @Test
  @Order(3)
  void sigkillLeavesTheContainerAndTheNextRunSweepsIt() throws Exception {
    MavenRun.Running killed = startSleeper("sigkill");
    Container left = awaitRunningContainer(killed);

    killed.process.destroyForcibly();
    assertTrue(killed.process.waitFor(CLEANED_UP.toSeconds(), TimeUnit.SECONDS), killed::describe);
    assertEquals(128 + SIGKILL, killed.process.exitValue(), killed::describe);
    assertTrue(exists(left), "SIGKILL runs no shutdown hook, so container " + left.getId() + " should still be there");

    // The user's next build in the same project: Hello, as the POM configures it.
    MavenRun.Running next = start(killed.dir, "compile", "sandbox:exec");
    MavenRun run = next.await();

    assertEquals(0, run.exitCode, run::describe);
    assertEquals("PASSED", run.report().path("verdict").asText(), run::describe);
    assertFalse(exists(left), () -> "container " + left.getId() + " of killed Maven " + killed.pid()
        + " is still there after the next run's sweep\n" + run.describe());
    assertEquals(List.of(), ids(containersOf(next)), run::describe);
  }

  @Test
  @Order(4) // Last: the cases before have filled the ITs' local repository, which two Mavens at once must only read.
  void twoBuildsAtOnceBothPassAndLeaveNothing() throws Exception {
    MavenRun.Running first = start(copyWithPause("concurrent-a"), "compile", "sandbox:exec",
        "-Dsandbox.mainClass=" + HELLO + "Pause", "-Dsandbox.args=a 4000");
    MavenRun.Running second = start(copyWithPause("concurrent-b"), "compile", "sandbox:exec",
        "-Dsandbox.mainClass=" + HELLO + "Pause", "-Dsandbox.args=b 4000");

    // Each run sweeps just before it creates its container; both alive together means a sweep met a live foreign one.
    boolean together = false;
    long giveUp = System.nanoTime() + CONTAINER_APPEARS.toNanos();
    while ((first.process.isAlive() || second.process.isAlive()) && System.nanoTime() < giveUp) {
      List<Container> a = containersOf(first);
      List<Container> b = containersOf(second);
      a.forEach(container -> images.add(container.getImageId()));
      b.forEach(container -> images.add(container.getImageId()));
      together |= isRunning(a) && isRunning(b);
      Thread.sleep(100);
    }
    MavenRun runA = first.await();
    MavenRun runB = second.await();

    for (MavenRun run : List.of(runA, runB)) {
      assertEquals(0, run.exitCode, run::describe);
      assertEquals("PASSED", run.report().path("verdict").asText(), run::describe);
      assertFalse(run.log.contains("could not remove container"), run::describe);
    }
    assertTrue(runA.log.contains("[INFO] [sandbox] Paused run a"), runA::describe);
    assertFalse(runA.log.contains("Paused run b"), "b's output in a's build\n" + runA.describe());
    assertTrue(runB.log.contains("[INFO] [sandbox] Paused run b"), runB::describe);
    assertFalse(runB.log.contains("Paused run a"), "a's output in b's build\n" + runB.describe());
    assertTrue(together, "the two containers never ran at the same time, so this case proved nothing;"
        + " the machine may be too slow for a 4 s overlap\n" + runA.describe() + "\n" + runB.describe());
    assertEquals(List.of(), ids(containersOf(first)), runA::describe);
    assertEquals(List.of(), ids(containersOf(second)), runB::describe);
  }

  @Test
  @Order(5)
  void aParallelReactorRunsEachModulesTestsInASandboxOfItsOwn() throws Exception {
    // Two modules built by two threads of one Maven (-T 2): one JVM, so what a run keeps in static state (the
    // containers to remove on a signal, the caches) is shared by both.
    Path reactor = MavenRun.copyOfExample("tests-demo", "parallel-reactor/calc").getParent();
    MavenRun.copyOfExample("junit4-demo", "parallel-reactor/strings");
    Files.writeString(reactor.resolve("pom.xml"), """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>dev.sandboxplugin.examples</groupId>
          <artifactId>parallel-reactor</artifactId>
          <version>1.0.0-SNAPSHOT</version>
          <packaging>pom</packaging>
          <modules>
            <module>calc</module>
            <module>strings</module>
          </modules>
          <build>
            <plugins>
              <plugin>
                <groupId>dev.sandboxplugin</groupId>
                <artifactId>sandbox-maven-plugin</artifactId>
                <version>%s</version>
              </plugin>
            </plugins>
          </build>
        </project>
        """.formatted(MavenRun.PLUGIN_VERSION));
    MavenRun.Running mvn = start(reactor, "-T", "2", "--fail-at-end", "test-compile", "sandbox:test");
    MavenRun run = mvn.await();

    // calc's hostile test fails its module; strings passes all the same.
    assertEquals(1, run.exitCode, run::describe);
    JsonNode calc = report(reactor.resolve("calc"));
    JsonNode strings = report(reactor.resolve("strings"));
    assertEquals("VIOLATION", calc.path("verdict").asText(), run::describe);
    assertEquals(5, calc.path("tests").path("run").asInt(), run::describe);
    assertEquals("PASSED", strings.path("verdict").asText(), run::describe);
    assertEquals(3, strings.path("tests").path("run").asInt(), run::describe);
    assertEquals(1, strings.path("tests").path("skipped").asInt(), run::describe);
    assertEquals(Set.of("TEST-dev.sandboxplugin.examples.tests.CalculatorTest.xml",
        "TEST-dev.sandboxplugin.examples.tests.ExfiltrationTest.xml"), fileNames(reactor.resolve("calc/target/sandbox-reports")));
    assertEquals(Set.of("TEST-dev.sandboxplugin.examples.junit4.StringsTest.xml"),
        fileNames(reactor.resolve("strings/target/sandbox-reports")));
    assertTrue(run.log.contains("sandbox-maven-plugin:" + MavenRun.PLUGIN_VERSION + ":test (default-cli) @ junit4-demo"),
        run::describe);
    // The aggregator has no tests of its own: nothing to run, no failure.
    assertTrue(run.log.contains("No tests to run (an aggregator or parent: packaging pom)."), run::describe);
    assertTrue(run.log.matches("(?s).*parallel-reactor \\.+ SUCCESS.*"), run::describe);
    assertFalse(run.log.contains("could not remove container"), run::describe);
    assertEquals(List.of(), ids(containersOf(mvn)), run::describe);
  }

  private JsonNode report(Path module) throws IOException {
    Path file = module.resolve("target/sandbox/report.json");
    assertTrue(Files.isRegularFile(file), () -> "no report at " + file);
    JsonNode report = new ObjectMapper().readTree(file.toFile());
    images.add(report.path("imageBuild").path("reference").asText());
    return report;
  }

  private static Set<String> fileNames(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.map(file -> file.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
    }
  }

  private MavenRun.Running startSleeper(String caseName) throws IOException {
    return start(MavenRun.copyOfExample("hello", caseName), "compile", "sandbox:exec",
        "-Dsandbox.mainClass=" + HELLO + "Sleeper", "-Dsandbox.timeout=2m");
  }

  private MavenRun.Running start(Path project, String... arguments) throws IOException {
    MavenRun.Running mvn = MavenRun.start(project, arguments);
    started.add(mvn);
    return mvn;
  }

  /**
   * Hello ends within a second, too soon for two runs to overlap reliably; this payload also passes, but stays
   * {@code args[1]} ms and then names its run, so each build's log shows whose output it got.
   */
  private static Path copyWithPause(String caseName) throws IOException {
    Path project = MavenRun.copyOfExample("hello", caseName);
    Files.writeString(project.resolve("src/main/java/dev/sandboxplugin/examples/hello/Pause.java"), """
        package dev.sandboxplugin.examples.hello;

        public final class Pause {
          public static void main(String[] args) throws InterruptedException {
            Thread.sleep(Long.parseLong(args[1]));
            System.out.println("Paused run " + args[0]);
          }
        }
        """);
    return project;
  }

  /**
   * Waits until Maven's payload container runs: started means the run has registered it for removal, so a signal from now
   * on must not leave it behind. Finding it by the pid also proves the pid is Maven's JVM, not a shell.
   */
  private Container awaitRunningContainer(MavenRun.Running mvn) throws InterruptedException {
    long giveUp = System.nanoTime() + CONTAINER_APPEARS.toNanos();
    while (System.nanoTime() < giveUp) {
      // The payload's container: the network witness's starts first, before the payload's image is ready.
      List<Container> containers = containersOf(mvn).stream()
          .filter(container -> !container.getImage().startsWith("sandbox-maven-plugin/network-witness")).toList();
      containers.forEach(container -> images.add(container.getImageId()));
      if (isRunning(containers)) {
        assertEquals(1, containers.size(), () -> "one run, one payload container: " + ids(containers));
        assertTrue(mvn.process.info().command().orElse("").endsWith("java"),
            () -> "pid " + mvn.pid() + " should be Maven's JVM, is " + mvn.process.info().command());
        return containers.get(0);
      }
      if (!mvn.process.isAlive()) {
        fail("Maven ended before its container ran\n" + mvn.describe());
      }
      Thread.sleep(100);
    }
    return fail("no running container owned by pid " + mvn.pid() + " within " + CONTAINER_APPEARS + "\n"
        + mvn.describe());
  }

  /** Maven ended by the signal itself (128 + its number), and its shutdown hook removed the container. */
  private void assertStoppedBySignalAndCleanedUp(MavenRun.Running mvn, Container container, int signal)
      throws InterruptedException {
    long giveUp = System.nanoTime() + CLEANED_UP.toNanos();
    assertTrue(mvn.process.waitFor(CLEANED_UP.toMillis(), TimeUnit.MILLISECONDS),
        () -> "Maven did not stop within " + CLEANED_UP + " of signal " + signal + "\n" + mvn.describe());
    assertEquals(128 + signal, mvn.process.exitValue(), mvn::describe);
    while (!containersOf(mvn).isEmpty() && System.nanoTime() < giveUp) {
      Thread.sleep(100);
    }
    assertEquals(List.of(), ids(containersOf(mvn)), () -> "container " + container.getId()
        + " outlived Maven stopped by signal " + signal + " by " + CLEANED_UP + "\n" + mvn.describe());
  }

  /** Containers of any state whose owner label names this Maven; pids are unique on a host, so its pid is enough. */
  private static List<Container> containersOf(MavenRun.Running mvn) {
    String ownerSuffix = ":" + mvn.pid();
    return docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(RUN_LABEL)).exec().stream()
        .filter(container -> container.getLabels().getOrDefault(OWNER_LABEL, "").endsWith(ownerSuffix))
        .toList();
  }

  private static boolean exists(Container container) {
    return !docker.listContainersCmd().withShowAll(true).withIdFilter(List.of(container.getId())).exec().isEmpty();
  }

  private static boolean isRunning(List<Container> containers) {
    return containers.stream().anyMatch(container -> "running".equals(container.getState()));
  }

  private static List<String> ids(List<Container> containers) {
    return containers.stream().map(Container::getId).toList();
  }

  // SigIgn is a hex mask whose bit n-1 stands for signal n; only Linux has /proc, and only there is this checked.
  private static boolean ignoresSigint() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.isRegularFile(status)) {
      return false;
    }
    return Files.readAllLines(status).stream().filter(line -> line.startsWith("SigIgn:"))
        .map(line -> new BigInteger(line.substring("SigIgn:".length()).trim(), 16))
        .anyMatch(mask -> mask.testBit(SIGINT - 1));
  }

  private static void removeQuietly(Runnable removal) {
    try {
      removal.run();
    } catch (RuntimeException goneOrInUse) {
      // Clean-up only: the case has already passed or failed on its own.
    }
  }
}
