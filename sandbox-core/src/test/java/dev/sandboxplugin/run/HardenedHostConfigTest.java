package dev.sandboxplugin.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.HostConfig;
import dev.sandboxplugin.engine.EngineKind;
import dev.sandboxplugin.policy.SandboxPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The same hardened container asked of Docker and of Podman, each in the form it reads. */
class HardenedHostConfigTest {

  private static final SandboxPolicy POLICY = SandboxPolicy.builder().build();

  @Test
  void dockerGetsTheProfileInlineAndFileCountCaps() {
    HostConfig docker = HardenedHostConfig.from(POLICY, EngineKind.DOCKER);

    assertEquals("seccomp=" + POLICY.seccompProfile().json(), docker.getSecurityOpts().get(1));
    assertEquals(Map.of(
        "/tmp", "rw,noexec,nosuid,nodev,size=67108864,nr_inodes=8192,mode=1777",
        "/dev/shm", "rw,noexec,nosuid,nodev,size=16777216,nr_inodes=4096,mode=1777"), docker.getTmpFs());
  }

  @Test
  void podmanGetsTheProfileAsAFileAndItsOwnWritableFoldersClosed() throws Exception {
    HostConfig podman = HardenedHostConfig.from(POLICY, EngineKind.PODMAN);

    String seccomp = podman.getSecurityOpts().get(1);
    assertTrue(seccomp.startsWith("seccomp=/"), seccomp);
    Path profile = Path.of(seccomp.substring("seccomp=".length()));
    assertEquals(POLICY.seccompProfile().json(), Files.readString(profile));
    // <private folder>/profile-<hash>/seccomp.json
    assertEquals(PosixFilePermissions.fromString("rwx------"),
        Files.getPosixFilePermissions(profile.getParent().getParent()), "the profile's folder is this user's only");
    // Podman refuses nr_inodes, and mounts writable tmpfs with exec on /run and /var/tmp unless given its own.
    assertEquals(Map.of(
        "/tmp", "rw,noexec,nosuid,nodev,size=67108864,mode=1777",
        "/dev/shm", "rw,noexec,nosuid,nodev,size=16777216,mode=1777",
        "/run", "rw,noexec,nosuid,nodev,size=16777216,mode=1777",
        "/var/tmp", "rw,noexec,nosuid,nodev,size=16777216,mode=1777"), podman.getTmpFs());
  }
}
