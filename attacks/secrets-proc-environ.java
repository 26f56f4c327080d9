// attack: read the environment of PID 1 and of itself from /proc, looking for CI secrets
// expect: PASSED
// stopped-by: the environment allowlist: the container gets none of the host's variables
import java.nio.file.Files;
import java.nio.file.Path;
public class ProcEnviron {
  public static void main(String[] args) throws Exception {
    for (String file : new String[] {"/proc/1/environ", "/proc/self/environ"}) {
      String env = new String(Files.readAllBytes(Path.of(file))).replace('\0', ' ');
      System.out.println(file + ": " + env);
      if (env.contains("CI_JOB_TOKEN") || env.contains("GITHUB_TOKEN") || env.contains("AWS_")) System.exit(42);
    }
  }
}
