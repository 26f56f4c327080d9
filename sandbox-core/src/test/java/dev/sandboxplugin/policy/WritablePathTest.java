package dev.sandboxplugin.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WritablePathTest {

  @Test
  void anAbsoluteFolderWithItsSizeAndTmpLikeOptions() {
    WritablePath path = WritablePath.of(" /app/out/ ", MemorySize.ofMegabytes(16));

    assertEquals("/app/out", path.path());
    assertEquals("rw,noexec,nosuid,nodev,size=16777216,nr_inodes=4096,mode=1777",
        WritablePath.tmpfsOptions(path.size(), true));
    assertEquals(WritablePath.DEFAULT_SIZE, WritablePath.of("/var/cache/tool", null).size());
    assertEquals("/opt/data", WritablePath.of("/opt/data", null).path());
  }

  @Test
  void everyTmpfsCapsItsFileCountWithItsSize() {
    // A file storm costs ~1 KiB of kernel memory per file: one file per 8 KiB keeps that under an eighth of the cap.
    assertEquals(4096, WritablePath.inodesFor(MemorySize.ofMegabytes(1)));
    assertEquals(8192, WritablePath.inodesFor(MemorySize.ofMegabytes(64)));
    assertEquals(131072, WritablePath.inodesFor(MemorySize.ofMegabytes(1024)));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "app/out | is not an absolute path; write one such as /app/out",
      "/ | is the root; name a folder such as /app/out",
      "/app//out | may only have letters, digits, '.', '_' and '-' between single slashes",
      "/app/my out | may only have letters, digits, '.', '_' and '-' between single slashes",
      "/app/out:rw | may only have letters, digits, '.', '_' and '-' between single slashes",
      "/app/../etc | has a '.' or '..' segment; write the folder it means",
      "/proc | is /proc, which the engine manages; pick another folder, e.g. /app/out",
      "/sys/fs/cgroup | is under /sys, which the engine manages; pick another folder, e.g. /app/out",
      "/dev/shm | is under /dev, which the engine manages; pick another folder, e.g. /app/out",
      "/etc/resolv.conf | is under /etc, which the engine manages; pick another folder, e.g. /app/out",
      "/tmp/x | is under /tmp, which the engine manages and is writable already; pick another folder, e.g. /app/out",
      "/usr | would hide /usr, which the payload needs to run; pick a folder below it, e.g. /app/out",
      "/opt | would hide /opt, which the payload needs to run; pick a folder below it, e.g. /app/out",
  })
  void refusedWithWhatToWriteInstead(String path, String why) {
    InvalidPolicyException e = assertThrows(InvalidPolicyException.class, () -> WritablePath.of(path, null));
    assertEquals("writablePaths = '" + path + "' " + why, e.getMessage());
  }

  @Test
  void atMostSixteen() {
    List<WritablePath> paths = new ArrayList<>();
    for (int i = 0; i < 17; i++) {
      paths.add(WritablePath.of("/app/out" + i, null));
    }
    InvalidPolicyException e = assertThrows(InvalidPolicyException.class,
        () -> SandboxPolicy.builder().writablePaths(paths));
    assertTrue(e.getMessage().contains("give at most 16"), e.getMessage());
    assertEquals(16, SandboxPolicy.builder().writablePaths(paths.subList(0, 16)).build().writablePaths().size());
    assertEquals(List.of(), SandboxPolicy.builder().writablePaths(Collections.emptyList()).build().writablePaths());
  }
}
