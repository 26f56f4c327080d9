package dev.sandboxplugin.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.policy.HostPattern;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProxyDecisionTest {

  private static final List<HostPattern> ALLOW =
      List.of(HostPattern.parse("repo.example.org"), HostPattern.parse("*.example.com:443"));

  @Test
  void allowsMatchingNamesAndPortsOnly() throws Exception {
    assertEquals(new ProxyDecision(true, "allowed by repo.example.org"), decide("CONNECT repo.example.org:443"));
    assertTrue(decide("GET http://repo.example.org:8080/x").allowed());
    assertTrue(decide("CONNECT api.example.com:443").allowed());
    assertEquals("not on the allowlist", decide("CONNECT api.example.com:80").reason());
    assertFalse(decide("CONNECT example.com:443").allowed());
    assertFalse(decide("CONNECT repo.example.org.evil.net:443").allowed());
  }

  @ParameterizedTest
  @ValueSource(strings = {"CONNECT 10.0.0.1:443", "CONNECT [::1]:443", "CONNECT [fd00::2]:443", "GET http://2130706433/",
      "GET http://0x7f.1/", "GET http://127.1/", "CONNECT 169.254.169.254:80"})
  void refusesIpLiteralsBeforeAnythingIsResolved(String requestLine) throws Exception {
    ProxyDecision decision = decide(requestLine);
    assertFalse(decision.allowed());
    assertEquals("IP address target; only allowlisted host names are served", decision.reason());
  }

  @Test
  void aHostHeaderNamingAnotherHostIsRefused() throws Exception {
    ProxyDecision decision = decide("GET http://repo.example.org/", "Host: evil.example.net");
    assertFalse(decision.allowed());
    assertTrue(decision.reason().startsWith("Host header 'evil.example.net' does not name"), decision.reason());
    assertFalse(decide("GET http://repo.example.org/", "Host: repo.example.org:81").allowed());
    assertTrue(decide("GET http://repo.example.org/", "Host: REPO.example.org:80").allowed());
    assertTrue(decide("CONNECT api.example.com:443", "Host: api.example.com:443").allowed());
  }

  @Test
  void refusesWhatIsNoHostName() throws Exception {
    assertEquals("not a host name", decide("GET http://repo..example.org/").reason());
    assertEquals("not a host name", decide("GET http://-repo.example.org/").reason());
    assertEquals("not a host name", decide("GET http://repo.example.org%00.evil/").reason());
  }

  private static ProxyDecision decide(String requestLine, String... headers) throws Exception {
    String head = requestLine + " HTTP/1.1\r\n" + String.join("", List.of(headers).stream().map(h -> h + "\r\n").toList())
        + "\r\n";
    ProxyRequest request = ProxyRequest.read(new ByteArrayInputStream(head.getBytes(StandardCharsets.ISO_8859_1)));
    return ProxyDecision.decide(request, ALLOW);
  }
}
