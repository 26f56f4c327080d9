package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import dev.sandboxplugin.SandboxResult;
import dev.sandboxplugin.engine.DockerEngine;
import dev.sandboxplugin.network.ProxyLogEntry;
import dev.sandboxplugin.policy.NetworkPolicy;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.report.RunReport;
import dev.sandboxplugin.run.RunLabels;
import dev.sandboxplugin.verdict.Verdict;
import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code network: allowlist} through the real engine: the payload reaches allowlisted names through the egress
 * proxy and nothing else, neither the stub server's own address, nor the host's bridge address, nor any resolver;
 * every request is in the report, the denied ones as violations; nothing of the run is left afterwards.
 */
class EgressProxyTest {

  /** Probes every way out and prints one line per probe; never fails itself. */
  private static final String PROBE = """
      import java.io.*;
      import java.net.*;
      import java.nio.file.*;
      public class Probe {
        public static void main(String[] args) throws Exception {
          System.out.println("HTTP_PROXY=" + System.getenv("HTTP_PROXY") + " proxyHost=" + System.getProperty("http.proxyHost"));
          System.out.println("resolv.conf bytes=" + Files.size(Path.of("/etc/resolv.conf"))
              + " hosts bytes=" + Files.size(Path.of("/etc/hosts"))
              + " hostname=" + Files.readString(Path.of("/etc/hostname")).trim());
          System.out.println("interfaces=" + java.util.Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
              .map(NetworkInterface::getName).toList());
          get("allowed", "http://allowed.test:8080/hello?token=secret");
          get("denied", "http://denied.test:8080/");
          get("tunnel", "https://denied.test:8443/");
          try {
            System.out.println("dns resolved " + InetAddress.getByName("allowed.test"));
          } catch (UnknownHostException e) {
            System.out.println("dns: no resolver");
          }
          connect("stub", args[0], 8080);
          connect("bridge", args[1], Integer.parseInt(args[2]));
          Process fork = new ProcessBuilder("java", "-XshowSettings:properties", "-version").redirectErrorStream(true).start();
          String forked = new String(fork.getInputStream().readAllBytes());
          fork.waitFor();
          System.out.println("forked jvm proxyHost=" + forked.contains("http.proxyHost = 127.0.0.1"));
        }

        static void get(String label, String url) {
          try {
            HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
            connection.setConnectTimeout(5000);
            connection.setReadTimeout(5000);
            int status = connection.getResponseCode();
            InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            System.out.println(label + " status=" + status + " body=" + new String(body.readAllBytes()).trim());
          } catch (IOException e) {
            System.out.println(label + " failed: " + e);
          }
        }

        static void connect(String label, String host, int port) {
          long started = System.nanoTime();
          try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 5000);
            System.out.println(label + " connected");
          } catch (IOException e) {
            System.out.println(label + " failed in " + (System.nanoTime() - started) / 1_000_000 + " ms: " + e);
          }
        }
      }
      """;

  @TempDir Path workDir;

