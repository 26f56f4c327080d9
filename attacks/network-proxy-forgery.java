// attack: talk to the egress proxy directly with forged requests: a Host header naming an allowed host for a
//   denied target, an IP-literal CONNECT, https:// without CONNECT, an origin-form request (smuggling a second
//   request behind an allowed one is ProxyServerTest's: an allowed name would be resolved for real)
// expect: VIOLATION NETWORK
// policy: network=allowlist allow=allowed.example:80
// runtimes: runc
// stopped-by: the egress proxy decides on the request's own target before resolving anything and refuses IP
//   literals and a Host that names another host
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
public class ProxyForgery {
  public static void main(String[] args) throws Exception {
    String[] requests = {
        "GET http://evil.example/steal HTTP/1.1\r\nHost: allowed.example\r\n\r\n",
        "CONNECT 203.0.113.9:443 HTTP/1.1\r\nHost: allowed.example:443\r\n\r\n",
        "CONNECT evil.example:443 HTTP/1.1\r\nHost: allowed.example:80\r\n\r\n",
        "GET https://allowed.example/ HTTP/1.1\r\nHost: allowed.example\r\n\r\n",
        "GET /relative HTTP/1.1\r\nHost: allowed.example\r\n\r\n"};
    boolean through = false;
    for (String request : requests) {
      try (Socket proxy = new Socket("127.0.0.1", 3128)) {
        OutputStream out = proxy.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = proxy.getInputStream();
        byte[] head = in.readNBytes(12);
        String status = new String(head, StandardCharsets.US_ASCII);
        System.out.println(request.lines().findFirst().orElse("") + " -> " + status);
        if (status.startsWith("HTTP/1.1 200") || status.startsWith("HTTP/1.0 200")) {
          through = true;
        }
      }
    }
    System.exit(through ? 42 : 0);
  }
}
