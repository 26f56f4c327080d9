package dev.sandboxplugin.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostWritesTest {

  @TempDir
  Path dir;

  @Test
  void foldersAreMadeInsideTheProject() throws Exception {
    Path project = Files.createDirectories(dir.resolve("project"));
    Path reports = HostWrites.folderInside(project, project.resolve("target/sandbox"));
    assertTrue(Files.isDirectory(reports));
  }

  @Test
  void aPlantedLinkIsRefusedAndNothingIsWrittenThrough() throws Exception {
    Path sentinel = Files.createDirectories(dir.resolve("sentinel"));
    Path project = Files.createDirectories(dir.resolve("project"));
    Files.createSymbolicLink(project.resolve("target"), sentinel);

    HostWrites.UnsafeFolderException e = assertThrows(HostWrites.UnsafeFolderException.class,
        () -> HostWrites.folderInside(project, project.resolve("target/sandbox")));
    assertTrue(e.getMessage().contains("is a link"), e.getMessage());
    try (var listing = Files.list(sentinel)) {
      assertEquals(List.of(), listing.toList());
    }
  }

  @Test
  void aLinkDeeperDownIsRefusedToo() throws Exception {
    Path sentinel = Files.createDirectories(dir.resolve("sentinel"));
    Path project = Files.createDirectories(dir.resolve("project"));
    Files.createDirectories(project.resolve("target"));
    Files.createSymbolicLink(project.resolve("target/sandbox-reports"), sentinel);
    assertThrows(HostWrites.UnsafeFolderException.class,
        () -> HostWrites.folderInside(project, project.resolve("target/sandbox-reports")));
  }

  @Test
  void aFileWhereAFolderGoesIsRefused() throws Exception {
    Path project = Files.createDirectories(dir.resolve("project"));
    Files.writeString(project.resolve("target"), "not a folder");
    assertThrows(HostWrites.UnsafeFolderException.class,
        () -> HostWrites.folderInside(project, project.resolve("target/sandbox")));
  }

  @Test
  void aFolderOutsideTheProjectIsTheUsersChoice() throws Exception {
    Path project = Files.createDirectories(dir.resolve("project"));
    Path elsewhere = HostWrites.folderInside(project, dir.resolve("ci/out"));
    assertTrue(Files.isDirectory(elsewhere));
  }
}