  @Test
  void onlyAllowlistedNamesAreReachableAndEveryRequestIsReported() throws Exception {
    String bridge = hostBridgeAddress();
    AtomicInteger bridgeConnections = new AtomicInteger();
    try (StubHttpServer stub = new StubHttpServer(workDir, "allowed.test", "denied.test");
        ServerSocket hostService = new ServerSocket()) {
      hostService.bind(new InetSocketAddress(InetAddress.getByName(bridge), 0));
      Thread acceptor = acceptAll(hostService, bridgeConnections);
      SandboxPolicy policy = SandboxPolicy.builder().timeout(Duration.ofSeconds(60))
          .network(NetworkPolicy.of("allowlist", List.of("allowed.test")).withProxyNetwork(stub.network)).build();
      SandboxRuns runs = new SandboxRuns(workDir);

      SandboxResult result = runs.runSource("Probe", PROBE, policy, Map.of(), stub.address(), bridge,
          Integer.toString(hostService.getLocalPort()));
      acceptor.interrupt();

      RunReport report = result.report();
      List<String> output = runs.output;
      assertTrue(output.contains("HTTP_PROXY=http://127.0.0.1:3128 proxyHost=127.0.0.1"), output.toString());
      // In the forwarder's namespace the engine gives no host name or resolver of the payload's own: the same
      // empty files and host name "sandbox" as with network none.
      assertTrue(output.contains("resolv.conf bytes=0 hosts bytes=0 hostname=sandbox"), output.toString());
      assertTrue(output.contains("interfaces=[lo]"), output.toString());
      assertTrue(output.contains("allowed status=200 body=stub says hello to allowed.test:8080"), output.toString());
      assertTrue(output.stream().anyMatch(line -> line.startsWith("denied status=403 body=sandbox egress proxy: "
          + "not on the allowlist")), output.toString());
      assertTrue(output.stream().anyMatch(line -> line.startsWith("tunnel failed: ") && line.contains("403")),
          output.toString());
      assertTrue(output.contains("dns: no resolver"), output.toString());
      assertFailsFastUnreachable(output, "stub");
      assertFailsFastUnreachable(output, "bridge");
      assertEquals(0, bridgeConnections.get(), "the host's bridge address was reached");
      assertTrue(output.contains("forked jvm proxyHost=true"), output.toString());

      assertEquals(Verdict.VIOLATION, report.verdict(), report.reason());
      Violation first = report.violations().get(0);
      assertEquals(ViolationKind.NETWORK, first.kind());
      assertTrue(first.detail().matches("denied GET denied\\.test:8080 at 20\\d\\d-.*Z by the egress proxy: not on"
          + " the allowlist"), first.detail());
      assertTrue(report.violations().stream().anyMatch(v -> v.detail().startsWith("denied CONNECT denied.test:8443")),
          report.violations().toString());
      assertTrue(report.hardening().networkMode().startsWith("container:"), report.hardening().networkMode());
      assertEquals(List.of(), report.hardening().capAdd());

      RunReport.Network network = report.network();
      assertEquals("allowlist", network.mode());
      assertEquals(List.of("allowed.test"), network.allow());
      assertEquals(1, network.allowed());
      assertEquals(2, network.denied());
      ProxyLogEntry allowed = network.requests().get(0);
      assertEquals(List.of("GET", "allowed.test", 8080, true, 200),
          List.of(allowed.method(), allowed.host(), allowed.port(), allowed.allowed(), allowed.status()));
      assertFalse(network.requests().toString().contains("secret"), "paths and queries are not logged");
      for (String role : List.of("proxy", "forwarder")) {
        var hardening = network.proxyHardening().get(role);
        assertTrue(hardening.readOnlyRootfs() && hardening.capDrop().equals(List.of("ALL")) && !hardening.privileged()
            && hardening.securityOpt().contains("no-new-privileges") && hardening.user().equals("65533:65533"),
            role + ": " + hardening);
      }
      assertEquals("none", network.proxyHardening().get("forwarder").networkMode());
      assertEquals(stub.network, network.proxyHardening().get("proxy").networkMode());
    }
    assertNothingLeft();
  }

  @Test
  void aNativeProgramFindsTheProxyFromHttpProxyAndNothingElse() throws Exception {
    Path probe = NativeProgramPayload.compile("probes/proxy-probe.c", workDir);
    try (StubHttpServer stub = new StubHttpServer(workDir, "allowed.test", "denied.test")) {
      SandboxPolicy policy = SandboxPolicy.builder().timeout(Duration.ofSeconds(60))
          .network(NetworkPolicy.of("allowlist", List.of("allowed.test:8080")).withProxyNetwork(stub.network)).build();
      SandboxRuns runs = new SandboxRuns(workDir);

      SandboxResult result = runs.run(new NativeProgramPayload(probe, List.of("http://allowed.test:8080/native",
          "denied.test:443", stub.address(), "8080")), policy, Map.of());

      List<String> output = runs.output;
      assertTrue(output.contains("allowed: HTTP/1.1 200 OK | stub says hello to allowed.test:8080"), output.toString());
      assertTrue(output.stream().anyMatch(line -> line.startsWith("denied: HTTP/1.1 403 Forbidden")), output.toString());
      assertTrue(output.stream().anyMatch(line -> line.matches("direct: Network is unreachable in [01]?\\d{1,3} ms")),
          output.toString());
      RunReport report = result.report();
      assertEquals(Verdict.VIOLATION, report.verdict(), report.reason());
      assertTrue(report.violations().get(0).detail().startsWith("denied CONNECT denied.test:443 at "),
          report.violations().toString());
      assertEquals(List.of(1L, 1L), List.of(report.network().allowed(), report.network().denied()));
    }
    assertNothingLeft();
  }

  @Test
  void aPayloadKilledAtTheTimeoutTakesItsProxyWithIt() throws Exception {
    SandboxPolicy policy = SandboxPolicy.builder().timeout(Duration.ofSeconds(3))
        .network(NetworkPolicy.of("allowlist", List.of("repo.example.org:443"))).build();

    SandboxResult result = new SandboxRuns(workDir).runSource("Hang", """
        public class Hang {
          public static void main(String[] args) throws Exception {
            Thread.sleep(600_000);
          }
        }
        """, policy, Map.of());

    assertEquals(Verdict.TIMEOUT, result.report().verdict(), result.report().reason());
    assertNothingLeft();
  }

