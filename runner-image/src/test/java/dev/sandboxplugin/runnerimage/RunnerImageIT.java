package dev.sandboxplugin.runnerimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import dev.sandboxplugin.engine.DockerEngine;
import dev.sandboxplugin.run.RunLabels;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starts the runner image the way GitLab's Docker executor or a container job would, with the host engine's
 * socket, and runs the plugin from inside it: Maven offline (the container has no network at all), the sandbox a
 * sibling container on the host engine.
 */
class RunnerImageIT {

  private static final String IMAGE = System.getProperty("sandbox.runnerImage.reference");
  private static final Path TAR = Path.of(System.getProperty("sandbox.runnerImage.tar", "target/runner-image.tar"));
  private static final Path EXAMPLES = Path.of(System.getProperty("sandbox.runnerImage.examples", "../examples"));
  private static final String PROJECT = RunnerImage.HOME + "/work/hello";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static DockerEngine engine;
  private static String container;

  @BeforeAll
  static void startRunner() throws IOException {
    engine = DockerEngine.connect();
    assumeTrue(engine.host().startsWith("unix://"), "the runner gets the engine's socket; this engine is at "
        + engine.host());
    Path socket = Path.of(URI.create(engine.host()).getPath());
    // The socket's group, so that the non-root runner may use it (as `--group-add` would).
    int socketGroup = (Integer) Files.getAttribute(socket, "unix:gid");
    HostConfig host = HostConfig.newHostConfig()
        .withBinds(Bind.parse(socket + ":/var/run/docker.sock"))
        .withGroupAdd(List.of(Integer.toString(socketGroup)))
        // No network for Maven itself: whatever it needs must already be in the image.
        .withNetworkMode("none");
    container = engine.client().createContainerCmd(IMAGE)
        .withCmd("sleep", "infinity")
        .withLabels(Map.of("dev.sandboxplugin.test", "RunnerImageIT"))
        .withHostConfig(host)
        .exec().getId();
    for (String example : List.of("hello", "tests-demo", "single-file")) {
      engine.client().copyArchiveToContainerCmd(container)
          .withRemotePath(RunnerImage.HOME + "/work")
          .withTarInputStream(new ByteArrayInputStream(tarOf(EXAMPLES.resolve(example), example)))
          .exec();
    }
    engine.client().startContainerCmd(container).exec();
  }

