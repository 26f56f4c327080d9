package dev.sandboxplugin.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RepositoryPathTest {

  @Test
  void anArtifactIsReadAsItsCoordinates() {
    RepositoryPath path = RepositoryPath.parse("org/apache/maven/plugins/maven-surefire-plugin/3.5.2/"
        + "maven-surefire-plugin-3.5.2.pom").orElseThrow();
    assertEquals(RepositoryPath.Kind.ARTIFACT, path.kind());
    assertEquals("org.apache.maven.plugins:maven-surefire-plugin:pom:3.5.2", path.coordinates());
    assertNull(path.checksum());
    assertEquals(path.path(), path.localPath());
  }

  @Test
  void classifiersExtensionsAndChecksums() {
    RepositoryPath sources = RepositoryPath.parse("a/b/c/1.0/c-1.0-sources.jar").orElseThrow();
    assertEquals("a.b:c:jar:sources:1.0", sources.coordinates());
    RepositoryPath archive = RepositoryPath.parse("a/c/1.0/c-1.0-bin.tar.gz").orElseThrow();
    assertEquals("bin", archive.classifier());
    assertEquals("tar.gz", archive.extension());
    RepositoryPath checksum = RepositoryPath.parse("a/c/1.0/c-1.0.jar.sha1").orElseThrow();
    assertEquals("sha1", checksum.checksum());
    assertEquals("a/c/1.0/c-1.0.jar", checksum.filePath());
  }

  @Test
  void aSnapshotsTimestampedBuild() {
    RepositoryPath path = RepositoryPath.parse("a/c/1.0-SNAPSHOT/c-1.0-20240101.120000-7-tests.jar").orElseThrow();
    assertEquals("1.0-20240101.120000-7", path.version());
    assertEquals("tests", path.classifier());
    assertEquals("1.0-SNAPSHOT", RepositoryPath.parse("a/c/1.0-SNAPSHOT/c-1.0-SNAPSHOT.pom").orElseThrow().version());
  }

  @Test
  void metadataOfAnArtifactAGroupOrASnapshotGoesUnderTheMirrorsName() {
    RepositoryPath versions = RepositoryPath.parse("org/example/lib/maven-metadata.xml").orElseThrow();
    assertEquals(RepositoryPath.Kind.METADATA, versions.kind());
    assertEquals("org.example", versions.groupId());
    assertEquals("lib", versions.artifactId());
    assertEquals("org/example/lib/maven-metadata-sandbox.xml", versions.localPath());
    RepositoryPath snapshot = RepositoryPath.parse("org/example/lib/2.0-SNAPSHOT/maven-metadata.xml").orElseThrow();
    assertEquals("2.0-SNAPSHOT", snapshot.version());
    assertEquals("lib", snapshot.artifactId());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/etc/passwd", "a/../../etc/passwd", "a//b/c/1/c-1.jar", "a/b/c/1/d-1.jar",
      "a/b/c/1/c-2.jar", "a/c/1/c-1", "a/c/1/c-1.", "a/c/1/c-1-.jar", "a/c/1/c-1.jar?x=1", "a/c/1/c-1.jar\n",
      "a/c/1/c-1.jar x", ".git/config", "a/c/1.0-SNAPSHOT/c-1.0-2024.jar", "maven-metadata.xml", "a/c/1/%2e%2e.jar"})
  void anythingElseIsRefused(String path) {
    assertTrue(RepositoryPath.parse(path).isEmpty(), path);
  }

  @Test
  void aVeryLongPathIsRefused() {
    assertTrue(RepositoryPath.parse("a/".repeat(250) + "c/1/c-1.jar").isEmpty());
  }
}
