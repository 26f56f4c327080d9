// attack: go out over IPv6, which firewalls often forget
// expect: VIOLATION NETWORK
// stopped-by: network none: no IPv6 route either
import java.net.InetSocketAddress;
import java.net.Socket;
public class Ipv6 {
  public static void main(String[] args) throws Exception {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("2001:db8::10", 80), 3000);
      System.exit(42);
    }
  }
}
