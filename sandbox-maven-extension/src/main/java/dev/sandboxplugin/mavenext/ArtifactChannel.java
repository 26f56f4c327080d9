package dev.sandboxplugin.mavenext;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox's end of the artifact channel. The sandbox has no network: to get a file of the repository, the Maven
 * inside says on stdout which path it wants ({@link #REQUEST}, the run's token, a request number, the path), and
 * the host, which watches the output, fetches that path from the repositories it trusts and puts the answer into
 * the channel folder (a small tmpfs volume) through the engine's archive API: {@code <n>.data}, then
 * {@code <n>.done} with the status. Nothing else crosses; the host decides what a path may be.
 */
final class ArtifactChannel {

  /** Must match the host's {@code RepositoryGateway}. */
  static final String REQUEST = "[sandbox-fetch] ";
  static final String TOKEN_VARIABLE = "SANDBOX_CHANNEL_TOKEN";
  static final String DIR_VARIABLE = "SANDBOX_CHANNEL_DIR";
  private static final long ANSWER_MILLIS = 10 * 60 * 1000L;
  private static final Object STDOUT = new Object();
  private static final AtomicLong NEXT = new AtomicLong(1);

  private final Path dir;
  private final String token;
  private final OutputStream out;

  ArtifactChannel(Path dir, String token, OutputStream out) {
    this.dir = dir;
    this.token = token;
    this.out = out;
  }

  /** The channel of this sandbox, from its environment; null outside one. */
  static ArtifactChannel fromEnvironment() {
    String token = System.getenv(TOKEN_VARIABLE);
    String dir = System.getenv(DIR_VARIABLE);
    if (token == null || token.isBlank() || dir == null || dir.isBlank()) {
      return null;
    }
    // The process's real stdout: Maven's logging may sit on a replaced System.out.
    return new ArtifactChannel(Path.of(dir), token, new FileOutputStream(FileDescriptor.out));
  }

  /** What the host answered for one path. */
  record Answer(boolean found, Path data, Map<String, String> checksums, String error) {}

  /**
   * Asks for {@code path} (relative, in the repository's layout) and waits for the answer.
   *
   * @param peek only whether it exists: the host sends no data
   */
  Answer fetch(String path, boolean peek) throws IOException, InterruptedException {
    long number = NEXT.getAndIncrement();
    String line = REQUEST + token + " " + number + " " + (peek ? "PEEK" : "GET") + " " + path + "\n";
    synchronized (STDOUT) {
      // A line of its own: whatever was written before may not have ended with one.
      out.write(("\n" + line).getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
    Path done = dir.resolve(number + ".done");
    Path data = dir.resolve(number + ".data");
    long deadline = System.currentTimeMillis() + ANSWER_MILLIS;
    long pause = 1;
    while (!Files.exists(done)) {
      if (System.currentTimeMillis() > deadline) {
        throw new IOException("the host did not answer for " + path + " within " + ANSWER_MILLIS / 1000 + " s");
      }
      Thread.sleep(pause);
      pause = Math.min(pause * 2, 20);
    }
    String status = readStatus(done);
    Files.deleteIfExists(done);
    if (status.startsWith("found")) {
      return new Answer(true, peek ? null : data, checksums(status), null);
    }
    Files.deleteIfExists(data);
    if (status.startsWith("missing")) {
      return new Answer(false, null, Map.of(), null);
    }
    return new Answer(false, null, Map.of(), status.isBlank() ? "no answer" : status);
  }

  // The archive API writes the file and then may still be setting its times: read until it has the whole line.
  private static String readStatus(Path done) throws IOException, InterruptedException {
    for (int attempt = 0; attempt < 100; attempt++) {
      try {
        String text = Files.readString(done, StandardCharsets.UTF_8);
        if (text.endsWith("\n")) {
          return text.trim();
        }
      } catch (NoSuchFileException notYet) {
        // Checked for above; a rename in flight.
      }
      Thread.sleep(5);
    }
    return "error incomplete answer";
  }

  // "found sha1=<hex> md5=<hex>": the host's checksums of what it sent, so no .sha1 round trip is needed.
  private static Map<String, String> checksums(String status) {
    Map<String, String> checksums = new LinkedHashMap<>();
    for (String word : status.split(" ")) {
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
