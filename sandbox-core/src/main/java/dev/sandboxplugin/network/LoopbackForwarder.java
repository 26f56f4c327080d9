package dev.sandboxplugin.network;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs in the forwarder container, whose network namespace has nothing but loopback and which the payload joins:
 * listens on {@code 127.0.0.1:<port>} (the payload's {@code HTTP_PROXY}) and pipes each connection, unread, to
 * the proxy's Unix socket. It decides nothing; the proxy does. Only {@code java.base}.
 *
 * <p>Usage: {@code LoopbackForwarder <port> <socket>}. Prints {@link #READY} once it accepts connections; the
 * proxy may still be starting then (both start at once), so each connection waits a while for its socket.
 */
public final class LoopbackForwarder {

  /** Printed on stdout when the forwarder accepts connections. */
  public static final String READY = "sandbox egress forwarder ready";
  static final int MAX_CONNECTIONS = 64;
  private static final long PROXY_WAIT_MILLIS = 30_000;

  private LoopbackForwarder() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    UnixDomainSocketAddress proxy = UnixDomainSocketAddress.of(Path.of(args[1]));
    ServerSocket server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), MAX_CONNECTIONS);
    System.out.println(READY + " on 127.0.0.1:" + port);
    Semaphore slots = new Semaphore(MAX_CONNECTIONS);
    while (true) {
      Socket client = server.accept();
      if (!slots.tryAcquire()) {
        client.close();
        continue;
      }
      Thread handler = new Thread(() -> {
        try {
          pipe(client, proxy);
        } finally {
          slots.release();
        }
      }, "forward");
      handler.setDaemon(true);
      handler.start();
    }
  }

  private static void pipe(Socket client, UnixDomainSocketAddress proxy) {
    try (client; SocketChannel upstream = connect(proxy)) {
      AtomicLong activity = new AtomicLong();
      Thread down = new Thread(() -> {
        try {
          Relay.copy(upstream, Channels.newChannel(client.getOutputStream()), activity);
          client.shutdownOutput();
        } catch (IOException closed) {
          // The client or the proxy closed; the other direction ends too.
        }
      }, "forward-down");
      down.setDaemon(true);
      down.start();
      Relay.copy(Channels.newChannel(client.getInputStream()), upstream, activity);
      upstream.shutdownOutput();
      down.join();
    } catch (IOException | InterruptedException closed) {
      // One connection ends; the forwarder goes on.
    }
  }

  // Until the proxy's JVM is up its socket is missing or not yet listening: retry, within a bound.
  private static SocketChannel connect(UnixDomainSocketAddress proxy) throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + PROXY_WAIT_MILLIS;
    while (true) {
      SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        channel.connect(proxy);
        return channel;
      } catch (IOException notYet) {
        channel.close();
        if (System.currentTimeMillis() > deadline) {
          throw notYet;
        }
        Thread.sleep(10);
      }
    }
  }
}
