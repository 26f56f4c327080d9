package dev.sandboxplugin.run;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Driver;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.VolumeOptions;
import dev.sandboxplugin.engine.Background;
import dev.sandboxplugin.engine.DockerEngine;
import dev.sandboxplugin.engine.EngineKind;
import dev.sandboxplugin.engine.EngineLostException;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.progress.SandboxListener;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command in a hardened container and always removes it: creates it with the policy's settings,
 * streams its bounded output, enforces the wall-clock deadline itself (the engine's wait call has none), then
 * inspects it for the exit code and OOM kill before removing it.
 */
public final class ContainerRunner {

  private static final Duration KILL_GRACE = Duration.ofSeconds(10);
  private static final Duration SWEEP_GRACE = Duration.ofMinutes(2);
  /** How long a finished run waits for the sweep that ran beside it. */
  private static final Duration SWEEP_WAIT = Duration.ofSeconds(30);
  private static final String NONE = "none";
  private static final String HOST_NAME = "sandbox";

  private final DockerClient client;
  private final EngineKind engineKind;
  private final SandboxListener listener;

  public ContainerRunner(DockerEngine engine, SandboxListener listener) {
    this.client = engine.client();
    this.engineKind = engine.kind();
    this.listener = listener;
  }

  /**
   * Runs {@code command} from {@code image} under {@code policy}.
   *
   * @param environment the variables the payload sees, already filtered by the policy's allowlist
   * @param user the uid:gid the payload runs as
   */
  public RunOutcome run(String image, List<String> command, Map<String, String> environment, String user,
      SandboxPolicy policy) {
    return run(image, command, environment, user, policy, NONE, List.of(), null);
  }

  /**
   * As {@link #run(String, List, Map, String, SandboxPolicy)}, in the network namespace {@code networkMode} names:
   * {@code none}, or {@code container:<id>} to join the loopback-only namespace of the egress forwarder.
   */
  public RunOutcome run(String image, List<String> command, Map<String, String> environment, String user,
      SandboxPolicy policy, String networkMode) {
    return run(image, command, environment, user, policy, networkMode, List.of(), null);
  }

  /**
   * As {@link #run(String, List, Map, String, SandboxPolicy, String)}, with {@code attachments} that talk with the
   * payload while it runs (see {@link RunAttachment}); the outcome's collected files are {@code reports}'s.
   */
  public RunOutcome run(String image, List<String> command, Map<String, String> environment, String user,
      SandboxPolicy policy, String networkMode, List<RunAttachment> attachments, ReportPickup reports) {
    // Beside the run, not before it: the sweep touches only what dead or overdue runs left, never this one's.
    CompletableFuture<Integer> sweep = Background.supply("sandbox-sweeper", new StaleContainerSweeper(client)::sweep);
    try {
      return runSwept(image, command, environment, user, policy, networkMode, attachments, reports);
    } finally {
      reportSweep(sweep);
    }
  }

  private void reportSweep(CompletableFuture<Integer> sweep) {
    try {
      int swept = sweep.get(SWEEP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (swept > 0) {
        listener.info("removed " + swept + " container(s), network(s) or volume(s) left by earlier runs that were"
            + " killed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      Throwable why = e.getCause() == null ? e : e.getCause();
      listener.warn("could not sweep what earlier runs left (" + why.getMessage() + "); the next run tries again");
    }
  }

  private RunOutcome runSwept(String image, List<String> command, Map<String, String> environment, String user,
      SandboxPolicy policy, String networkMode, List<RunAttachment> attachments, ReportPickup reports) {
    String runId = UUID.randomUUID().toString();
    Instant deadlineLabel = Instant.now().plus(policy.timeout()).plus(SWEEP_GRACE);
    List<String> env = new ArrayList<>();
    Map<String, String> variables = new TreeMap<>(environment);
    for (RunAttachment attachment : attachments) {
      variables.putAll(attachment.environment());
    }
    variables.forEach((name, value) -> env.add(name + "=" + value));
    String name = "sandbox-" + runId;
    // Registered by name before it exists: a Ctrl-C between create and start must not leave it behind.
    LiveContainers.add(name, client);
    CreateContainerResponse created;
    try {
      created = LiveContainers.creating(() -> createContainer(image, name, command, env, user, runId, deadlineLabel,
          policy, networkMode, attachments));
    } catch (RuntimeException e) {
      remove(name);
      throw e;
    }
    String id = created.getId();
    EngineContainerFiles files = new EngineContainerFiles(client, id);
    boolean stdin = attachments.stream().anyMatch(RunAttachment::needsStdin);
    StdinFeed feed = stdin ? new StdinFeed() : null;
    OutputCapture output = attachments.isEmpty() ? new OutputCapture(listener, policy.outputLimit().bytes())
        : new OutputCapture(listener, policy.outputLimit().bytes(), (stream, line) -> {
          if (stream == SandboxListener.Stream.STDERR) {
            return AgentWarnings.isOne(line);
          }
          for (RunAttachment attachment : attachments) {
            if (attachment.onStdoutLine(line, files)) {
              return true;
            }
          }
          return false;
        });
    try {
      long startedNanos = System.nanoTime();
      client.startContainerCmd(id).exec();
      ResultCallback.Adapter<Frame> attached = null;
      if (feed != null) {
        attached = client.attachContainerCmd(id).withStdIn(feed).withFollowStream(true)
            .exec(new ResultCallback.Adapter<>());
        files.stdin(feed.writer);
      }
      LogFollower logs = client.logContainerCmd(id)
          .withStdOut(true).withStdErr(true).withFollowStream(true)
          .exec(new LogFollower(output));
      for (RunAttachment attachment : attachments) {
        attachment.started(files);
      }
      boolean timedOut = !awaitExit(id, policy.timeout().toMillis());
      if (timedOut) {
        kill(id);
        awaitExit(id, KILL_GRACE.toMillis());
      }
      Duration duration = Duration.ofNanos(System.nanoTime() - startedNanos);
      if (feed != null) {
        feed.close();
        closeQuietly(attached);
      }
      logs.awaitEnd();
      output.finish();
      attachments.forEach(RunAttachment::runEnded);
      if (output.overLimit()) {
        output.replaceTail(lastLines(id));
      }
      InspectContainerResponse inspected = client.inspectContainerCmd(id).exec();
      InspectContainerResponse.ContainerState state = inspected.getState();
      long exitCode = state.getExitCodeLong() == null ? -1 : state.getExitCodeLong();
      return new RunOutcome(id, exitCode, Boolean.TRUE.equals(state.getOOMKilled()), timedOut, duration,
          output.shownLines(), output.tailLines(), output.droppedBytes(), output.droppedLines(),
          Hardening.from(inspected, policy.seccompProfile()),
          reports == null ? CollectedFiles.none() : reports.collected());
    } finally {
      remove(name);
    }
  }

  private CreateContainerResponse createContainer(String image, String name, List<String> command, List<String> env,
      String user, String runId, Instant deadlineLabel, SandboxPolicy policy, String networkMode,
      List<RunAttachment> attachments) {
    boolean isolated = networkMode.equals(NONE);
    HostConfig hostConfig = HardenedHostConfig.from(policy, engineKind).withNetworkMode(networkMode);
    List<Mount> mounts = new ArrayList<>(hostConfig.getMounts() == null ? List.of() : hostConfig.getMounts());
    Map<String, String> tmpfs = new TreeMap<>(hostConfig.getTmpFs());
    for (RunAttachment attachment : attachments) {
      attachment.volume().ifPresent(volume -> {
        if (engineKind == EngineKind.PODMAN) {
          tmpfs.put(volume.containerPath(), volume.podmanTmpfsOptions());
        } else {
          mounts.add(mountOf(volume));
        }
      });
    }
    hostConfig.withMounts(mounts).withTmpFs(tmpfs);
    boolean stdin = attachments.stream().anyMatch(RunAttachment::needsStdin);
    CreateContainerCmd create = client.createContainerCmd(image)
        .withName(name)
        .withStdinOpen(stdin)
        .withStdInOnce(false)
        .withAttachStdin(stdin)
        .withEntrypoint(command)
        .withCmd(List.of())
        .withEnv(env)
        .withUser(user);
    if (isolated) {
      // In another container's network namespace the engine refuses a host name; that one is named "sandbox".
      // Network "none" still gives a namespace with only loopback; the engine then writes /etc/hosts, where the
      // name is its own loopback, as a machine's is: InetAddress.getLocalHost(), which loggers and test suites
      // call, resolves as on any host. (A "disabled" network would leave /etc/hosts out, and the lookup fails.)
      create.withHostName(HOST_NAME);
      hostConfig.withExtraHosts(HOST_NAME + ":127.0.0.1");
    }
    return create
        .withLabels(RunLabels.forRun(runId, deadlineLabel))
        .withTty(false)
        .withHostConfig(hostConfig)
        .exec();
  }

  private static Mount mountOf(TmpfsVolume volume) {
    return new Mount().withType(MountType.VOLUME).withTarget(volume.containerPath())
        .withVolumeOptions(new VolumeOptions().withDriverConfig(new Driver().withName("local").withOptions(Map.of(
            "type", "tmpfs", "device", "tmpfs", "o", volume.options()))));
  }

  /** True when the container exited within {@code millis}; throws {@link EngineLostException} if the engine went. */
  private boolean awaitExit(String id, long millis) {
    QuietWait wait = client.waitContainerCmd(id).exec(new QuietWait());
    try {
      wait.awaitStatusCode(millis, TimeUnit.MILLISECONDS);
      return true;
    } catch (DockerClientException stillRunningOrEngineGone) {
      // The wait ends the same way for both; the engine tells which by answering, or not.
      if (wait.error != null && !engineAnswers()) {
        throw new EngineLostException("the Docker engine stopped answering during the run ("
            + EngineLostException.rootMessage(wait.error) + "); the payload's end is unknown, and its container is"
            + " removed by the next run once the engine is back", wait.error);
      }
      return false;
    } finally {
      closeQuietly(wait);
    }
  }

  private boolean engineAnswers() {
    try {
      client.pingCmd().exec();
      return true;
    } catch (RuntimeException gone) {
      return false;
    }
  }

  /** The engine's wait stream; a broken connection is kept for the caller, not logged with a stack trace. */
  private static final class QuietWait extends WaitContainerResultCallback {
    private volatile Throwable error;

    @Override
    public void onError(Throwable throwable) {
      error = throwable;
      closeQuietly(this);
    }
  }

  private void kill(String id) {
    try {
      client.killContainerCmd(id).exec();
    } catch (DockerException exitedMeanwhile) {
      // It ended on its own between the deadline and the kill.
    }
  }

  private List<String> lastLines(String id) {
    LogCollector collector = new LogCollector();
    try {
      client.logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(OutputCapture.TAIL_LINES)
          .exec(collector).awaitCompletion(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return collector.lines();
  }

  private void remove(String name) {
    try {
      client.removeContainerCmd(name).withForce(true).withRemoveVolumes(true).exec();
    } catch (com.github.dockerjava.api.exception.NotFoundException neverCreated) {
      // Creation failed; nothing to remove.
    } catch (RuntimeException goneOrEngineDown) {
      listener.warn("could not remove container " + name + " (" + goneOrEngineDown.getMessage()
          + "); the next run sweeps it");
    } finally {
      LiveContainers.remove(name);
    }
  }

  private static void closeQuietly(ResultCallback<?> callback) {
    try {
      callback.close();
    } catch (IOException ignored) {
      // A finished callback has nothing left to release.
    }
  }

  /** Feeds the live log stream into the capture. */
  private static final class LogFollower extends ResultCallback.Adapter<Frame> {
    private final OutputCapture output;

    LogFollower(OutputCapture output) {
      this.output = output;
    }

    @Override
    public void onNext(Frame frame) {
      output.accept(frame);
    }

    // A broken stream only cuts the output short; the wait call says whether the engine went.
    @Override
    public void onError(Throwable throwable) {
      closeQuietly(this);
    }

    void awaitEnd() {
      try {
        if (!awaitCompletion(5, TimeUnit.SECONDS)) {
          closeQuietly(this);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Gathers a short, finite log read (the tail) as text lines. */
  private static final class LogCollector extends ResultCallback.Adapter<Frame> {
    private final StringBuilder text = new StringBuilder();

    @Override
    public synchronized void onNext(Frame frame) {
      text.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void onError(Throwable throwable) {
      closeQuietly(this);
    }

    synchronized List<String> lines() {
      List<String> lines = new ArrayList<>();
      for (String line : text.toString().split("\n", -1)) {
        if (!line.isEmpty()) {
          lines.add(line.length() > OutputCapture.MAX_LINE_BYTES ? line.substring(0, OutputCapture.MAX_LINE_BYTES) : line);
        }
      }
      return lines;
    }
  }
}
