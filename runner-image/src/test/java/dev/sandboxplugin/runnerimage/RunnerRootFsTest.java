package dev.sandboxplugin.runnerimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The strip script on a miniature root file system, and the cache key, without mmdebstrap. */
class RunnerRootFsTest {

  @Test
  void stripScriptClearsSetuidBitsAndAddsTheRunner(@TempDir Path root) throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "chown in the script needs root, as mmdebstrap has");
    Path jdk = root.resolve(RunnerRootFs.JAVA_HOME.substring(1));
    Files.createDirectories(jdk.resolve("bin"));
    Files.createDirectories(jdk.resolve("jmods"));
    Files.createFile(jdk.resolve("bin/jlink"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Files.createFile(jdk.resolve("jmods/java.base.jmod"));
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n");
    Files.writeString(root.resolve("etc/group"), "root:x:0:\n");
    Path su = Files.createDirectories(root.resolve("usr/bin")).resolve("su");
    Files.createFile(su);
    assertEquals(0, new ProcessBuilder("chmod", "6755", su.toString()).start().waitFor());

    Process strip = new ProcessBuilder("sh", "-c", RunnerRootFs.STRIP_SCRIPT, "strip", root.toString())
        .redirectErrorStream(true).start();
    String output = new String(strip.getInputStream().readAllBytes());
    assertEquals(0, strip.waitFor(), output);

    Process special = new ProcessBuilder("find", root.toString(), "-perm", "/6000").start();
    assertEquals("", new String(special.getInputStream().readAllBytes()).trim());
    assertTrue(Files.readString(root.resolve("etc/passwd")).contains("runner:x:1000:1000:runner:/home/runner:"));
    assertEquals(1000, Files.getAttribute(root.resolve("home/runner/work"), "unix:uid"));
  }

  @Test
  void stripScriptRefusesARootFileSystemWithoutJlink(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("etc"));
    Process strip = new ProcessBuilder("sh", "-c", RunnerRootFs.STRIP_SCRIPT, "strip", root.toString())
        .redirectErrorStream(true).start();
    String output = new String(strip.getInputStream().readAllBytes());
    assertNotEquals(0, strip.waitFor());
    assertTrue(output.contains("no jlink/jmods"), output);
    assertFalse(Files.exists(root.resolve("etc/passwd")));
  }

  @Test
  void cacheKeyFollowsTheToolVersion() {
    assertEquals(RunnerRootFs.cacheKey("1.3.5"), RunnerRootFs.cacheKey("1.3.5"));
    assertNotEquals(RunnerRootFs.cacheKey("1.3.5"), RunnerRootFs.cacheKey("1.4.0"));
  }
}
