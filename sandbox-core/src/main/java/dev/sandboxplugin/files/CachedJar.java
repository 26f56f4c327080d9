package dev.sandboxplugin.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A jar of our own that goes into an image (the test runner, the Maven extension), kept in the cache under a
 * name made of its content: written once, whole or not at all, with fixed entry times, so an unchanged jar keeps
 * its image layer from one build to the next.
 */
public final class CachedJar {

  private CachedJar() {}

  /** 16 hex digits of the SHA-256 of {@code salt} and every entry's name and bytes, in name order. */
  public static String contentId(String salt, SortedMap<String, byte[]> entries) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(salt.getBytes(StandardCharsets.UTF_8));
      entries.forEach((name, bytes) -> {
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update(bytes);
      });
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code jar} unless it is there already; two builds at once each write a whole one, the last wins. */
  public static Path write(Path jar, Manifest manifest, Map<String, byte[]> entries) throws IOException {
    if (Files.isRegularFile(jar)) {
      return jar;
    }
    Files.createDirectories(jar.getParent());
    Path partial = Files.createTempFile(jar.getParent(), ".jar-", ".partial");
    try {
      try (OutputStream file = Files.newOutputStream(partial); JarOutputStream out = new JarOutputStream(file, manifest)) {
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
          JarEntry jarEntry = new JarEntry(entry.getKey());
          jarEntry.setTime(0);
          out.putNextEntry(jarEntry);
          out.write(entry.getValue());
          out.closeEntry();
        }
      }
      Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
    return jar;
  }
}
