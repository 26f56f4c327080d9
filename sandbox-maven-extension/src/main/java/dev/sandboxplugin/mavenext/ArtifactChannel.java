package dev.sandboxplugin.mavenext;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox's end of the artifact channel. The sandbox has no network: to get a file of the repository, the Maven
 * inside says on stdout which path it wants ({@link #REQUEST}, the run's token, a request number, the path), and
 * the host, which reads the output, fetches that path from the repositories it trusts and answers on the
 * container's stdin: a line {@code <n> found <bytes> sha1=<hex> md5=<hex>} followed by the bytes, or
 * {@code <n> missing}, or {@code <n> error <why>}. Nothing else crosses; the host decides what a path may be.
 */
final class ArtifactChannel {

  /** Must match the host's {@code RepositoryGateway}. */
  static final String REQUEST = "[sandbox-fetch] ";
  static final String TOKEN_VARIABLE = "SANDBOX_CHANNEL_TOKEN";
  private static final long ANSWER_SECONDS = 10 * 60;
  private static final int MAX_LINE = 4096;
  private static final Object STDOUT = new Object();
  private static final AtomicLong NEXT = new AtomicLong(1);
  private static volatile ArtifactChannel current;

  private final String token;
  private final OutputStream out;
  private final InputStream in;
  private final Path spool;
  private final Map<Long, CompletableFuture<Answer>> waiting = new ConcurrentHashMap<>();
  private volatile IOException broken;

  ArtifactChannel(String token, OutputStream out, InputStream in, Path spool) {
    this.token = token;
    this.out = out;
    this.in = in;
    this.spool = spool;
    Thread reader = new Thread(this::readAnswers, "sandbox-artifact-channel");
    reader.setDaemon(true);
    reader.start();
  }

  /** The channel of this sandbox (one per JVM: it owns stdin), from its environment; null outside one. */
  static synchronized ArtifactChannel fromEnvironment() {
    if (current == null) {
      String token = System.getenv(TOKEN_VARIABLE);
      if (token == null || token.isBlank()) {
        return null;
      }
      // The process's real stdout and stdin: Maven's logging may sit on a replaced System.out.
      current = new ArtifactChannel(token, new FileOutputStream(FileDescriptor.out),
          new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16),
          Path.of(System.getProperty("java.io.tmpdir")));
    }
    return current;
  }

  /** What the host answered for one path; {@code data} is a file of ours the caller deletes. */
  record Answer(boolean found, Path data, Map<String, String> checksums, String error) {}

  /**
   * Asks for {@code path} (relative, in the repository's layout) and waits for the answer.
   *
   * @param peek only whether it exists: the host sends no data
   */
  Answer fetch(String path, boolean peek) throws IOException, InterruptedException {
    if (broken != null) {
      throw new IOException("the artifact channel is closed: " + broken.getMessage(), broken);
    }
    long number = NEXT.getAndIncrement();
    CompletableFuture<Answer> answer = new CompletableFuture<>();
    waiting.put(number, answer);
    String line = REQUEST + token + " " + number + " " + (peek ? "PEEK" : "GET") + " " + path + "\n";
    synchronized (STDOUT) {
      // Maven writes whole lines; should another writer's half line come first, the host finds the request in it.
      out.write(line.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
    try {
      return answer.get(ANSWER_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IOException("the host did not answer for " + path + " within " + ANSWER_SECONDS + " s");
    } catch (ExecutionException e) {
      throw new IOException("the artifact channel broke while waiting for " + path, e.getCause());
    } finally {
      waiting.remove(number);
    }
  }

  private void readAnswers() {
    try {
      while (true) {
        String header = readLine();
        if (header == null) {
          throw new IOException("the host closed the channel");
        }
        String[] words = header.split(" ", 3);
        long number = Long.parseLong(words[0]);
        String status = words.length > 1 ? words[1] : "";
        String rest = words.length > 2 ? words[2] : "";
        Answer answer;
        if (status.equals("found")) {
          String[] parts = rest.split(" ");
          long length = Long.parseLong(parts[0]);
          Path data = null;
          if (length >= 0) {
            data = Files.createTempFile(spool, "sandbox-artifact-", ".part");
            try (OutputStream file = Files.newOutputStream(data)) {
              copy(length, file);
            }
          }
          answer = new Answer(true, data, checksums(parts), null);
        } else if (status.equals("missing")) {
          answer = new Answer(false, null, Map.of(), null);
        } else {
          answer = new Answer(false, null, Map.of(), rest.isBlank() ? "no answer" : rest);
        }
        CompletableFuture<Answer> future = waiting.get(number);
        if (future != null) {
          future.complete(answer);
        } else if (answer.data() != null) {
          Files.deleteIfExists(answer.data());
        }
      }
    } catch (IOException | RuntimeException e) {
      broken = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
      waiting.values().forEach(future -> future.completeExceptionally(broken));
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        return line.toString(StandardCharsets.UTF_8);
      }
      if (line.size() >= MAX_LINE) {
        throw new IOException("an answer line longer than " + MAX_LINE + " bytes");
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
  }

  private void copy(long length, OutputStream to) throws IOException {
    byte[] buffer = new byte[1 << 16];
    long left = length;
    while (left > 0) {
      int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (read < 0) {
        throw new IOException("the channel ended inside an answer");
      }
      to.write(buffer, 0, read);
      left -= read;
    }
  }

  // "sha1=<hex> md5=<hex>": the host's checksums of what it sent, so no .sha1 round trip is needed.
  private static Map<String, String> checksums(String[] words) {
    Map<String, String> checksums = new LinkedHashMap<>();
    for (String word : words) {
      int equals = word.indexOf('=');
      if (equals > 0) {
        String algorithm = switch (word.substring(0, equals)) {
          case "sha1" -> "SHA-1";
          case "md5" -> "MD5";
          default -> null;
        };
        if (algorithm != null) {
          checksums.put(algorithm, word.substring(equals + 1));
        }
      }
    }
    return checksums;
  }
}
