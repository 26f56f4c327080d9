// attack: connect straight to an IP, hoping for a slow timeout that keeps the build waiting
// expect: VIOLATION NETWORK
// stopped-by: network none: every address leads back to loopback, so the connect is refused at once
import java.net.InetSocketAddress;
import java.net.Socket;
public class DirectIp {
  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("203.0.113.10", 443), 30000);
      System.exit(42);
    } catch (java.io.IOException refused) {
      System.out.println("refused after " + (System.nanoTime() - start) / 1_000_000 + " ms");
      if ((System.nanoTime() - start) > 2_000_000_000L) System.exit(43);
      throw refused;
    }
  }
}
