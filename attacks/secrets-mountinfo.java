// attack: learn host paths from /proc/self/mountinfo
// expect: FAILED
// runsc-note: gVisor shows its own mounts, not the host's paths
// expect-runsc: PASSED
// known-limit: the engine's overlay paths on the host (/var/lib/docker/overlay2/...) are visible in mountinfo; they
//   name no secret, but say where the engine keeps its data (under runc; gVisor hides them).
import java.nio.file.Files;
import java.nio.file.Path;
public class MountInfo {
  public static void main(String[] args) throws Exception {
    String info = Files.readString(Path.of("/proc/self/mountinfo"));
    if (info.contains("/var/lib/docker")) { System.out.println("host path seen"); System.exit(42); }
  }
}
