package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine failing under a run: stopped mid-run (killed, as a crash), unreachable at start, out of disk. Each case runs against a
 * Docker daemon of its own (its own socket, data, containerd namespace and network namespace; no bridge, no
 * iptables), so the machine's engine is never touched. Every case must end in one clear error, a non-zero exit, no stack trace, and
 * nothing half-written in {@code target/sandbox/}.
 */
class EngineFaultIT {

  private static final Path ROOT = Path.of("/tmp", "sandbox-engine-fault-" + ProcessHandle.current().pid());
  @BeforeAll
  static void needsRoot() throws Exception {
    assumeTrue("0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).trim()),
        "a daemon of the test's own needs root");
    assumeTrue(Files.isExecutable(Path.of("/usr/sbin/dockerd")) || Files.isExecutable(Path.of("/usr/bin/dockerd")),
        "no dockerd to start");
  }

  @AfterAll
  static void removeDaemonFolders() throws Exception {
    Daemon.unmountUnder(ROOT);
    Daemon.run("rm", "-rf", ROOT.toString());
  }

  @Test
  void engineStoppedMidRunIsOneClearError() throws Exception {
    Daemon daemon = Daemon.start(ROOT.resolve("stopped"), false);
    List<String> containers = List.of();
    try {
      Path project = MavenRun.copyOfExample("hello", "engine-stopped");
      MavenRun.Running running = MavenRun.start(project, Map.of("DOCKER_HOST", daemon.host()), "compile",
          "sandbox:exec", "-Dsandbox.mainClass=dev.sandboxplugin.examples.hello.Sleeper", "-Dsandbox.timeout=3m");
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      // Until the payload runs: the network witness starts first, while the payload's image is still loading.
      while (containers.size() < 2) {
        assertTrue(System.nanoTime() < deadline, running::describe);
        assertTrue(running.process.isAlive(), running::describe);
        Thread.sleep(200);
        containers = daemon.runningContainers();
      }
      daemon.kill();
      MavenRun run = running.await();

      assertEquals(1, run.exitCode, run::describe);
      assertTrue(run.log.contains("SANDBOX ERROR: the Docker engine stopped answering during the run"), run::describe);
      assertNoStackTrace(run);
      assertOnlyWholeReports(run);
    } finally {
      // A crashed engine leaves its containers running; ours must not outlive the test.
      daemon.killLeftovers(containers);
      daemon.stop();
    }
  }

  @Test
  void engineUnreachableAtStartIsOneClearError() throws Exception {
    assertNotReachable("unix://" + ROOT.resolve("no-such.sock"), "engine-unreachable");
  }

  @Test
  void anEngineAddressNothingAnswersAtIsOneClearError() throws Exception {
    assertNotReachable("tcp://127.0.0.1:" + MavenRun.freePort(), "engine-refused");
  }

