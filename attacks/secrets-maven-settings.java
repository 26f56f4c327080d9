// attack: read Maven's settings.xml with repository passwords
// expect: PASSED
// stopped-by: no host mounts; HOME is the empty /tmp
import java.nio.file.Files;
import java.nio.file.Path;
public class MavenSettings {
  public static void main(String[] args) {
    for (String file : new String[] {System.getProperty("user.home") + "/.m2/settings.xml", "/root/.m2/settings.xml",
        "/usr/share/maven/conf/settings.xml"}) {
      if (Files.exists(Path.of(file))) { System.out.println("found " + file); System.exit(42); }
    }
    System.out.println("no settings");
  }
}