  @AfterAll
  static void removeRunner() {
    if (container != null) {
      engine.client().removeContainerCmd(container).withForce(true).withRemoveVolumes(true).exec();
    }
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void imageIsSavedUnderTargetAndConfiguredForANonRootUser() throws IOException {
    assertTrue(Files.size(TAR) > 100_000_000L, () -> "docker-save tar missing or small: " + TAR);
    InspectImageResponse image = engine.client().inspectImageCmd(IMAGE).exec();
    assertEquals(RunnerImage.USER, image.getConfig().getUser());
    assertEquals("runner", image.getConfig().getLabels().get(RunnerImage.IMAGE_LABEL));
  }

  @Test
  void runsAsRunnerWithNoSetuidOrSetgidFile() throws Exception {
    assertEquals("1000 1000 runner", exec("sh", "-c", "echo $(id -u) $(id -g) $(id -un)").output.trim());
    // Permission-denied folders make find exit 1; what matters is that it names no file.
    Result special = exec("sh", "-c", "find / -xdev ! -type l -perm /6000 2>/dev/null; true");
    assertEquals("", special.output.trim(), "setuid/setgid files in the runner image");
    assertNotEquals(0, exec("sh", "-c", "touch /usr/bin/x").exitCode, "the runner must not write system folders");
  }

  @Test
  void mavenWorksOfflineWithNoNetworkAndRunsTheSandboxThroughTheSocket() throws Exception {
    String interfaces = exec("ls", "/sys/class/net").output.trim();
    assertEquals("lo", interfaces, "the runner container must have no network for this test to prove anything");

    Result hello = exec("mvn", "-o", "-B", "-Dstyle.color=never", "-f", PROJECT + "/pom.xml", "compile",
        "sandbox:exec");
    assertEquals(0, hello.exitCode, hello.output);
    assertTrue(hello.output.contains("[sandbox] Hello from the sandbox"), hello.output);
    JsonNode helloReport = report();
    assertEquals("PASSED", helloReport.path("verdict").asText(), helloReport.toString());
    removeBuiltImage(helloReport);

    Result writeRoot = exec("mvn", "-o", "-B", "-Dstyle.color=never", "-f", PROJECT + "/pom.xml", "sandbox:exec",
        "-Dsandbox.mainClass=dev.sandboxplugin.examples.hello.WriteRoot");
    assertEquals(1, writeRoot.exitCode, writeRoot.output);
    JsonNode writeRootReport = report();
    assertEquals("VIOLATION", writeRootReport.path("verdict").asText(), writeRootReport.toString());
    assertEquals("FILE_WRITE", writeRootReport.path("violations").path(0).path("kind").asText());
    removeBuiltImage(writeRootReport);

    // Nothing of the inner runs is left on the engine: their owner label names the runner container's host name.
    String hostName = exec("cat", "/proc/sys/kernel/hostname").output.trim();
    List<Container> left = engine.client().listContainersCmd().withShowAll(true)
        .withLabelFilter(List.of(RunLabels.OWNER)).exec().stream()
        .filter(c -> c.getLabels().getOrDefault(RunLabels.OWNER, "").startsWith(hostName + ":"))
        .toList();
    assertEquals(List.of(), left.stream().map(Container::getId).toList(), "sandbox containers left by the runner");
  }

  @Test
  void sandboxTestResolvesEverythingOffline() throws Exception {
    String project = RunnerImage.HOME + "/work/tests-demo";
    Result tests = exec("mvn", "-o", "-B", "-Dstyle.color=never", "-f", project + "/pom.xml", "test-compile",
        "sandbox:test");
    // The example has a failing test and one that posts the environment out: the verdict, not a missing artifact.
    JsonNode report = report(project);
    assertEquals("VIOLATION", report.path("verdict").asText(), tests.output);
    assertEquals(5, report.path("tests").path("run").asInt(), tests.output);
    assertEquals("NETWORK", report.path("violations").path(0).path("kind").asText());
    removeBuiltImage(report);
  }

  @Test
  void pluginPrefixResolvesOfflineWithoutAPom() throws Exception {
    // No POM names the plugin: `sandbox:` comes from the image's pluginGroup and the group metadata baked in.
    String folder = RunnerImage.HOME + "/work/single-file";
    Result run = execIn(folder, "mvn", "-o", "-B", "-Dstyle.color=never", "sandbox:exec", "-Dsandbox.source=Hello.java");
    assertEquals(0, run.exitCode, run.output);
    assertTrue(run.output.contains("SANDBOX PASSED"), run.output);
    removeBuiltImage(report(folder));
  }

  @Test
  void theNetworkWitnessShipsWithTheImageAndLoadsWithoutMmdebstrap() throws Exception {
    assertNotEquals(0, exec("sh", "-c", "command -v mmdebstrap").exitCode, "the runner has no mmdebstrap");
    Result shipped = exec("sh", "-c", "ls " + RunnerImage.CACHE_DIR + "/network-witness-base/*/rootfs.tar "
        + RunnerImage.CACHE_DIR + "/network-witness-base/*/key");
    assertEquals(0, shipped.exitCode, shipped.output);
    // Without the image in the engine, the runner has only the shipped root file system to load it from.
    boolean removed = true;
    for (var image : engine.client().listImagesCmd().withReferenceFilter("sandbox-maven-plugin/network-witness").exec()) {
      try {
        engine.client().removeImageCmd(image.getId()).withForce(false).exec();
      } catch (RuntimeException inUse) {
        removed = false;
      }
    }
    String folder = RunnerImage.HOME + "/work/single-file";
    Result run = execIn(folder, "mvn", "-o", "-B", "-Dstyle.color=never", "sandbox:exec", "-Dsandbox.source=Hello.java");
    assertEquals(0, run.exitCode, run.output);
    if (removed) {
      assertTrue(run.output.contains("loading the network witness into the engine"), run.output);
    }
    JsonNode report = report(folder);
    assertEquals("network-sink", report.path("network").path("witness").asText(), run.output);
    removeBuiltImage(report);
  }

  private static JsonNode report() throws Exception {
    return report(PROJECT);
  }

  private static JsonNode report(String project) throws Exception {
    Result cat = exec("cat", project + "/target/sandbox/report.json");
    assertEquals(0, cat.exitCode, cat.output);
    return JSON.readTree(cat.output);
  }

  // The payload image of each run is new (fresh class files): drop it, as the plugin's ITs do.
  private static void removeBuiltImage(JsonNode report) {
    JsonNode build = report.path("imageBuild");
    if (build.path("reference").isTextual() && !build.path("reused").asBoolean(true)) {
      try {
        engine.client().removeImageCmd(build.path("reference").asText()).exec();
      } catch (RuntimeException inUseOrGone) {
        // Housekeeping only.
      }
    }
  }

  private record Result(int exitCode, String output) {}

  private static Result exec(String... command) throws Exception {
    return execIn(RunnerImage.HOME, command);
  }

  private static Result execIn(String workingDir, String... command) throws Exception {
    String exec = engine.client().execCreateCmd(container).withCmd(command).withWorkingDir(workingDir)
        .withAttachStdout(true).withAttachStderr(true).exec().getId();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
      @Override
      public void onNext(Frame frame) {
        output.writeBytes(frame.getPayload());
      }
    };
    engine.client().execStartCmd(exec).exec(callback);
    assertTrue(callback.awaitCompletion(5, TimeUnit.MINUTES), () -> String.join(" ", command) + " did not end");
    Long exitCode = engine.client().inspectExecCmd(exec).exec().getExitCodeLong();
    return new Result(exitCode == null ? -1 : exitCode.intValue(), output.toString(StandardCharsets.UTF_8));
  }

  // A tar of the example (without target/), owned by the runner so that Maven may write target/ inside.
  private static byte[] tarOf(Path source, String name) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes); Stream<Path> walk = Files.walk(source)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Path path : walk.sorted().toList()) {
        String relative = source.relativize(path).toString().replace('\\', '/');
        if (relative.equals("target") || relative.startsWith("target/")) {
          continue;
        }
        String entryName = relative.isEmpty() ? name + "/" : name + "/" + relative + (Files.isDirectory(path) ? "/" : "");
        TarArchiveEntry entry = new TarArchiveEntry(entryName);
        entry.setIds(RunnerRootFs.RUNNER_UID, RunnerRootFs.RUNNER_UID);
        if (Files.isDirectory(path)) {
          entry.setMode(040755);
          tar.putArchiveEntry(entry);
        } else {
          entry.setMode(0100644);
          entry.setSize(Files.size(path));
          tar.putArchiveEntry(entry);
          Files.copy(path, tar);
        }
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }
}
