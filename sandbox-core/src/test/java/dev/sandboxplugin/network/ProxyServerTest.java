package dev.sandboxplugin.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.policy.HostPattern;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy in this JVM on a Unix socket, against an origin server on 127.0.0.1 that it reaches as
 * {@code localhost} (the only allowed name): framing, tunnelling and refusals as a hostile client sees them.
 */
class ProxyServerTest {

  @TempDir Path dir;
  private ServerSocketChannel proxy;
  private ServerSocket origin;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws IOException {
    proxy = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    proxy.bind(UnixDomainSocketAddress.of(dir.resolve("proxy.sock")));
    ProxyServer server = new ProxyServer(List.of(HostPattern.parse("localhost")),
        new PrintStream(log, true, StandardCharsets.UTF_8), 500, true);
    Thread thread = new Thread(() -> {
      try {
        server.serve(proxy);
      } catch (IOException closed) {
        // The test closed the socket.
      }
    });
    thread.setDaemon(true);
    thread.start();
    origin = new ServerSocket(0, 50, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    origin.close();
  }

  @Test
  void forwardsOneRequestWithItsBodyAndNothingSmuggledAfterIt() throws Exception {
    CompletableFuture<String> received = serveOnce("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    int port = origin.getLocalPort();

    String response = exchange("POST http://localhost:" + port + "/upload?token=secret HTTP/1.1\r\nHost: localhost:" + port
        + "\r\nProxy-Authorization: Basic eA==\r\nContent-Length: 5\r\n\r\nhello"
        + "GET http://evil.example/ HTTP/1.1\r\nHost: evil.example\r\n\r\n");

    assertTrue(response.startsWith("HTTP/1.1 200 OK"), response);
    assertTrue(response.endsWith("ok"), response);
    String upstream = received.get(10, TimeUnit.SECONDS);
    assertTrue(upstream.startsWith("POST /upload?token=secret HTTP/1.1\r\n"), upstream);
    assertTrue(upstream.contains("\r\nConnection: close\r\n\r\nhello"), upstream);
    assertFalse(upstream.contains("evil"), upstream);
    assertFalse(upstream.contains("Proxy-Authorization"), upstream);
    String logged = log.toString(StandardCharsets.UTF_8);
    assertTrue(logged.contains("\"method\":\"POST\",\"host\":\"localhost\",\"port\":" + port + ",\"allowed\":true,\"status\":200"),
        logged);
    assertFalse(logged.contains("secret"), "paths and queries are not logged: " + logged);
  }

  @Test
  void forwardsAChunkedBodyExactlyAsFramed() throws Exception {
    CompletableFuture<String> received = serveOnce("HTTP/1.1 204 No Content\r\n\r\n");
    int port = origin.getLocalPort();

    String response = exchange("PUT http://localhost:" + port + "/ HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "3\r\nabc\r\n0\r\n\r\nGET http://evil.example/ HTTP/1.1\r\n\r\n");

    assertTrue(response.startsWith("HTTP/1.1 204"), response);
    String upstream = received.get(10, TimeUnit.SECONDS);
    assertTrue(upstream.endsWith("\r\n\r\n3\r\nabc\r\n0\r\n\r\n"), upstream);
    assertTrue(upstream.startsWith("PUT / HTTP/1.1\r\nHost: localhost:" + port + "\r\n"), "a missing Host is the target's: "
        + upstream);
  }

  @Test
  void tunnelsConnectToAnAllowedHost() throws Exception {
    CompletableFuture<String> received = serveOnce("pong");
    int port = origin.getLocalPort();

    String response = exchange("CONNECT localhost:" + port + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n\r\nping");

    assertEquals("HTTP/1.1 200 Connection established\r\n\r\npong", response);
    assertEquals("ping", received.get(10, TimeUnit.SECONDS));
  }

  @Test
  void refusesAndLogsWhatIsNotAllowed() throws Exception {
    int port = origin.getLocalPort();
    assertTrue(exchange("CONNECT evil.example:443 HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 403 Forbidden"));
    assertTrue(exchange("CONNECT 127.0.0.1:" + port + " HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 403 Forbidden"));
    assertTrue(exchange("GET http://localhost:" + port + "/ HTTP/1.1\r\nHost: evil.example\r\n\r\n")
        .startsWith("HTTP/1.1 403 Forbidden"));
    assertTrue(exchange("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").startsWith("HTTP/1.1 400 Bad Request"));
    assertTrue(exchange("GET http://localhost/" + "a".repeat(9000) + " HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 414"));
    exchange("");

    List<String> lines = log.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(5, lines.size(), "one line per request, none for an empty connection: " + lines);
    assertTrue(lines.get(0).contains("\"method\":\"CONNECT\",\"host\":\"evil.example\",\"port\":443,\"allowed\":false,"
        + "\"status\":403,\"reason\":\"not on the allowlist\""), lines.get(0));
    assertTrue(lines.stream().noneMatch(line -> line.contains("\"allowed\":true")), lines.toString());
    assertEquals(0, accepted(origin), "nothing refused may reach the origin");
  }

  @Test
  void anAllowedNameLeadingToLoopbackIsRefusedInTheContainerSetting() throws Exception {
    Path socket = dir.resolve("strict.sock");
    try (ServerSocketChannel strict = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      strict.bind(UnixDomainSocketAddress.of(socket));
      ProxyServer server = new ProxyServer(List.of(HostPattern.parse("localhost")), new PrintStream(log, true,
          StandardCharsets.UTF_8));
      Thread thread = new Thread(() -> {
        try {
          server.serve(strict);
        } catch (IOException closed) {
          // The test closed the socket.
        }
      });
      thread.setDaemon(true);
      thread.start();
      try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
        Relay.output(channel).write(("CONNECT localhost:" + origin.getLocalPort() + " HTTP/1.1\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
        String response = new String(Relay.input(channel).readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(response.startsWith("HTTP/1.1 403 Forbidden"), response);
        assertTrue(response.contains("resolves only to loopback"), response);
      }
    }
    assertEquals(0, accepted(origin));
  }

  @Test
  void aClientTooSlowToSendItsHeadIsCutOff() throws Exception {
    try (SocketChannel slow = SocketChannel.open(UnixDomainSocketAddress.of(dir.resolve("proxy.sock")))) {
      Relay.output(slow).write("GET http://localhost/ HTTP/1.1\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1));
      long started = System.nanoTime();
      assertEquals(-1, Relay.input(slow).read(), "closed without an answer");
      long millis = (System.nanoTime() - started) / 1_000_000;
      assertTrue(millis >= 300 && millis < 5000, millis + " ms");
    }
  }

  @Test
  void connectionsBeyondTheLimitAreRefusedAtOnce() throws Exception {
    List<SocketChannel> held = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < ProxyServer.MAX_CONNECTIONS; i++) {
        SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(dir.resolve("proxy.sock")));
        Relay.output(channel).write("G".getBytes(StandardCharsets.ISO_8859_1));
        held.add(channel);
      }
      Thread.sleep(100);
      // Answered at accept, before any request: read without writing.
      try (SocketChannel extra = SocketChannel.open(UnixDomainSocketAddress.of(dir.resolve("proxy.sock")))) {
        String response = new String(Relay.input(extra).readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(response.startsWith("HTTP/1.1 503 Service Unavailable"), response);
      }
    } finally {
      for (SocketChannel channel : held) {
        channel.close();
      }
    }
  }

  private CompletableFuture<String> serveOnce(String answer) {
    return CompletableFuture.supplyAsync(() -> {
      try (Socket socket = origin.accept()) {
        socket.setSoTimeout(5000);
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        // Read until the proxy half-closes or a moment of quiet after the first bytes.
        try {
          int n;
          while ((n = in.read(buffer)) > 0) {
            request.write(buffer, 0, n);
            socket.setSoTimeout(300);
          }
        } catch (java.net.SocketTimeoutException quiet) {
          // All sent.
        }
        OutputStream out = socket.getOutputStream();
        out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return request.toString(StandardCharsets.ISO_8859_1);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static int accepted(ServerSocket server) throws IOException {
    server.setSoTimeout(100);
    try (Socket unexpected = server.accept()) {
      return 1;
    } catch (java.net.SocketTimeoutException none) {
      return 0;
    }
  }

  private String exchange(String request) throws IOException {
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(dir.resolve("proxy.sock")))) {
      OutputStream out = Relay.output(channel);
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      if (request.isEmpty()) {
        channel.shutdownOutput();
      }
      return new String(Relay.input(channel).readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