  @Test
  void aSocketNothingListensOnIsOneClearError() throws Exception {
    // What a crashed engine leaves: its socket file, and no one behind it.
    Path stale = Files.createDirectories(ROOT).resolve("stale.sock");
    java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)
        .bind(java.net.UnixDomainSocketAddress.of(stale)).close();
    assertNotReachable("unix://" + stale, "engine-stale-socket");
  }

  // sandbox:exec against an engine address nothing answers at: one clear error, and no line of the HTTP client's own
  // (its retries would come before our error and say nothing a user can act on).
  private static void assertNotReachable(String dockerHost, String folder) throws Exception {
    MavenRun run = MavenRun.mvn(MavenRun.copyOfExample("hello", folder), Map.of("DOCKER_HOST", dockerHost),
        "compile", "sandbox:exec");
    assertEquals(1, run.exitCode, run::describe);
    assertTrue(run.log.contains("Docker engine not reachable at " + dockerHost), run::describe);
    assertNoStackTrace(run);
    assertFalse(run.log.contains("I/O exception") || run.log.contains("re-executed"), run::describe);
    assertOnlyWholeReports(run);
  }

  @Test
  void anSshEngineAddressIsOneClearErrorWithAWholeReport() throws Exception {
    Path project = MavenRun.copyOfExample("hello", "engine-ssh");
    MavenRun run = MavenRun.mvn(project, Map.of("DOCKER_HOST", "ssh://ci@engine.invalid"), "compile", "sandbox:exec");
    assertEquals(1, run.exitCode, run::describe);
    assertTrue(run.log.contains("DOCKER_HOST=ssh://ci@engine.invalid is not supported"), run::describe);
    assertNoStackTrace(run);
    assertOnlyWholeReports(run);
  }

  @Test
  void engineOutOfDiskIsOneClearError() throws Exception {
    Daemon full = Daemon.start(ROOT.resolve("full"), true);
    try {
      Path project = MavenRun.copyOfExample("hello", "engine-disk-full");
      MavenRun run = MavenRun.mvn(project, Map.of("DOCKER_HOST", full.host()), "compile", "sandbox:exec");
      assertEquals(1, run.exitCode, run::describe);
      assertTrue(run.log.contains("no space left on device (the engine's disk is full)"), run::describe);
      assertNoStackTrace(run);
      assertOnlyWholeReports(run);
    } finally {
      full.stop();
    }
  }

  private static void assertNoStackTrace(MavenRun run) {
    assertFalse(run.lines().stream().anyMatch(line -> line.matches("\\s+at [\\w$.]+\\(.*\\)\\s*")),
        () -> "a stack trace in:\n" + run.log);
    assertFalse(run.log.contains("Error during callback"), run::describe);
  }

  private static void assertOnlyWholeReports(MavenRun run) throws IOException {
    try (Stream<Path> files = Files.list(run.dir.resolve("target/sandbox"))) {
      assertEquals(List.of("code-quality.json", "report.json", "report.sarif", "summary.md"),
          files.map(file -> file.getFileName().toString()).sorted().toList(), run::describe);
    }
    JsonNode report = run.report();
    assertEquals("ERROR", report.path("verdict").asText());
  }

  /** A dockerd of the test's own; with {@code smallDisk}, its data on a 64 MB tmpfs. */
  private record Daemon(Path root, Process process, boolean smallDisk) {

    static Daemon start(Path root, boolean smallDisk) throws Exception {
      Path data = root.resolve("data");
      Files.createDirectories(data);
      if (smallDisk && !isMounted(data)) {
        run("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", data.toString());
      }
      String name = "sandbox-fault-" + root.getFileName() + "-" + ProcessHandle.current().pid();
      // In a network namespace of its own: a second daemon in the host's would remove the host engine's docker0.
      Process process = new ProcessBuilder("unshare", "--net", "--", "dockerd", "--data-root", data.toString(),
          "--exec-root",
          root.resolve("exec").toString(), "--pidfile", root.resolve("pid").toString(), "-H", "unix://"
          + root.resolve("docker.sock"), "--bridge=none", "--iptables=false", "--ip-masq=false",
          "--shutdown-timeout=1", "--storage-driver=" + (smallDisk ? "vfs" : "overlay2"),
          "--containerd-namespace", name, "--containerd-plugins-namespace", name + "-plugins")
          .redirectErrorStream(true).redirectOutput(root.resolve("dockerd.log").toFile()).start();
      Daemon daemon = new Daemon(root, process, smallDisk);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!daemon.answers()) {
        assertTrue(process.isAlive() && System.nanoTime() < deadline, "dockerd did not start; see "
            + root.resolve("dockerd.log"));
        Thread.sleep(200);
      }
      return daemon;
    }

    String host() {
      return "unix://" + root.resolve("docker.sock");
    }

    boolean answers() throws Exception {
      return docker("version").exitValue() == 0;
    }

    List<String> runningContainers() throws Exception {
      return new String(docker("ps", "-q", "--no-trunc").getInputStream().readAllBytes()).lines()
          .filter(line -> !line.isBlank()).toList();
    }

    /** The processes of {@code containers} and the daemon's shims, which outlive a killed daemon. */
    void killLeftovers(List<String> containers) throws Exception {
      for (String id : containers) {
        for (String cgroup : List.of("/sys/fs/cgroup/pids/docker/" + id, "/sys/fs/cgroup/docker/" + id)) {
          Path procs = Path.of(cgroup, "cgroup.procs");
          if (Files.isRegularFile(procs)) {
            for (String pid : Files.readAllLines(procs)) {
              new ProcessBuilder("kill", "-9", pid.trim()).start().waitFor(10, TimeUnit.SECONDS);
            }
          }
        }
      }
      new ProcessBuilder("pkill", "-9", "-f", "--", "-namespace " + namespace()).start().waitFor(10, TimeUnit.SECONDS);
    }

    String namespace() {
      return "sandbox-fault-" + root.getFileName() + "-" + ProcessHandle.current().pid();
    }

    static void unmountUnder(Path root) throws Exception {
      List<String> mounts = Files.readAllLines(Path.of("/proc/self/mounts")).stream().map(line -> line.split(" ")[1])
          .filter(point -> point.startsWith(root.toString())).sorted(java.util.Comparator.reverseOrder()).toList();
      for (String point : mounts) {
        new ProcessBuilder("umount", "-l", point).start().waitFor(30, TimeUnit.SECONDS);
      }
    }

    /** Gone at once, as a crash: its containers keep running until it is started again. */
    void kill() throws Exception {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    void stop() throws Exception {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
      }
      unmountUnder(root);
    }

    private Process docker(String... arguments) throws Exception {
      List<String> command = new java.util.ArrayList<>(List.of("docker", "-H", host()));
      command.addAll(List.of(arguments));
      Process docker = new ProcessBuilder(command).redirectErrorStream(true).start();
      docker.waitFor(30, TimeUnit.SECONDS);
      return docker;
    }

    private static boolean isMounted(Path path) throws IOException {
      return Files.readAllLines(Path.of("/proc/self/mounts")).stream()
          .anyMatch(line -> line.split(" ")[1].equals(path.toString()));
    }

    static void run(String... command) throws Exception {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      assertTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0,
          String.join(" ", command) + ": " + output);
    }
  }
}
