package dev.sandboxplugin.network;

import dev.sandboxplugin.policy.HostPattern;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The egress proxy, run in its own hardened container on a network with a way out. It listens on a Unix socket in
 * a volume it shares only with the forwarder, serves {@code CONNECT host:port} and plain {@code http://} requests
 * whose host name the allowlist matches, resolves a name only once it is allowed, and logs every request as one
 * JSON line on stdout ({@link ProxyLogEntry}). Bounded against hostile clients: head size and time, connections,
 * connect and idle timeouts; it never follows redirects and forwards one request per connection.
 *
 * <p>Usage: {@code ProxyServer <socket> <pattern>...}. Only {@code java.base}.
 */
public final class ProxyServer {

  /** Printed on stderr once the proxy listens. */
  static final String READY = "sandbox egress proxy listening";
  static final int MAX_CONNECTIONS = 64;
  static final long HEAD_TIMEOUT_MILLIS = 10_000;
  static final int CONNECT_TIMEOUT_MILLIS = 10_000;
  static final long IDLE_TIMEOUT_MILLIS = 300_000;
  /**
   * Requests logged one line each; beyond, only counted. Keeps the log far below the engine's 8 MB cap, whose
   * rotation would otherwise drop the first requests, the ones that say what the payload tried.
   */
  static final int MAX_LOGGED = 5000;
  static final String UNLOGGED = "{\"unlogged\":";
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "proxy-connection", "keep-alive",
      "proxy-authorization", "proxy-authenticate", "te", "trailer", "upgrade");

  private final List<HostPattern> allow;
  private final PrintStream logOut;
  private final long headTimeoutNanos;
  private final boolean loopbackUpstreams;
  private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
  private final Set<Connection> active = ConcurrentHashMap.newKeySet();
  private long logged;
  private long unloggedAllowed;
  private long unloggedDenied;

  /** @param logOut where the JSON lines go: stdout in the container, the engine keeps them */
  ProxyServer(List<HostPattern> allow, PrintStream logOut) {
    this(allow, logOut, HEAD_TIMEOUT_MILLIS, false);
  }

  /** @param loopbackUpstreams whether allowed names may lead to loopback addresses: only for tests in one JVM */
  ProxyServer(List<HostPattern> allow, PrintStream logOut, long headTimeoutMillis, boolean loopbackUpstreams) {
    this.allow = List.copyOf(allow);
    this.logOut = logOut;
    this.headTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(headTimeoutMillis);
    this.loopbackUpstreams = loopbackUpstreams;
  }

  public static void main(String[] args) throws IOException {
    List<HostPattern> allow = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      allow.add(HostPattern.parse(args[i]));
    }
    Path socket = Path.of(args[0]);
    Files.deleteIfExists(socket);
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket), MAX_CONNECTIONS);
    System.err.println(READY + " on " + socket + " for " + allow);
    new ProxyServer(allow, System.out).serve(server);
  }

  void serve(ServerSocketChannel server) throws IOException {
    ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "watchdog");
      thread.setDaemon(true);
      return thread;
    });
    watchdog.scheduleWithFixedDelay(this::closeStalled, 200, 200, TimeUnit.MILLISECONDS);
    while (true) {
      SocketChannel client = server.accept();
      if (!slots.tryAcquire()) {
        // Answer rather than queue: a client flooding connections gets refusals, not a proxy that stops.
        try (client) {
          log("?", "", 0, false, 503, "more than " + MAX_CONNECTIONS + " connections at once");
          respond(Relay.output(client), 503, "too many connections");
          // Without a thread to spare: read what already arrived, so that closing does not reset the answer away.
          client.configureBlocking(false);
          java.nio.ByteBuffer discard = java.nio.ByteBuffer.allocate(64 * 1024);
          client.read(discard);
        } catch (IOException ignored) {
          // The client went away; nothing to tell it.
        }
        continue;
      }
      Connection connection = new Connection(client);
      active.add(connection);
      Thread handler = new Thread(() -> {
        try {
          handle(connection);
        } finally {
          connection.close();
          active.remove(connection);
          slots.release();
        }
      }, "connection");
      handler.setDaemon(true);
      handler.start();
    }
  }

  private void handle(Connection connection) {
    InputStream in = Relay.input(connection.client);
    OutputStream out = Relay.output(connection.client);
    try {
      ProxyRequest request;
      try {
        request = ProxyRequest.read(in);
      } catch (BadProxyRequestException e) {
        log(e.method, e.host, e.port, false, e.status, e.getMessage());
        respond(out, e.status, e.getMessage());
        lingeringClose(connection);
        return;
      }
      if (request == null) {
        return; // connected and closed without a byte: not a request
      }
      connection.headDone = true;
      connection.activity.set(System.nanoTime());
      ProxyDecision decision = ProxyDecision.decide(request, allow);
      if (!decision.allowed()) {
        log(request.method, request.host, request.port, false, 403, decision.reason());
        respond(out, 403, decision.reason());
        lingeringClose(connection);
        return;
      }
      List<InetAddress> addresses;
      try {
        addresses = reachableAddresses(request.host);
      } catch (UnknownHostException e) {
        log(request.method, request.host, request.port, true, 502, decision.reason() + "; the name does not resolve");
        respond(out, 502, "cannot resolve " + request.host);
        return;
      }
      if (addresses.isEmpty()) {
        String reason = "resolves only to loopback, link-local or multicast addresses, which the proxy never connects to";
        log(request.method, request.host, request.port, false, 403, reason);
        respond(out, 403, reason);
        lingeringClose(connection);
        return;
      }
      Socket upstream;
      try {
        upstream = connect(addresses, request.port);
      } catch (IOException e) {
        log(request.method, request.host, request.port, true, 502, decision.reason() + "; cannot connect: " + e.getMessage());
        respond(out, 502, "cannot connect to " + request.host + ":" + request.port);
        return;
      }
      connection.upstream = upstream;
      log(request.method, request.host, request.port, true, 200, decision.reason());
      if (request.isConnect()) {
        out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        tunnel(connection, upstream);
      } else {
        forward(connection, request, in, upstream);
      }
    } catch (IOException clientOrServerWentAway) {
      // Either side closing mid-transfer ends this connection only.
    }
  }

  // Closing with unread request bytes would reset the connection and could destroy the answer before the client
  // reads it: send the end, then read what is left until the client closes (bounded by the head deadline).
  private static void lingeringClose(Connection connection) throws IOException {
    connection.headDone = false;
    connection.client.shutdownOutput();
    java.nio.ByteBuffer discard = java.nio.ByteBuffer.allocate(8192);
    long left = 1024 * 1024;
    int n;
    while (left > 0 && (n = connection.client.read(discard)) >= 0) {
      left -= n;
      discard.clear();
    }
  }

  // An allowed name is resolved here, after the decision. The proxy's own loopback (the engine's DNS listens
  // there), link-local (cloud metadata at 169.254.169.254) and multicast are never targets, whatever a name says.
  private List<InetAddress> reachableAddresses(String host) throws UnknownHostException {
    List<InetAddress> reachable = new ArrayList<>();
    for (InetAddress address : InetAddress.getAllByName(host)) {
      boolean local = address.isLoopbackAddress() || address.isAnyLocalAddress();
      if ((loopbackUpstreams || !local) && !address.isLinkLocalAddress() && !address.isMulticastAddress()) {
        reachable.add(address);
      }
    }
    return reachable;
  }

  private static Socket connect(List<InetAddress> addresses, int port) throws IOException {
    IOException last = null;
    for (InetAddress address : addresses) {
      Socket socket = new Socket();
      try {
        socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MILLIS);
        return socket;
      } catch (IOException e) {
        socket.close();
        last = e;
      }
    }
    throw last;
  }

  private void tunnel(Connection connection, Socket upstream) throws IOException {
    Thread down = pump(() -> {
      Relay.copy(Channels.newChannel(upstream.getInputStream()), connection.client, connection.activity);
      connection.client.shutdownOutput();
    });
    Relay.copy(connection.client, Channels.newChannel(upstream.getOutputStream()), connection.activity);
    upstream.shutdownOutput();
    join(down);
  }

  // One request per connection, framed exactly as declared: bytes after the body are never sent on, so a second,
  // undecided request cannot ride on an allowed connection.
  private void forward(Connection connection, ProxyRequest request, InputStream in, Socket upstream)
      throws IOException {
    StringBuilder head = new StringBuilder(request.method).append(' ').append(request.path).append(" HTTP/1.1\r\n");
    if (request.header("Host") == null) {
      // The origin needs one (HTTP/1.1); the target the decision was made on is the only right value.
      head.append("Host: ").append(request.host).append(request.port == 80 ? "" : ":" + request.port).append("\r\n");
    }
    for (String[] header : request.headers) {
      if (!HOP_BY_HOP.contains(header[0].toLowerCase(Locale.ROOT))) {
        head.append(header[0]).append(": ").append(header[1]).append("\r\n");
      }
    }
    head.append("Connection: close\r\n\r\n");
    OutputStream up = upstream.getOutputStream();
    up.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    Thread down = pump(() -> {
      Relay.copy(Channels.newChannel(upstream.getInputStream()), connection.client, connection.activity);
      connection.client.shutdownOutput();
    });
    if (request.chunked()) {
      ChunkedBody.copy(in, up);
    } else {
      copyExactly(in, up, request.contentLength(), connection.activity);
    }
    up.flush();
    join(down);
    lingeringClose(connection);
  }

  private static void copyExactly(InputStream in, OutputStream out, long length, AtomicLong activity)
      throws IOException {
    byte[] buffer = new byte[16 * 1024];
    long left = length;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new IOException("request body ended early");
      }
      out.write(buffer, 0, n);
      left -= n;
      activity.set(System.nanoTime());
    }
  }

  private static Thread pump(IoTask task) {
    Thread thread = new Thread(() -> {
      try {
        task.run();
      } catch (IOException closed) {
        // The other side or the watchdog closed the connection.
      }
    }, "pump");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void join(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void respond(OutputStream out, int status, String reason) throws IOException {
    byte[] body = ("sandbox egress proxy: " + reason + "\n").getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + " " + statusText(status) + "\r\n"
        + "Content-Type: text/plain; charset=utf-8\r\n"
        + "Content-Length: " + body.length + "\r\n"
        + "Connection: close\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
  }

  private static String statusText(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 403 -> "Forbidden";
      case 414 -> "URI Too Long";
      case 431 -> "Request Header Fields Too Large";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      default -> "Error";
    };
  }

  private void log(String method, String host, int port, boolean allowed, int status, String reason) {
    String time = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    synchronized (logOut) {
      if (logged < MAX_LOGGED) {
        logged++;
        logOut.println(new ProxyLogEntry(time, method, host, port, allowed, status, reason).toJson());
      } else {
        if (allowed) {
          unloggedAllowed++;
        } else {
          unloggedDenied++;
        }
        // Every 100th, and the first: the last such line read holds the totals (a kill may come at any time).
        if ((unloggedAllowed + unloggedDenied) % 100 == 1) {
          logOut.println(UNLOGGED + "{\"allowed\":" + unloggedAllowed + ",\"denied\":" + unloggedDenied
              + ",\"time\":\"" + time + "\"}}");
        }
      }
      logOut.flush();
    }
  }

  // Slow heads (slowloris) and idle tunnels would otherwise hold a connection slot for ever.
  private void closeStalled() {
    long now = System.nanoTime();
    for (Connection connection : active) {
      boolean headTooSlow = !connection.headDone && now - connection.accepted > headTimeoutNanos;
      boolean idle = now - connection.activity.get() > TimeUnit.MILLISECONDS.toNanos(IDLE_TIMEOUT_MILLIS);
      if (headTooSlow || idle) {
        connection.close();
      }
    }
  }

  /** A body copy that may fail on I/O. */
  private interface IoTask {
    void run() throws IOException;
  }

  /** One client connection and, once connected, its upstream socket. */
  private static final class Connection {
    final SocketChannel client;
    final long accepted = System.nanoTime();
    final AtomicLong activity = new AtomicLong(accepted);
    volatile boolean headDone;
    volatile Socket upstream;

    Connection(SocketChannel client) {
      this.client = client;
    }

    void close() {
      try {
        client.close();
      } catch (IOException ignored) {
        // Already closed.
      }
      Socket socket = upstream;
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // Already closed.
        }
      }
    }
  }
}
