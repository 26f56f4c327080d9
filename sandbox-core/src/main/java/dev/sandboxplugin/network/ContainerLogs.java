package dev.sandboxplugin.network;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The output of the proxy's and forwarder's containers, as the engine keeps it: read whole, or followed. */
final class ContainerLogs {

  private ContainerLogs() {}

  /** Stdout (and stderr if asked) of {@code container} so far, as lines; empty when it is gone. */
  static List<String> read(DockerClient client, String container, boolean withStderr) {
    Lines lines = new Lines();
    try {
      client.logContainerCmd(container).withStdOut(true).withStdErr(withStderr).exec(lines)
          .awaitCompletion(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (NotFoundException gone) {
      return List.of();
    }
    return lines.lines();
  }

  /** Follows both streams of {@code container} until {@code marker} shows or the output ends. */
  static ReadyLine follow(DockerClient client, String container, String marker) {
    ReadyLine watch = new ReadyLine(marker);
    client.logContainerCmd(container).withStdOut(true).withStdErr(true).withFollowStream(true).exec(watch);
    return watch;
  }

  /** Counts down at a ready line, or when the output ends (the container exited). */
  static final class ReadyLine extends ResultCallback.Adapter<Frame> {
    private final String marker;
    private final CountDownLatch done = new CountDownLatch(1);
    private final StringBuilder text = new StringBuilder();
    private volatile boolean ready;

    private ReadyLine(String marker) {
      this.marker = marker;
    }

    /** True when the ready line came before {@code deadline} (a {@link System#nanoTime()}). */
    boolean await(long deadline) throws InterruptedException {
      return done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS) && ready;
    }

    @Override
    public synchronized void onNext(Frame frame) {
      if (text.length() < 4096) {
        text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
      }
      if (text.indexOf(marker) >= 0) {
        ready = true;
        done.countDown();
      }
    }

    @Override
    public void onComplete() {
      super.onComplete();
      done.countDown();
    }

    @Override
    public void onError(Throwable error) {
      super.onError(error);
      done.countDown();
    }

    /** Stops following; never throws. */
    @Override
    public void close() {
      try {
        super.close();
      } catch (IOException ignored) {
        // Nothing left to read.
      }
    }
  }

  /** A finite log read, split into lines. */
  private static final class Lines extends ResultCallback.Adapter<Frame> {
    private final StringBuilder text = new StringBuilder();

    @Override
    public synchronized void onNext(Frame frame) {
      text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
    }

    synchronized List<String> lines() {
      List<String> lines = new ArrayList<>();
      for (String line : text.toString().split("\n")) {
        if (!line.isBlank()) {
          lines.add(line.strip());
        }
      }
      return lines;
    }
  }
}
