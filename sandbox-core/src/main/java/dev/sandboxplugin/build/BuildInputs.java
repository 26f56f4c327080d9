package dev.sandboxplugin.build;

import dev.sandboxplugin.files.SafeTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What decides which files a build needs: every POM of the tree and its {@code .mvn/} folder (extensions, Maven
 * options), the goals and arguments, the Maven and the JDK that run it, the repositories the host serves from and our
 * resolve step's own code. Unchanged, the files fetched last time are the files needed now.
 */
final class BuildInputs {

  private BuildInputs() {}

  static String key(BuildRequest request, SafeTree.Listing tree) {
    List<String> lines = new ArrayList<>();
    lines.add("build-inputs-v1");
    lines.add("goals " + String.join(" ", request.goals()));
    lines.add("arguments " + String.join(" ", request.mavenArguments()));
    lines.add("maven " + request.mavenHome());
    lines.add("java " + System.getProperty("java.home") + " " + System.getProperty("java.runtime.version"));
    lines.add("repositories " + request.artifacts().describe());
    lines.add("extension " + ExtensionJar.in(request.cacheDir()).getParent().getFileName());
    try {
      for (SafeTree.TreeFile file : tree.files()) {
        String path = file.relativePath();
        if (path.equals("pom.xml") || path.endsWith("/pom.xml") || path.startsWith(".mvn/")) {
          lines.add(path + " " + sha256(Files.readAllBytes(file.source())));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the project's build files", e);
    }
    return sha256(String.join("\n", lines).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
