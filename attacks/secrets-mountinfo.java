// attack: learn host paths from /proc/self/mountinfo
// expect: FAILED
// known-limit: the engine's overlay paths on the host (/var/lib/docker/overlay2/...) are visible in mountinfo; they
//   name no secret, but say where the engine keeps its data. gVisor (runsc) hides them.
import java.nio.file.Files;
import java.nio.file.Path;
public class MountInfo {
  public static void main(String[] args) throws Exception {
    String info = Files.readString(Path.of("/proc/self/mountinfo"));
    if (info.contains("/var/lib/docker")) { System.out.println("host path seen"); System.exit(42); }
  }
}
