package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox on Podman, through its Docker-compatible service, as a user runs it: {@code podman system service}
 * and {@code DOCKER_HOST} pointing at its socket. The service is the test's own (its own storage, run folder,
 * socket and configuration, with runc, since crun does not start containers on this machine), so neither the
 * machine's Docker engine nor any other Podman storage is touched. Each case gets the verdict it gets on Docker,
 * and Podman's own ways of a read-only container (writable {@code /run} and {@code /var/tmp} with exec, its own
 * seccomp profile when it cannot read ours) are closed.
 */
class PodmanEngineIT {

  private static final Path ROOT = Path.of("/tmp", "sandbox-podman-" + ProcessHandle.current().pid());
  private static Process service;
  private static Map<String, String> engine;

  @BeforeAll
  static void startPodmansCompatibleService() throws Exception {
    if (!onPath("podman")) {
      String why = "podman is not installed (scripts/ensure-test-tools installs it)";
      if (System.getenv("CI") != null) {
        fail(why);
      }
      Assumptions.abort(why);
    }
    Files.createDirectories(ROOT);
    Files.writeString(ROOT.resolve("containers.conf"), "[engine]\nruntime = \"runc\"\n");
    Path socket = ROOT.resolve("podman.sock");
    // In a folder of its own: Podman 4.3's conmon writes its OOM marker, a file named "oom", into the service's
    // working folder (cgroup v1), where Podman does not look for it.
    ProcessBuilder builder = new ProcessBuilder(podman("system", "service", "--time=0", "unix://" + socket))
        .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(ROOT.resolve("service.log").toFile());
    builder.environment().put("CONTAINERS_CONF", ROOT.resolve("containers.conf").toString());
    service = builder.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(socket)) {
      assertTrue(service.isAlive() && System.nanoTime() < deadline,
          () -> "podman's service did not start: " + read(ROOT.resolve("service.log")));
      Thread.sleep(100);
    }
    engine = Map.of("DOCKER_HOST", "unix://" + socket);
  }

  @AfterAll
  static void stopTheServiceAndItsStorage() throws Exception {
    if (service != null) {
      service.destroy();
      service.waitFor(30, TimeUnit.SECONDS);
      // Unmounts and removes what the service stored (images, layers) as Podman does it.
      podmanCli("system", "reset", "--force");
    }
    new ProcessBuilder("rm", "-rf", ROOT.toString()).start().waitFor();
  }

  @AfterEach
  void nothingOfTheRunIsLeft() throws Exception {
    assertEquals("", podmanCli("ps", "--all", "--quiet"), "containers left");
    assertEquals("", podmanCli("volume", "ls", "--quiet"), "volumes left");
    assertEquals("podman", podmanCli("network", "ls", "--format", "{{.Name}}"), "networks left");
  }

  @Test
  void aMainClassRunsHardenedAndAWriteToRootIsAViolationWithEitherNetwork() throws Exception {
    Path project = MavenRun.copyOfExample("hello", "podman-hello");
    MavenRun hello = MavenRun.mvn(project, engine, "compile", "sandbox:exec");
    assertEquals(0, hello.exitCode, hello::describe);
    JsonNode report = hello.report();
    assertEquals("PASSED", report.path("verdict").asText(), hello::describe);
    assertEquals("network-sink", report.path("network").path("witness").asText(), hello::describe);
    JsonNode hardening = report.path("hardening");
    for (String folder : List.of("/tmp", "/dev/shm", "/run", "/var/tmp")) {
      String options = hardening.path("tmpfs").path(folder).asText();
      assertTrue(options.contains("noexec") && options.contains("nosuid") && options.contains("nodev"),
          folder + ": " + options);
    }
    assertTrue(hardening.path("securityOpt").toString().contains("seccomp=default sha256:"), hardening::toString);

    // Through the egress proxy, whose socket's volume Podman takes without a size.
    MavenRun write = MavenRun.mvn(project, engine, "sandbox:exec",
        "-Dsandbox.mainClass=dev.sandboxplugin.examples.hello.WriteRoot", "-Dsandbox.network=allowlist",
        "-Dsandbox.allow=repo.example.invalid");
    assertEquals(1, write.exitCode, write::describe);
    assertTrue(write.log.contains("Sandbox: egress proxy up"), write::describe);
    assertEquals("VIOLATION", write.report().path("verdict").asText(), write::describe);
    assertEquals(List.of("FILE_WRITE"), kinds(write.report()), write::describe);
  }

  @Test
  void aProgramDroppedInPodmansWritableFoldersDoesNotRun() throws Exception {
    MavenRun run = refusedScript("drop.sh", "#!/bin/sh\n"
        + "cp /bin/dash /var/tmp/sh && /var/tmp/sh -c 'echo ran from /var/tmp' && exit 42\n"
        + "exit 1\n", "EXEC");
    assertFalse(run.log.contains("ran from"), run::describe);
  }

  @Test
  void ourSeccompProfileAppliesNotPodmans() throws Exception {
    // Podman's own profile allows an AF_VSOCK socket (a VM runner's host agents listen there); ours refuses it.
    MavenRun run = refusedScript("vsock.py", "import socket\n"
        + "try:\n"
        + "    socket.socket(40, socket.SOCK_STREAM)\n"
        + "    print('vsock socket made')\n"
        + "except OSError as e:\n"
        + "    print('socket(AF_VSOCK):', e)\n"
        + "    raise SystemExit(1)\n", "SYSCALL");
    assertTrue(run.log.contains("socket(AF_VSOCK): [Errno 1] Operation not permitted"), run::describe);
  }

  // Runs a script on Podman that must end in VIOLATION with violations of one kind.
  private static MavenRun refusedScript(String name, String text, String kind) throws Exception {
    Path folder = MavenRun.workFolder("podman-" + name.replace('.', '-'));
    Files.writeString(folder.resolve(name), text);
    MavenRun run = MavenRun.mvn(folder, engine, "dev.sandboxplugin:sandbox-maven-plugin:" + MavenRun.PLUGIN_VERSION
        + ":exec", "-Dsandbox.script=" + name);
    assertEquals(1, run.exitCode, run::describe);
    assertEquals("VIOLATION", run.report().path("verdict").asText(), run::describe);
    assertEquals(List.of(kind), kinds(run.report()), run::describe);
    return run;
  }

  @Test
  void testsGiveTheResultsTheyGiveOnDocker() throws Exception {
    Path project = MavenRun.copyOfExample("tests-demo", "podman-tests");
    MavenRun run = MavenRun.mvn(project, engine, "test-compile", "sandbox:test");
    assertEquals(1, run.exitCode, run::describe);
    JsonNode report = run.report();
    assertEquals("VIOLATION", report.path("verdict").asText(), run::describe);
    assertEquals(5, report.path("tests").path("run").asInt(), run::describe);
    assertEquals(1, report.path("tests").path("failures").asInt(), run::describe);
    JsonNode violation = report.path("violations").get(0);
    assertEquals(List.of("NETWORK"), kinds(report), run::describe);
    assertEquals("dev.sandboxplugin.examples.tests.ExfiltrationTest#environmentIsSane",
        violation.path("test").asText());
    assertEquals("network-sink", violation.path("source").asText(), run::describe);
    assertTrue(Files.isRegularFile(project.resolve(
        "target/sandbox-reports/TEST-dev.sandboxplugin.examples.tests.CalculatorTest.xml")), run::describe);
  }

  private static List<String> kinds(JsonNode report) {
    return StreamSupport.stream(report.path("violations").spliterator(), false)
        .map(violation -> violation.path("kind").asText()).distinct().toList();
  }

  private static List<String> podman(String... arguments) {
    List<String> command = new ArrayList<>(List.of("podman", "--root", ROOT.resolve("storage").toString(),
        "--runroot", ROOT.resolve("run").toString()));
    command.addAll(List.of(arguments));
    return command;
  }

  private static String podmanCli(String... arguments) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(podman(arguments)).redirectErrorStream(true);
    builder.environment().put("CONTAINERS_CONF", ROOT.resolve("containers.conf").toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes()).trim();
    assertTrue(process.waitFor(2, TimeUnit.MINUTES), "podman " + String.join(" ", arguments) + " hangs");
    assertEquals(0, process.exitValue(), () -> "podman " + String.join(" ", arguments) + ": " + output);
    return output;
  }

  private static boolean onPath(String tool) {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
        .anyMatch(folder -> Files.isExecutable(Path.of(folder, tool)));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(" + e.getMessage() + ")";
    }
  }
}
