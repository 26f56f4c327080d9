// attack: read password hashes
// expect: PASSED
// stopped-by: the offline base has no /etc/shadow; the payload runs as uid 65532
import java.nio.file.Files;
import java.nio.file.Path;
public class Shadow {
  public static void main(String[] args) {
    try {
      System.out.println(Files.readString(Path.of("/etc/shadow")));
      System.exit(42);
    } catch (Exception refused) {
      System.out.println("refused: " + refused);
    }
  }
}
