package dev.sandboxplugin.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProxyRequestTest {

  @Test
  void connectNamesHostAndPortAndLeavesTheTunnelBytesUnread() throws Exception {
    ByteArrayInputStream in = stream("CONNECT Repo.Example.org.:443 HTTP/1.1\r\nHost: repo.example.org:443\r\n\r\n\u0016\u0003");
    ProxyRequest request = ProxyRequest.read(in);

    assertTrue(request.isConnect());
    assertEquals("repo.example.org", request.host);
    assertEquals(443, request.port);
    assertEquals(2, in.available(), "the first bytes of the tunnel must not be consumed with the head");
  }

  @Test
  void absoluteFormGivesHostDefaultPortAndOriginFormPath() throws Exception {
    ProxyRequest request = ProxyRequest.read(stream("GET http://repo.example.org?q=1#frag HTTP/1.1\nHost: repo.example.org\n\n"));

    assertEquals("GET", request.method);
    assertEquals("repo.example.org", request.host);
    assertEquals(80, request.port);
    assertEquals("/?q=1", request.path);
  }

  @Test
  void anEmptyConnectionIsNoRequest() throws Exception {
    assertNull(ProxyRequest.read(stream("")));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "GET / HTTP/1.1\r\nHost: repo.example.org\r\n\r\n",                     // origin-form: not a proxy request
      "GET https://repo.example.org/ HTTP/1.1\r\n\r\n",                       // TLS must be tunnelled
      "CONNECT repo.example.org HTTP/1.1\r\n\r\n",                            // no port
      "CONNECT repo.example.org:0 HTTP/1.1\r\n\r\n",
      "CONNECT repo.example.org:99999 HTTP/1.1\r\n\r\n",
      "GET http://user:pw@repo.example.org/ HTTP/1.1\r\n\r\n",                // user info
      "GET http:/// HTTP/1.1\r\n\r\n",
      "GET  http://repo.example.org/ HTTP/1.1\r\n\r\n",                       // double space
      "get http://repo.example.org/ HTTP/1.1\r\n\r\n",
      "GET http://repo.example.org/ HTTP/2.0\r\n\r\n",
      "GET http://repo.example.org/ HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",  // two Host headers
      "POST http://repo.example.org/ HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
      "POST http://repo.example.org/ HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n",
      "POST http://repo.example.org/ HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
      "POST http://repo.example.org/ HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
      "GET http://repo.example.org/ HTTP/1.1\r\nX-Folded: a\r\n b\r\n\r\n",   // obsolete line folding
      "GET http://repo.example.org/ HTTP/1.1\r\nX-Bad: a\rb\r\n\r\n",         // bare CR
      "GET http://repo.example.org/\u0000 HTTP/1.1\r\n\r\n",
      "GET http://repo.example.org/ HTTP/1.1\r\nHost: repo.example.org\r\n",  // closed inside the head
      "GET http://[::1/ HTTP/1.1\r\n\r\n"})
  void refusesMalformedAndAmbiguousRequests(String text) {
    BadProxyRequestException e = assertThrows(BadProxyRequestException.class, () -> ProxyRequest.read(stream(text)));
    assertTrue(e.status == 400 || e.status == 501, e.status + " " + e.getMessage());
  }

  @Test
  void boundsTheRequestLineTheHeadAndTheHeaderCount() {
    String longTarget = "GET http://repo.example.org/" + "a".repeat(ProxyRequest.MAX_REQUEST_LINE) + " HTTP/1.1\r\n\r\n";
    assertEquals(414, assertThrows(BadProxyRequestException.class, () -> ProxyRequest.read(stream(longTarget))).status);

    StringBuilder manyHeaders = new StringBuilder("GET http://repo.example.org/ HTTP/1.1\r\n");
    for (int i = 0; i <= ProxyRequest.MAX_HEADERS; i++) {
      manyHeaders.append("X-").append(i).append(": x\r\n");
    }
    assertEquals(431, assertThrows(BadProxyRequestException.class,
        () -> ProxyRequest.read(stream(manyHeaders + "\r\n"))).status);

    StringBuilder hugeHead = new StringBuilder("GET http://repo.example.org/ HTTP/1.1\r\n");
    for (int i = 0; i < 8; i++) {
      hugeHead.append("X-").append(i).append(": ").append("v".repeat(5000)).append("\r\n");
    }
    assertEquals(431, assertThrows(BadProxyRequestException.class,
        () -> ProxyRequest.read(stream(hugeHead + "\r\n"))).status);
  }

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
  }
}
