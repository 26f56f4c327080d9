package dev.sandboxplugin.mavenext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox's end of the channel against a host played by the test: requests out, answers in. */
class ArtifactChannelTest {

  @TempDir
  Path spool;

  @Test
  void answersComeBackInAnyOrderEachToItsRequest() throws Exception {
    PipedInputStream requests = new PipedInputStream(1 << 16);
    PipedOutputStream answers = new PipedOutputStream();
    ArtifactChannel channel = new ArtifactChannel("t0k3n", new PipedOutputStream(requests),
        new PipedInputStream(answers, 1 << 16), spool);
    CompletableFuture<ArtifactChannel.Answer> jar = CompletableFuture.supplyAsync(() -> fetch(channel, "a/b/1/b-1.jar"));
    CompletableFuture<ArtifactChannel.Answer> pom = CompletableFuture.supplyAsync(() -> fetch(channel, "a/b/1/b-1.pom"));
    BufferedReader lines = new BufferedReader(new InputStreamReader(requests, StandardCharsets.UTF_8));
    String first = nextRequest(lines);
    String second = nextRequest(lines);
    // The second request is answered first.
    answer(answers, second);
    answer(answers, first);

    ArtifactChannel.Answer jarAnswer = jar.get(10, TimeUnit.SECONDS);
    assertTrue(jarAnswer.found());
    assertEquals("bytes of a/b/1/b-1.jar", Files.readString(jarAnswer.data()));
    assertEquals("abc", jarAnswer.checksums().get("SHA-1"));
    assertFalse(pom.get(10, TimeUnit.SECONDS).found());
  }

  @Test
  void aClosedChannelFailsTheWaitingRequests() throws Exception {
    PipedInputStream requests = new PipedInputStream(1 << 16);
    PipedOutputStream answers = new PipedOutputStream();
    ArtifactChannel channel = new ArtifactChannel("t", new PipedOutputStream(requests),
        new PipedInputStream(answers, 1 << 16), spool);
    CompletableFuture<ArtifactChannel.Answer> waiting = CompletableFuture.supplyAsync(() -> fetch(channel, "a/b/1/b-1.jar"));
    nextRequest(new BufferedReader(new InputStreamReader(requests, StandardCharsets.UTF_8)));
    answers.close();
    Exception e = assertThrows(Exception.class, () -> waiting.get(10, TimeUnit.SECONDS));
    assertTrue(String.valueOf(e.getCause()).contains("channel"), String.valueOf(e.getCause()));
  }

  private static ArtifactChannel.Answer fetch(ArtifactChannel channel, String path) {
    try {
      return channel.fetch(path, false);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  // "[sandbox-fetch] <token> <n> GET <path>".
  private static String nextRequest(BufferedReader lines) throws IOException {
    String line = lines.readLine();
    assertTrue(line.startsWith(ArtifactChannel.REQUEST), line);
    return line;
  }

  private static void answer(OutputStream answers, String request) throws IOException {
    String[] words = request.split(" ");
    String number = words[2];
    String path = words[4];
    if (path.endsWith(".pom")) {
      answers.write((number + " missing\n").getBytes(StandardCharsets.UTF_8));
    } else {
      byte[] data = ("bytes of " + path).getBytes(StandardCharsets.UTF_8);
      answers.write((number + " found " + data.length + " sha1=abc md5=def\n").getBytes(StandardCharsets.UTF_8));
      answers.write(data);
    }
    answers.flush();
  }
}
