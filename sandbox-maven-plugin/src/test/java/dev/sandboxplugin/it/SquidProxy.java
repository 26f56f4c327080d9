package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real forwarding proxy for tests that check what goes through one: Debian's Squid on loopback, asking for a login,
 * forwarding to one name only, which its own hosts file maps to 127.0.0.1 (so no name ever leaves the machine).
 * Its access log tells what it carried and for whom.
 */
final class SquidProxy implements AutoCloseable {

  private final Path folder;
  private final Process process;
  final int port;

  private SquidProxy(Path folder, Process process, int port) {
    this.folder = folder;
    this.process = process;
    this.port = port;
  }

  /** Starts Squid in {@code folder}, forwarding only to {@code host} for {@code user} with {@code secret}. */
  static SquidProxy start(Path folder, String host, String user, String secret) throws Exception {
    Files.createDirectories(folder);
    // Squid drops root for its own user, which must still write its logs here.
    folder.toFile().setWritable(true, false);
    int port = MavenRun.freePort();
    Process htpasswd = new ProcessBuilder("htpasswd", "-bn", user, secret).redirectErrorStream(true).start();
    Files.write(folder.resolve("passwords"), htpasswd.getInputStream().readAllBytes());
    assertEquals(0, htpasswd.waitFor(), "htpasswd failed");
    Files.writeString(folder.resolve("hosts"), "127.0.0.1 " + host + "\n");
    Files.writeString(folder.resolve("squid.conf"), String.join("\n",
        "http_port 127.0.0.1:" + port,
        "visible_hostname sandbox-test-proxy",
        "auth_param basic program /usr/lib/squid/basic_ncsa_auth " + folder.resolve("passwords"),
        "acl from_loopback src 127.0.0.1/32",
        "acl the_registry dstdomain " + host,
        "acl logged_in proxy_auth REQUIRED",
        "http_access deny !from_loopback",
        "http_access deny !the_registry",
        "http_access allow logged_in",
        "http_access deny all",
        "hosts_file " + folder.resolve("hosts"),
        "dns_nameservers 127.0.0.1",
        "pinger_enable off",
        "cache deny all",
        "access_log stdio:" + folder.resolve("access.log"),
        "cache_log " + folder.resolve("cache.log"),
        "pid_filename " + folder.resolve("squid.pid"),
        "coredump_dir " + folder,
        "shutdown_lifetime 1 seconds", ""));
    Process process = new ProcessBuilder("squid", "-N", "-f", folder.resolve("squid.conf").toString())
        .redirectErrorStream(true).redirectOutput(folder.resolve("squid.out").toFile()).start();
    SquidProxy proxy = new SquidProxy(folder, process, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try (Socket probe = new Socket("127.0.0.1", port)) {
        return proxy;
      } catch (IOException notYet) {
        if (!process.isAlive()) {
          break;
        }
        Thread.sleep(100);
      }
    }
    proxy.close();
    fail("squid did not listen on 127.0.0.1:" + port + "; " + Files.readString(folder.resolve("squid.out")));
    return null;
  }

  /** What Squid carried so far, one request a line. */
  String accessLog() throws IOException {
    Path log = folder.resolve("access.log");
    return Files.isRegularFile(log) ? Files.readString(log) : "";
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
