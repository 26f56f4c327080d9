// attack: learn the host's resolver (and so its network) from /etc/resolv.conf
// expect: PASSED
// stopped-by: /etc/resolv.conf is an empty read-only file
import java.nio.file.Files;
import java.nio.file.Path;
public class Resolver {
  public static void main(String[] args) throws Exception {
    String conf = Files.readString(Path.of("/etc/resolv.conf"));
    System.out.println("resolv.conf: [" + conf + "]");
    if (conf.contains("nameserver")) System.exit(42);
  }
}
