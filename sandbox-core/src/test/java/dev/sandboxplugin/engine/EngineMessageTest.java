package dev.sandboxplugin.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.exception.DockerException;
import org.junit.jupiter.api.Test;

/**
 * The engine's refusals as one short line, on what Docker and Podman really answered (docker-java puts
 * "Status N: " before the body).
 */
class EngineMessageTest {

  @Test
  void theEnginesSentenceIsTakenOutOfItsJson() {
    DockerException refused = new DockerException("{\"cause\":\"invalid mount option\",\"message\":"
        + "\"container create: unknown mount option \\\"nr_inodes=4096\\\": invalid mount option\",\"response\":500}\n",
        500);

    assertEquals("status 500: container create: unknown mount option \"nr_inodes=4096\": invalid mount option",
        EngineMessage.of(refused));
  }

  @Test
  void aRequestEchoedBackIsCutToALine() {
    String profile = "{\\\"defaultAction\\\":\\\"SCMP_ACT_ERRNO\\\",\\\"syscalls\\\":["
        + "\\\"read\\\",".repeat(500) + "]}";
    DockerException refused = new DockerException("{\"cause\":\"file name too long\",\"message\":"
        + "\"container create: opening seccomp profile failed: open " + profile + ": file name too long\"}\n", 500);

    String line = EngineMessage.of(refused);

    assertTrue(line.startsWith("status 500: container create: opening seccomp profile failed: open {"), line);
    assertEquals(401, line.length(), line);
    assertTrue(line.endsWith("…"), line);
  }

  @Test
  void podmanWithoutItsInitSaysWhatToInstall() {
    DockerException refused = new DockerException("{\"message\":\"container create: container-init"
        + " binary not found on the host: stat /usr/libexec/podman/catatonit: no such file or directory\"}", 500);

    assertEquals("status 500: container create: container-init binary not found on the host: stat"
        + " /usr/libexec/podman/catatonit: no such file or directory (Podman's init is missing: install it, e.g."
        + " apt-get install catatonit)", EngineMessage.of(refused));
  }

  @Test
  void aMessageThatIsNotTheEnginesJsonIsKeptAsItCame() {
    assertEquals("status 404: No such image: sandbox:1",
        EngineMessage.of(new DockerException("No such image: sandbox:1\n", 404)));
    assertEquals("read timed out", EngineMessage.of(new IllegalStateException(" read timed out\n")));
  }
}
