// attack: reach the host through Docker's bridge gateway (the engine's API, a CI cache, a metadata service)
// expect: VIOLATION NETWORK
// stopped-by: network none: there is no bridge interface to route through
import java.net.InetSocketAddress;
import java.net.Socket;
public class BridgeGateway {
  public static void main(String[] args) throws Exception {
    for (int port : new int[] {2375, 2376, 80}) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("172.17.0.1", port), 2000);
        System.exit(42);
      } catch (java.io.IOException refused) {
        System.out.println("172.17.0.1:" + port + " " + refused);
      }
    }
    System.exit(1);
  }
}
