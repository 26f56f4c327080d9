package dev.sandboxplugin.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustBoundaryTest {

  @TempDir
  Path dir;

  @Test
  void mavenStartedInTheTreeOrBelowIsRefused() throws Exception {
    Path tree = Files.createDirectories(dir.resolve("checkout"));
    Path module = Files.createDirectories(tree.resolve("module"));
    Path outside = Files.createDirectories(dir.resolve("pipeline"));
    assertEquals(Optional.empty(), TrustBoundary.startedInside(tree, List.of(outside, dir)));
    assertEquals(Optional.of(tree), TrustBoundary.startedInside(tree, List.of(outside, tree)));
    assertEquals(Optional.of(module), TrustBoundary.startedInside(tree, List.of(module)));
  }

  @Test
  void aLinkIntoTheTreeIsTheTree() throws Exception {
    Path tree = Files.createDirectories(dir.resolve("checkout"));
    Path link = Files.createSymbolicLink(dir.resolve("innocent"), tree);
    assertTrue(TrustBoundary.startedInside(tree, List.of(link)).isPresent());
    assertTrue(TrustBoundary.isInside(tree, link.resolve("sandbox-policy.yaml")));
    assertFalse(TrustBoundary.isInside(tree, dir.resolve("policy.yaml")));
  }
}
