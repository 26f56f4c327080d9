package dev.sandboxplugin.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkPolicyTest {

  @Test
  void exactHostMatchesOnlyItselfOnAnyPort() {
    HostPattern pattern = HostPattern.parse("Repo.Example.org");
    assertTrue(pattern.matches("repo.example.org", 443));
    assertTrue(pattern.matches("REPO.example.org.", 80));
    assertFalse(pattern.matches("evil-repo.example.org", 443));
    assertFalse(pattern.matches("repo.example.org.evil.com", 443));
    assertEquals("repo.example.org", pattern.toString());
  }

  @Test
  void wildcardMatchesSubdomainsButNotTheDomainItself() {
    HostPattern pattern = HostPattern.parse("*.example.com:443");
    assertTrue(pattern.matches("api.example.com", 443));
    assertTrue(pattern.matches("a.b.example.com", 443));
    assertFalse(pattern.matches("api.example.com", 80));
    assertFalse(pattern.matches("example.com", 443));
    assertFalse(pattern.matches("badexample.com", 443));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "*", "*.com", "ex*ample.com", "10.0.0.1", "example.com:0", "example.com:70000",
      "example.com:http", "-bad.example.com", "under_score.example.com", "a..b", "http://example.com"})
  void refusesWhatIsNotAHostPattern(String text) {
    InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> HostPattern.parse(text));
    assertTrue(e.getMessage().startsWith("allow = '"), e.getMessage());
  }

  @Test
  void allowlistNeedsHostsAndNoneRefusesThem() {
    assertThrows(InvalidPolicyException.class, () -> NetworkPolicy.of("allowlist", List.of()));
    assertThrows(InvalidPolicyException.class, () -> NetworkPolicy.of("none", List.of("example.com")));
    assertThrows(InvalidPolicyException.class, () -> NetworkPolicy.of("bridge", List.of()));
    NetworkPolicy policy = NetworkPolicy.of(" AllowList ", List.of("repo.example.org", "*.example.com:443"));
    assertTrue(policy.allows("repo.example.org", 8080));
    assertTrue(policy.allows("x.example.com", 443));
    assertFalse(policy.allows("x.example.com", 80));
    assertFalse(policy.allows("example.net", 443));
  }

  @Test
  void aProxyNetworkNeedsAnAllowlistAndAUserDefinedNetworksName() {
    NetworkPolicy allowlist = NetworkPolicy.of("allowlist", List.of("repo.example.org"));
    assertEquals("ci-services", allowlist.withProxyNetwork(" ci-services ").proxyNetwork());
    assertEquals(null, allowlist.withProxyNetwork(" ").proxyNetwork());
    for (String refused : List.of("host", "none", "container:abc", "-x", "a b")) {
      InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> allowlist.withProxyNetwork(refused));
      assertTrue(e.getMessage().startsWith("proxyNetwork = '" + refused + "' is not"), e.getMessage());
    }
    assertThrows(InvalidPolicyException.class, () -> NetworkPolicy.none().withProxyNetwork("ci-services"));
  }

  @Test
  void modeParsesBothNames() {
    assertEquals(EnforcementMode.AUDIT, EnforcementMode.parse(" Audit"));
    assertEquals(EnforcementMode.ENFORCE, EnforcementMode.parse("enforce"));
    assertThrows(InvalidPolicyException.class, () -> EnforcementMode.parse("warn"));
    assertEquals(NetworkPolicy.none(), SandboxPolicy.builder().build().network());
  }
}
