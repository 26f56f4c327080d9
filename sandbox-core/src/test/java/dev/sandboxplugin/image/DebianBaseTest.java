package dev.sandboxplugin.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebianBaseTest {

  private static final DebianBase BASE = new DebianBase("test base", "sandbox-maven-plugin/test-base", "test",
      new DebianRootFs("test-v1", List.of("dash"), "true", List.of()), Map.of(), "0:0", "do without");

  @TempDir
  Path cache;

  @Test
  void withoutTheToolTheNewestWholeRootFileSystemOfTheCacheIsFound() throws Exception {
    assertNull(BASE.cachedKey(cache), "no folder yet");
    built("aaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaa0001", 1000);
    built("bbbbbbbbbbbbbbbb", "bbbbbbbbbbbbbbbb0002", 2000);
    Files.createDirectories(cache.resolve("test-base/cccccccccccccccc")); // a build that never finished
    assertEquals("bbbbbbbbbbbbbbbb0002", BASE.cachedKey(cache));
  }

  @Test
  void aKeyFileThatDoesNotNameItsFolderIsNotTrusted() throws Exception {
    built("aaaaaaaaaaaaaaaa", "ffffffffffffffff0001", 1000);
    assertNull(BASE.cachedKey(cache));
  }

  private void built(String folder, String key, long millis) throws Exception {
    Path dir = Files.createDirectories(cache.resolve("test-base").resolve(folder));
    Files.writeString(dir.resolve("rootfs.tar"), "tar");
    Files.setLastModifiedTime(dir.resolve("rootfs.tar"), FileTime.fromMillis(millis));
    Files.writeString(dir.resolve("key"), key);
  }
}
