package dev.sandboxplugin.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.run.ContainerFiles;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host's end of the channel, on a folder laid out as a repository: what it answers, and what it refuses. */
class RepositoryGatewayTest {

  @TempDir
  Path repository;

  private final List<String> asked = new ArrayList<>();
  private final ByteArrayOutputStream stdin = new ByteArrayOutputStream();

  private final ArtifactSource folder = new ArtifactSource() {
    @Override
    public Optional<Path> artifact(RepositoryPath path) {
      asked.add(path.coordinates());
      Path file = repository.resolve(path.filePath());
      return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    @Override
    public Optional<Path> metadata(RepositoryPath path) {
      Path file = repository.resolve(path.filePath());
      return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    @Override
    public String describe() {
      return "a folder";
    }
  };

  private final ContainerFiles container = new ContainerFiles() {
    @Override
    public InputStream read(String containerPath) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void write(String containerPath, InputStream tar) {
      throw new UnsupportedOperationException();
    }

    @Override
    public OutputStream stdin() {
      return stdin;
    }
  };

  @Test
  void aFileIsAnsweredWithItsBytesAndChecksumsAndRemembered() throws Exception {
    Path jar = Files.createDirectories(repository.resolve("a/b/1.0")).resolve("b-1.0.jar");
    Files.writeString(jar, "jar bytes");
    RepositoryGateway gateway = new RepositoryGateway(folder);
    String token = gateway.environment().get(RepositoryGateway.TOKEN_VARIABLE);

    assertTrue(gateway.onStdoutLine("[sandbox-fetch] " + token + " 7 GET a/b/1.0/b-1.0.jar", container));
    gateway.runEnded();

    assertEquals("7 found 9 sha1=" + sha1("jar bytes") + " md5=" + md5("jar bytes") + "\njar bytes",
        stdin.toString(StandardCharsets.UTF_8));
    assertEquals(Map.of("a/b/1.0/b-1.0.jar", jar), gateway.served());
  }

  @Test
  void aMissingFileIsMissing() {
    RepositoryGateway gateway = new RepositoryGateway(folder);
    String token = gateway.environment().get(RepositoryGateway.TOKEN_VARIABLE);
    gateway.onStdoutLine("[sandbox-fetch] " + token + " 1 GET a/b/2.0/b-2.0.pom", container);
    gateway.runEnded();
    assertEquals("1 missing\n", stdin.toString(StandardCharsets.UTF_8));
    assertEquals(1, gateway.missing());
  }

  @Test
  void aPathOutsideTheLayoutIsRefusedBeforeAnythingIsFetched() {
    RepositoryGateway gateway = new RepositoryGateway(folder);
    String token = gateway.environment().get(RepositoryGateway.TOKEN_VARIABLE);
    gateway.onStdoutLine("[sandbox-fetch] " + token + " 3 GET ../../root/.m2/settings.xml", container);
    gateway.runEnded();
    assertTrue(stdin.toString(StandardCharsets.UTF_8).startsWith("3 error not a path of Maven's repository layout"));
    assertEquals(List.of("../../root/.m2/settings.xml"), gateway.refused());
    assertEquals(List.of(), asked);
  }

  @Test
  void aLineWithoutTheRunsTokenIsNotARequest() {
    RepositoryGateway gateway = new RepositoryGateway(folder);
    assertFalse(gateway.onStdoutLine("[sandbox-fetch] guessed 1 GET a/b/1.0/b-1.0.jar", container));
    assertFalse(gateway.onStdoutLine("[INFO] Building demo", container));
    gateway.runEnded();
    assertEquals(0, stdin.size());
  }

  @Test
  void aChecksumIsMadeOfTheFileTheHostHas() throws Exception {
    Files.writeString(Files.createDirectories(repository.resolve("a/b/1.0")).resolve("b-1.0.pom"), "<project/>");
    RepositoryGateway gateway = new RepositoryGateway(folder);
    String token = gateway.environment().get(RepositoryGateway.TOKEN_VARIABLE);
    gateway.onStdoutLine("[sandbox-fetch] " + token + " 2 GET a/b/1.0/b-1.0.pom.sha1", container);
    gateway.runEnded();
    assertTrue(stdin.toString(StandardCharsets.UTF_8).endsWith("\n" + sha1("<project/>")));
    assertEquals(Map.of(), gateway.served());
  }

  private static String sha1(String text) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
        .digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static String md5(String text) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
        .digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