  @Test
  void aProxyNetworkTheEngineDoesNotHaveIsOneClearErrorAndLeavesNothing() throws Exception {
    SandboxPolicy policy = SandboxPolicy.builder()
        .network(NetworkPolicy.of("allowlist", List.of("repo.example.org")).withProxyNetwork("no-such-network-here"))
        .build();

    SandboxResult result = new SandboxRuns(workDir).runSource("Never", "public class Never {}", policy, Map.of());

    assertEquals(Verdict.ERROR, result.report().verdict());
    assertEquals("proxyNetwork = 'no-such-network-here': the engine has no such network; create it first"
        + " (docker network create no-such-network-here) or leave proxyNetwork unset", result.report().reason());
    assertNothingLeft();
  }

  // Only refused requests here: an allowed name would be resolved by the engine's DNS on the host's resolver.
  @Test
  void withoutANamedNetworkTheProxyGetsOneOfItsOwnAndItGoesAfterTheRun() throws Exception {
    SandboxPolicy policy = SandboxPolicy.builder().timeout(Duration.ofSeconds(60))
        .network(NetworkPolicy.of("allowlist", List.of("repo.example.org:443"))).build();
    SandboxRuns runs = new SandboxRuns(workDir);

    SandboxResult result = runs.runSource("Fetch", """
        import java.net.*;
        public class Fetch {
          public static void main(String[] args) throws Exception {
            for (String url : args) {
              HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
              System.out.println(url + " -> " + connection.getResponseCode());
            }
          }
        }
        """, policy, Map.of(), "http://10.0.0.1/", "http://repo.example.org/");

    RunReport report = result.report();
    assertTrue(runs.output.contains("http://10.0.0.1/ -> 403"), runs.output.toString());
    assertTrue(runs.output.contains("http://repo.example.org/ -> 403"), runs.output.toString());
    assertEquals(Verdict.VIOLATION, report.verdict(), report.reason());
    assertTrue(report.violations().get(0).detail().startsWith("denied GET 10.0.0.1:80 at "), report.violations().toString());
    assertTrue(report.violations().get(0).detail().endsWith("IP address target; only allowlisted host names are served"),
        report.violations().toString());
    assertEquals(List.of(0L, 2L), List.of(report.network().allowed(), report.network().denied()));
    assertEquals("not on the allowlist", report.network().requests().get(1).reason(), "port 80 is not 443");
    assertNothingLeft();
  }

  private static void assertFailsFastUnreachable(List<String> output, String label) {
    Pattern failed = Pattern.compile(Pattern.quote(label) + " failed in (\\d+) ms: .*Network is unreachable.*");
    for (String line : output) {
      Matcher matcher = failed.matcher(line);
      if (matcher.matches()) {
        assertTrue(Long.parseLong(matcher.group(1)) < 2000, line);
        return;
      }
    }
    throw new AssertionError(label + ": no fast 'Network is unreachable' failure in " + output);
  }

  // Everything the sandbox created carries our process as its owner; the stub's own run is closed by then.
  @AfterEach
  void assertNothingLeft() {
    try (DockerEngine engine = DockerEngine.connect()) {
      DockerClient client = engine.client();
      List<String> owner = List.of(RunLabels.OWNER + "=" + RunLabels.thisOwner());
      List<String> left = new ArrayList<>();
      client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(RunLabels.OWNER, RunLabels.thisOwner()))
          .exec().forEach(container -> left.add("container " + List.of(container.getNames())));
      client.listNetworksCmd().withFilter("label", owner).exec().forEach(network -> left.add("network " + network.getName()));
      var volumes = client.listVolumesCmd().withFilter("label", owner).exec().getVolumes();
      if (volumes != null) {
        volumes.forEach(volume -> left.add("volume " + volume.getName()));
      }
      assertEquals(List.of(), left);
    }
  }

  private static String hostBridgeAddress() {
    try (DockerEngine engine = DockerEngine.connect()) {
      var config = engine.client().inspectNetworkCmd().withNetworkId("bridge").exec().getIpam().getConfig().get(0);
      return config.getGateway() != null ? config.getGateway() : config.getSubnet().replaceFirst("\\.0/\\d+$", ".1");
    }
  }

  private static Thread acceptAll(ServerSocket server, AtomicInteger connections) {
    Thread thread = new Thread(() -> {
      while (!server.isClosed()) {
        try (Socket ignored = server.accept()) {
          connections.incrementAndGet();
        } catch (IOException closed) {
          return;
        }
      }
    });
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}
