// attack: read SSH keys and cloud credentials from the usual homes
// expect: PASSED
// stopped-by: no host mounts: the image holds only the payload and a runtime
import java.nio.file.Files;
import java.nio.file.Path;
public class SshKeys {
  public static void main(String[] args) {
    String[] files = {System.getProperty("user.home") + "/.ssh/id_rsa", "/root/.ssh/id_rsa", "/home/runner/.ssh/id_ed25519",
        "/root/.aws/credentials", "/root/.docker/config.json"};
    for (String file : files) {
      if (Files.exists(Path.of(file))) { System.out.println("found " + file); System.exit(42); }
    }
    System.out.println("no keys");
  }
}
