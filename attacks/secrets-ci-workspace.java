// attack: walk the file system for the CI workspace and other projects' sources
// expect: PASSED
// stopped-by: no host mounts: only the image's own files are visible
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
public class Workspace {
  public static void main(String[] args) throws Exception {
    for (String dir : new String[] {"/work", "/home", "/github", "/builds", "/var/lib/docker", "/root"}) {
      if (Files.exists(Path.of(dir))) { System.out.println("found " + dir); System.exit(42); }
    }
    try (Stream<Path> all = Files.walk(Path.of("/app"))) {
      if (all.anyMatch(p -> p.toString().endsWith("pom.xml") || p.toString().contains(".git"))) System.exit(42);
    }
    System.out.println("nothing of the host");
  }
}
