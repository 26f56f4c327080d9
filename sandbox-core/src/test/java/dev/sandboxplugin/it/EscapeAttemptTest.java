package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.SandboxResult;
import dev.sandboxplugin.engine.DockerEngine;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.report.RunReport;
import dev.sandboxplugin.verdict.Verdict;
import dev.sandboxplugin.verdict.ViolationKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Payloads that reach for the disk, the network, the host's secrets and executables: each refused, with evidence. */
class EscapeAttemptTest {

  @TempDir Path workDir;

  @Test
  void writingToTheRootIsAViolation() throws Exception {
    SandboxRuns runs = new SandboxRuns(workDir);
    SandboxResult result = runs.runSource("WriteRoot", """
        import java.nio.file.*;
        public class WriteRoot {
          public static void main(String[] args) throws Exception {
            Files.writeString(Path.of("/planted"), "owned");
          }
        }
        """, SandboxPolicy.builder().build(), Map.of());

    RunReport report = result.report();
    assertEquals(Verdict.VIOLATION, report.verdict(), report.reason());
    assertEquals(ViolationKind.FILE_WRITE, report.violations().get(0).kind());
    assertTrue(report.violations().get(0).detail().contains("/planted"), report.violations().toString());
  }

  @Test
  void aBinaryCopiedToTmpCannotBeExecuted() throws Exception {
    SandboxRuns runs = new SandboxRuns(workDir);
    SandboxResult result = runs.runSource("ExecTmp", """
        import java.nio.file.*;
        public class ExecTmp {
          public static void main(String[] args) throws Exception {
            Path copy = Files.copy(Path.of("/opt/java/bin/java"), Path.of("/tmp/java"));
            copy.toFile().setExecutable(true);
            System.out.println("copied, executable bit " + Files.isExecutable(copy));
            new ProcessBuilder("/tmp/java", "-version").inheritIO().start().waitFor();
          }
        }
        """, SandboxPolicy.builder().build(), Map.of());

    RunReport report = result.report();
    assertEquals(Verdict.VIOLATION, report.verdict(), report.reason());
    assertEquals(ViolationKind.EXEC, report.violations().get(0).kind());
    assertTrue(report.violations().get(0).detail().contains("/tmp/java"), report.violations().toString());
  }

  @Test
  void theHostEnvironmentIsHiddenButAllowlistedNamesPassThrough() throws Exception {
    SandboxRuns runs = new SandboxRuns(workDir);
    SandboxResult result = runs.runSource("Env", """
        public class Env {
          public static void main(String[] args) {
            System.out.println("token=" + System.getenv("CI_SECRET_TOKEN"));
            System.out.println("tz=" + System.getenv("TZ"));
            System.out.println("names=" + new java.util.TreeSet<>(System.getenv().keySet()));
          }
        }
        """, SandboxPolicy.builder().envAllowlist(List.of("TZ")).build(),
        Map.of("CI_SECRET_TOKEN", "hunter2", "TZ", "Europe/Paris"));

    assertEquals(Verdict.PASSED, result.report().verdict(), result.report().reason());
    assertTrue(runs.output.contains("token=null"), runs.output.toString());
    assertTrue(runs.output.contains("tz=Europe/Paris"), runs.output.toString());
    assertTrue(runs.output.contains("names=[HOME, HOSTNAME, JAVA_HOME, LANG, PATH, TZ]"), runs.output.toString());
  }

  @Test
  void connectingToTheHostsBridgeFailsFastWithNoNetworkAndNoResolver() throws Exception {
    String gateway;
    try (DockerEngine engine = DockerEngine.connect()) {
      var config = engine.client().inspectNetworkCmd().withNetworkId("bridge").exec().getIpam().getConfig().get(0);
      // Older engines leave the gateway out; it is then the subnet's first address.
      gateway = config.getGateway() != null ? config.getGateway()
          : config.getSubnet().replaceFirst("\\.0/\\d+$", ".1");
    }
    SandboxRuns runs = new SandboxRuns(workDir);
    SandboxResult result = runs.runSource("Connect", """
        import java.net.*;
        import java.nio.file.*;
        public class Connect {
          public static void main(String[] args) throws Exception {
            System.out.println("resolv.conf bytes=" + Files.size(Path.of("/etc/resolv.conf")));
            // Its own name still resolves, from /etc/hosts, as on any machine.
            System.out.println("own name=" + InetAddress.getLocalHost());
            try {
              InetAddress.getByName("repo.maven.apache.org");
              System.out.println("resolved");
            } catch (UnknownHostException e) {
              System.out.println("no resolver");
            }
            try (Socket socket = new Socket()) {
              socket.connect(new InetSocketAddress(args[0], 2375), 3000);
            }
          }
        }
        """, SandboxPolicy.builder().build(), Map.of(), gateway);

    RunReport report = result.report();
    assertEquals(Verdict.VIOLATION, report.verdict(), report.reason());
    assertEquals(ViolationKind.NETWORK, report.violations().get(0).kind(), runs.output.toString());
    assertTrue(runs.output.contains("resolv.conf bytes=0"), runs.output.toString());
    assertTrue(runs.output.contains("no resolver"), runs.output.toString());
    assertTrue(runs.output.contains("own name=sandbox/127.0.0.1"), runs.output.toString());
    assertEquals(List.of(), report.hardening().capAdd());
  }
}
