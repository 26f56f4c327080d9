// attack: talk to the Docker engine through its socket (root on the host)
// expect: PASSED
// stopped-by: no host mounts: there is no socket in the container
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
public class DockerSocket {
  public static void main(String[] args) {
    for (String path : new String[] {"/var/run/docker.sock", "/run/docker.sock"}) {
      try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
        System.out.println("connected to " + path);
        System.exit(42);
      } catch (Exception refused) {
        System.out.println(path + ": " + refused);
      }
    }
  }
}
