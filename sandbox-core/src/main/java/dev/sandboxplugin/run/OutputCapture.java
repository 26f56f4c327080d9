package dev.sandboxplugin.run;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.sandboxplugin.progress.SandboxListener;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * The payload's output, split into lines and bounded: up to {@code limitBytes} is shown and kept; after that
 * bytes are only counted (dropped lines up to that point), so a flood of gigabytes costs neither memory nor disk. The last lines are kept apart,
 * since errors that decide the verdict come at the end.
 */
final class OutputCapture {

  static final int MAX_LINE_BYTES = 8192;
  static final int TAIL_LINES = 100;
  /** Lines shown at most, whatever the byte limit: a million one-byte lines would swamp the build's log too. */
  static final int MAX_SHOWN_LINES = 10_000;

  private final SandboxListener listener;
  private final long limitBytes;
  private final ByteArrayOutputStream partialStdout = new ByteArrayOutputStream();
  private final ByteArrayOutputStream partialStderr = new ByteArrayOutputStream();
  private final List<String> shown = new ArrayList<>();
  private final Deque<String> tail = new ArrayDeque<>();
  private long shownBytes;
  private long droppedBytes;
  private long droppedLines;
  private final BiPredicate<SandboxListener.Stream, String> protocolLine;

  OutputCapture(SandboxListener listener, long limitBytes) {
    this(listener, limitBytes, (stream, line) -> false);
  }

  /**
   * @param protocolLine true for a line that speaks to us rather than to the user (the report hand-over, our
   *     agent's start-up warning); it is neither shown nor kept, and stdout is watched for it past the output limit
   */
  OutputCapture(SandboxListener listener, long limitBytes, BiPredicate<SandboxListener.Stream, String> protocolLine) {
    this.listener = listener;
    this.limitBytes = limitBytes;
    this.protocolLine = protocolLine;
  }

  synchronized void accept(Frame frame) {
    SandboxListener.Stream stream = frame.getStreamType() == StreamType.STDERR
        ? SandboxListener.Stream.STDERR : SandboxListener.Stream.STDOUT;
    ByteArrayOutputStream partial = stream == SandboxListener.Stream.STDERR ? partialStderr : partialStdout;
    if (droppedBytes > 0) {
      // Past the limit: count, do not keep. The engine keeps the end for replaceTail.
      droppedBytes += frame.getPayload().length;
      if (stream == SandboxListener.Stream.STDOUT) {
        watchForProtocolLine(frame.getPayload(), partial);
      }
      return;
    }
    for (byte b : frame.getPayload()) {
      if (b == '\n') {
        completeLine(stream, partial);
      } else {
        partial.write(b);
        if (partial.size() >= MAX_LINE_BYTES) {
          completeLine(stream, partial);
        }
      }
    }
  }

  /** Emits what is left of unfinished lines; call once the stream has ended. */
  synchronized void finish() {
    if (partialStdout.size() > 0) {
      completeLine(SandboxListener.Stream.STDOUT, partialStdout);
    }
    if (partialStderr.size() > 0) {
      completeLine(SandboxListener.Stream.STDERR, partialStderr);
    }
  }

  /** True once output beyond the limit was dropped; the rest is only counted. */
  synchronized boolean overLimit() {
    return droppedBytes > 0;
  }

  /** Replaces the kept tail with the engine's own last lines, read after the run (the live stream was cut). */
  synchronized void replaceTail(List<String> lastLines) {
    tail.clear();
    for (String line : lastLines) {
      rememberInTail(SafeText.forLog(line));
    }
  }

  synchronized List<String> shownLines() {
    return List.copyOf(shown);
  }

  synchronized List<String> tailLines() {
    return List.copyOf(tail);
  }

  synchronized long droppedBytes() {
    return droppedBytes;
  }

  synchronized long droppedLines() {
    return droppedLines;
  }

  private void watchForProtocolLine(byte[] payload, ByteArrayOutputStream partial) {
    for (byte b : payload) {
      if (b == '\n') {
        protocolLine.test(SandboxListener.Stream.STDOUT, partial.toString(StandardCharsets.UTF_8));
        partial.reset();
      } else if (partial.size() < MAX_LINE_BYTES) {
        partial.write(b);
      }
    }
  }

  private void completeLine(SandboxListener.Stream stream, ByteArrayOutputStream partial) {
    byte[] bytes = partial.toByteArray();
    partial.reset();
    if (protocolLine.test(stream, new String(bytes, StandardCharsets.UTF_8))) {
      return;
    }
    // Once a line was dropped, nothing after it is shown: the shown output is a prefix, never one with gaps.
    if (droppedBytes > 0 || shownBytes + bytes.length + 1 > limitBytes || shown.size() >= MAX_SHOWN_LINES) {
      droppedBytes += bytes.length + 1;
      droppedLines++;
      return;
    }
    shownBytes += bytes.length + 1;
    // Invalid UTF-8 becomes U+FFFD; control characters are escaped so the log shows them instead of obeying them.
    String line = SafeText.forLog(new String(bytes, StandardCharsets.UTF_8));
    shown.add(line);
    rememberInTail(line);
    listener.output(stream, line);
  }

  private void rememberInTail(String line) {
    tail.addLast(line);
    if (tail.size() > TAIL_LINES) {
      tail.removeFirst();
    }
  }
}
