package dev.sandboxplugin.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SingleLayerArchiveTest {

  @TempDir Path dir;

  @Test
  void theSameLayerAndSettingsGiveTheSameBytesAndATarThatTarReads() throws Exception {
    Path layer = dir.resolve("rootfs.tar");
    Files.write(layer, new byte[1300]); // any bytes: the archive does not look inside
    byte[] first = write(layer);
    byte[] second = write(layer);

    assertArrayEquals(first, second);
    assertEquals(0, first.length % 512);
    Path archive = Files.write(dir.resolve("image.tar"), first);
    Process tar = new ProcessBuilder("tar", "-tvf", archive.toString()).redirectErrorStream(true).start();
    String listing = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, tar.waitFor(), listing);
    assertTrue(listing.contains("config.json") && listing.contains("manifest.json"), listing);
    assertTrue(listing.matches("(?s).*\\b1300\\b.*layer\\.tar.*"), listing);
    String text = new String(first, StandardCharsets.ISO_8859_1);
    assertTrue(text.contains("\"diff_ids\":[\"sha256:"), text.substring(0, 2000));
    assertTrue(text.contains("\"RepoTags\":[\"repo/base:tag\"]"), "manifest names the tag");
  }

  private static byte[] write(Path layer) throws Exception {
    SingleLayerArchive archive = SingleLayerArchive.of(layer, "repo/base:tag", Map.of("B", "2", "A", "1"),
        "65532:65532", "/app", Map.of("y", "2", "x", "1"), "test");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    archive.writeTo(out);
    return out.toByteArray();
  }
}
