package dev.sandboxplugin.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The preflight's reading of /proc, on files shaped like the kernel's. */
class PreflightTest {

  private static final String HARDENED_STATUS = """
      Name:\tjava
      Uid:\t65532\t65532\t65532\t65532
      NoNewPrivs:\t1
      Seccomp:\t2
      CapPrm:\t0000000000000000
      CapEff:\t0000000000000000
      CapBnd:\t0000000000000000
      """;
  private static final String HARDENED_MOUNTS = """
      72 48 0:39 / / ro,relatime master:2 - overlay overlay rw
      89 72 0:50 / /tmp rw,nosuid,nodev,noexec,relatime - tmpfs tmpfs rw,size=65536k,mode=1777
      """;
  private static final String LOOPBACK_ONLY = """
      Inter-|   Receive
       face |bytes    packets
          lo:       0       0
      """;

  @TempDir Path proc;

  @BeforeEach
  void hardened() throws Exception {
    write("self/status", HARDENED_STATUS);
    write("self/mountinfo", HARDENED_MOUNTS);
    write("net/dev", LOOPBACK_ONLY);
  }

  @Test
  void aHardenedSandboxPasses() throws Exception {
    assertEquals(List.of(), Preflight.check(proc));
  }

  @Test
  void everyMissingProtectionIsNamed() throws Exception {
    write("self/status", HARDENED_STATUS.replace("CapEff:\t0000000000000000", "CapEff:\t00000000a80425fb")
        .replace("NoNewPrivs:\t1", "NoNewPrivs:\t0").replace("Seccomp:\t2", "Seccomp:\t0")
        .replace("Uid:\t65532", "Uid:\t0"));
    write("self/mountinfo", HARDENED_MOUNTS.replace(" / / ro,", " / / rw,").replace("nosuid,nodev,noexec,", ""));
    write("net/dev", LOOPBACK_ONLY + "  eth0:       0       0\n");

    assertEquals(List.of(
        "capabilities CapEff = 00000000a80425fb (expected none)",
        "no_new_privs not in effect (NoNewPrivs = 0)",
        "seccomp filter mode not in effect (Seccomp = 0)",
        "running as root (Uid 0\t65532\t65532\t65532)",
        "root file system is not read-only (rw,relatime)",
        "/tmp is not noexec (rw,relatime)",
        "/tmp is not nosuid (rw,relatime)",
        "/tmp is not nodev (rw,relatime)",
        "network interface eth0 present (expected loopback only)"), Preflight.check(proc));
  }

  @Test
  void everyOtherFolderWeCanWriteToMustBeAsClosedAsTmp(@TempDir Path root) throws Exception {
    // As Podman mounts them on a read-only container: writable, with exec. /dev/pts is not there to write to (in a
    // container, root's), /proc/kcore is a file (/dev/null masking it), /sys is read-only: none of them counts.
    write("self/mountinfo", HARDENED_MOUNTS + """
        90 72 0:51 / /run rw,nosuid,nodev,relatime - tmpfs tmpfs rw
        91 72 0:52 / /var/tmp rw,nosuid,nodev,relatime - tmpfs tmpfs rw
        92 72 0:53 / /dev/shm rw,nosuid,nodev,noexec,relatime - tmpfs shm rw
        93 72 0:54 / /dev/pts rw,nosuid - devpts devpts rw,mode=620
        94 72 0:55 / /sys ro,nosuid,nodev,noexec - sysfs sysfs ro
        95 72 0:56 /null /proc/kcore rw,nosuid - tmpfs tmpfs rw
        96 72 0:57 / /app/my\\040out rw,nodev,noexec - tmpfs tmpfs rw
        """);
    for (String folder : List.of("run", "var/tmp", "dev/shm", "sys", "app/my out")) {
      Files.createDirectories(root.resolve(folder));
    }
    Files.createDirectories(root.resolve("proc"));
    Files.writeString(root.resolve("proc/kcore"), "");

    assertEquals(List.of(
        "/run is writable and not noexec (rw,nosuid,nodev,relatime)",
        "/var/tmp is writable and not noexec (rw,nosuid,nodev,relatime)",
        "/app/my out is writable and not nosuid (rw,nodev,noexec)"), Preflight.check(proc, root));
  }

  @Test
  void aMissingTmpMountIsNamed() throws Exception {
    write("self/mountinfo", "72 48 0:39 / / ro,relatime master:2 - overlay overlay rw\n");
    assertEquals(List.of("/tmp is not noexec ()", "/tmp is not nosuid ()", "/tmp is not nodev ()"), Preflight.check(proc));
  }

  @Test
  void underGvisorWhatItCannotShowIsNotRequiredButTheRestIs() throws Exception {
    write("version", "Linux version 4.4.0 #1 SMP Sun Jan 10 15:06:54 PST 2016\n");
    write("self/status", HARDENED_STATUS.replace("NoNewPrivs:\t1\n", ""));
    write("self/mountinfo", HARDENED_MOUNTS.replace("rw,nosuid,nodev,noexec,relatime", "rw,noexec"));
    assertEquals(List.of(), Preflight.check(proc));

    // runsc registered without --oci-seccomp: refused.
    write("self/status", HARDENED_STATUS.replace("NoNewPrivs:\t1\n", "").replace("Seccomp:\t2", "Seccomp:\t0"));
    assertEquals(List.of("seccomp filter mode not in effect (Seccomp = 0)"), Preflight.check(proc));
  }

  @Test
  void aMissingNoNewPrivsLineOnLinuxIsRefused() throws Exception {
    write("version", "Linux version 6.1.0-13-amd64 (debian-kernel@lists.debian.org)\n");
    write("self/status", HARDENED_STATUS.replace("NoNewPrivs:\t1\n", ""));
    assertEquals(List.of("no_new_privs not in effect (NoNewPrivs = null)"), Preflight.check(proc));
  }

  @Test
  void theKernelsCountOfRefusalsAtThePidsLimitIsRead() {
    assertEquals(19, Preflight.refusedAtPidsLimit(List.of("max 19")));
    assertEquals(0, Preflight.refusedAtPidsLimit(List.of("max 0")));
    assertEquals(0, Preflight.refusedAtPidsLimit(List.of()));
    assertEquals(0, Preflight.refusedAtPidsLimit(List.of("max lots", "other 3")));
    assertEquals("[sandbox] the pids limit refused 19 new process(es) or thread(s) (the kernel's count, pids.events)",
        Preflight.pidsRefusedLine(19));
  }

  @Test
  void theShellPreflightSaysTheSameLine() throws Exception {
    String shell = new String(Preflight.class.getResourceAsStream("preflight.sh").readAllBytes(),
        java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(shell.contains("echo \"" + Preflight.pidsRefusedLine(0).replace(" 0 ", " $count ") + "\" >&2"), shell);
  }

  private void write(String relative, String text) throws Exception {
    Path file = proc.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
