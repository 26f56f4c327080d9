package dev.sandboxplugin.mojo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.policy.InvalidPolicyException;
import dev.sandboxplugin.policy.NetworkPolicy;
import dev.sandboxplugin.policy.SandboxPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyFromParametersTest {

  @TempDir
  Path baseDir;

  @Test
  void mapsEveryParameter() {
    SandboxPolicy policy = new PolicyFromParameters(baseDir).memory("256m").cpus("0.5").pids("64").openFiles("512")
        .processes("100").tmpfsSize("16m").timeout("30s").env("LANG, TZ").seccompProfile("default")
        .outputLimit("2m").build();

    assertEquals(256L << 20, policy.memory().bytes());
    assertEquals(0.5, policy.cpus());
    assertEquals(64, policy.pids());
    assertEquals(512, policy.openFiles());
    assertEquals(100, policy.processes());
    assertEquals(16L << 20, policy.tmpfsSize().bytes());
    assertEquals(Duration.ofSeconds(30), policy.timeout());
    assertEquals(List.of("LANG", "TZ"), policy.envAllowlist());
    assertEquals("default", policy.seccompProfile().name());
    assertEquals(2L << 20, policy.outputLimit().bytes());
  }

  @Test
  void blankValuesKeepTheDefaults() {
    SandboxPolicy defaults = SandboxPolicy.builder().build();
    SandboxPolicy policy = new PolicyFromParameters(baseDir).memory(null).cpus(" ").pids("").timeout(null).build();

    assertEquals(defaults.memory(), policy.memory());
    assertEquals(defaults.cpus(), policy.cpus());
    assertEquals(defaults.pids(), policy.pids());
    assertEquals(defaults.timeout(), policy.timeout());
  }

  @Test
  void everyBadValueIsReportedUnderItsProperty() {
    assertNamed("sandbox.memory = 'lots'", p -> p.memory("lots"));
    assertNamed("sandbox.memory = 4k", p -> p.memory("4k"));
    assertNamed("sandbox.cpus = 'many'", p -> p.cpus("many"));
    assertNamed("sandbox.cpus = 0.0", p -> p.cpus("0"));
    assertNamed("sandbox.pids = 'x'", p -> p.pids("x"));
    assertNamed("sandbox.pids = 0", p -> p.pids("0"));
    assertNamed("sandbox.openFiles = -1", p -> p.openFiles("-1"));
    assertNamed("sandbox.processes = '1.5'", p -> p.processes("1.5"));
    assertNamed("sandbox.tmpfsSize = 'big'", p -> p.tmpfsSize("big"));
    assertNamed("sandbox.timeout = 'soon'", p -> p.timeout("soon"));
    assertNamed("sandbox.env = 'NOT-A-NAME'", p -> p.env("LANG,NOT-A-NAME"));
    assertNamed("sandbox.seccompProfile: ", p -> p.seccompProfile("no-such-profile"));
    assertNamed("sandbox.outputLimit = '0'", p -> p.outputLimit("0"));
  }

  @Test
  void mapsTheNetworkSettings() {
    SandboxPolicy policy = new PolicyFromParameters(baseDir)
        .network("allowlist", "repo.example.org, *.example.com:443", "ci-services").build();

    assertEquals(NetworkPolicy.Mode.ALLOWLIST, policy.network().mode());
    assertEquals("[repo.example.org, *.example.com:443]", policy.network().allow().toString());
    assertEquals("ci-services", policy.network().proxyNetwork());
    assertEquals(NetworkPolicy.none(), new PolicyFromParameters(baseDir).network(null, " ", null).build().network());
  }

  @Test
  void badNetworkSettingsNameTheirProperty() {
    assertNamed("sandbox.network = 'bridge'", p -> p.network("bridge", null, null));
    assertNamed("sandbox.network = allowlist needs", p -> p.network("allowlist", "", null));
    assertNamed("sandbox.allow = [repo.example.org] needs", p -> p.network(null, "repo.example.org", null));
    assertNamed("sandbox.allow = '10.0.0.1'", p -> p.network("allowlist", "10.0.0.1", null));
    assertNamed("sandbox.proxyNetwork = 'host'", p -> p.network("allowlist", "repo.example.org", "host"));
    assertNamed("sandbox.proxyNetwork = 'ci'", p -> p.network(null, null, "ci"));
  }

  @Test
  void aSeccompProfileFileIsResolvedAgainstTheBaseDirectory() throws Exception {
    Files.writeString(baseDir.resolve("strict.json"),
        "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"read\"],\"action\":\"SCMP_ACT_ALLOW\"}]}");

    SandboxPolicy policy = new PolicyFromParameters(baseDir).seccompProfile("strict.json").build();

    assertEquals(baseDir.resolve("strict.json").toString(), policy.seccompProfile().name());
  }

  private void assertNamed(String expectedStart, Function<PolicyFromParameters, PolicyFromParameters> setting) {
    InvalidPolicyException e =
        assertThrows(InvalidPolicyException.class, () -> setting.apply(new PolicyFromParameters(baseDir)));
    assertTrue(e.getMessage().startsWith(expectedStart), () -> "'" + e.getMessage() + "' should start with '"
        + expectedStart + "'");
  }
}
