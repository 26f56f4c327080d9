package dev.sandboxplugin.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTreeTest {

  @TempDir
  Path dir;

  @Test
  void linksNeverLeadOutOfTheTree() throws Exception {
    Path secret = Files.writeString(dir.resolve("host-secret.txt"), "the host's");
    Path tree = Files.createDirectories(dir.resolve("tree"));
    Files.writeString(Files.createDirectories(tree.resolve("src")).resolve("A.java"), "class A {}");
    Files.createSymbolicLink(tree.resolve("src/B.java"), tree.resolve("src/A.java"));
    Files.createSymbolicLink(tree.resolve("src/secret.txt"), secret);
    Files.createSymbolicLink(tree.resolve("src/relative-out.txt"), Path.of("../../host-secret.txt"));
    Files.createSymbolicLink(tree.resolve("home"), dir);
    Files.createSymbolicLink(tree.resolve("gone"), tree.resolve("nothing"));
    Files.createSymbolicLink(tree.resolve("loop"), tree.resolve("src"));

    SafeTree.Listing listing = SafeTree.walk(tree);

    Map<String, Path> files = listing.files().stream()
        .collect(Collectors.toMap(SafeTree.TreeFile::relativePath, SafeTree.TreeFile::source));
    assertEquals(Map.of("src/A.java", tree.resolve("src/A.java").toRealPath(),
        "src/B.java", tree.resolve("src/A.java").toRealPath()), files);
    Map<String, SafeTree.Refusal> refused = listing.refused().stream()
        .collect(Collectors.toMap(SafeTree.Refusal::relativePath, refusal -> refusal));
    assertTrue(refused.get("src/secret.txt").breach());
    assertTrue(refused.get("src/relative-out.txt").breach());
    assertTrue(refused.get("home").breach());
    assertEquals(false, refused.get("gone").breach());
    assertEquals(false, refused.get("loop").breach());
    assertTrue(listing.files().stream().noneMatch(file -> file.source().equals(secret)));
  }

  @Test
  void skippedFoldersAndEmptyOnes() throws Exception {
    Path tree = Files.createDirectories(dir.resolve("tree"));
    Files.writeString(Files.createDirectories(tree.resolve("target/classes")).resolve("Old.class"), "stale");
    Files.createDirectories(tree.resolve("src/main/resources"));
    Files.writeString(tree.resolve("pom.xml"), "<project/>");

    SafeTree.Listing listing = SafeTree.walk(tree, folder -> folder.equals("target"));

    assertEquals(List.of("pom.xml"), listing.files().stream().map(SafeTree.TreeFile::relativePath).toList());
    assertEquals(List.of("src/main/resources"), listing.emptyDirectories());
    assertEquals(10, listing.bytes());
  }

  @Test
  void theExecBitIsKept() throws Exception {
    Path tree = Files.createDirectories(dir.resolve("tree"));
    Path script = Files.writeString(tree.resolve("run.sh"), "#!/bin/sh\n");
    script.toFile().setExecutable(true);
    assertTrue(SafeTree.walk(tree).files().get(0).executable());
  }
}
