package dev.sandboxplugin.mojo;

import java.io.File;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * What the in-sandbox runner needs besides the project's own test classpath, as Surefire adds it: the JUnit
 * Platform launcher in the version of the project's platform, and the Vintage engine when the project's tests are
 * JUnit 4. Resolved from the project's repositories, without what the project already has.
 */
final class JUnitPlatformArtifacts {

  /** The platform we run JUnit 4-only projects on. */
  static final String DEFAULT_PLATFORM = "1.13.4";

  private final RepositorySystem repositories;
  private final RepositorySystemSession session;
  private final List<RemoteRepository> remotes;

  JUnitPlatformArtifacts(RepositorySystem repositories, RepositorySystemSession session, List<RemoteRepository> remotes) {
    this.repositories = repositories;
    this.session = session;
    this.remotes = remotes;
  }

  /**
   * @param testArtifacts the project's resolved test-scope artifacts
   * @return extra jars for the test classpath, possibly none
   * @throws IllegalArgumentException when the project has no JUnit at all, or resolution fails
   */
  List<File> missingFor(Set<Artifact> testArtifacts) {
    String platform = versionOf(testArtifacts, "org.junit.platform", "junit-platform-engine");
    boolean junit4 = versionOf(testArtifacts, "junit", "junit") != null;
    boolean vintage = versionOf(testArtifacts, "org.junit.vintage", "junit-vintage-engine") != null;
    boolean launcher = versionOf(testArtifacts, "org.junit.platform", "junit-platform-launcher") != null;
    if (platform == null && !junit4) {
      throw new IllegalArgumentException("the test classpath has no JUnit (neither JUnit 5's junit-jupiter nor JUnit"
          + " 4's junit:junit); sandbox:test runs JUnit tests on the JUnit Platform");
    }
    String version = platform != null ? platform : DEFAULT_PLATFORM;
    List<String> wanted = new ArrayList<>();
    if (!launcher) {
      wanted.add("org.junit.platform:junit-platform-launcher:" + version);
    }
    if (junit4 && !vintage) {
      // Jupiter 5.x.y and Vintage 5.x.y go with the platform 1.x.y.
      wanted.add("org.junit.vintage:junit-vintage-engine:" + "5" + version.substring(version.indexOf('.')));
    }
    if (wanted.isEmpty()) {
      return List.of();
    }
    Set<String> present = new HashSet<>();
    for (Artifact artifact : testArtifacts) {
      present.add(artifact.getGroupId() + ":" + artifact.getArtifactId());
    }
    CollectRequest collect = new CollectRequest();
    for (String coordinates : wanted) {
      collect.addDependency(new Dependency(new DefaultArtifact(coordinates), "runtime"));
    }
    collect.setRepositories(remotes);
    try {
      List<File> files = new ArrayList<>();
      for (ArtifactResult result : repositories.resolveDependencies(session, new DependencyRequest(collect, null))
          .getArtifactResults()) {
        org.eclipse.aether.artifact.Artifact artifact = result.getArtifact();
        if (!present.contains(artifact.getGroupId() + ":" + artifact.getArtifactId())) {
          files.add(artifact.getFile());
        }
      }
      return files;
    } catch (DependencyResolutionException e) {
      throw new IllegalArgumentException("cannot resolve " + wanted + " for the sandboxed test run: " + e.getMessage()
          + "; add org.junit.platform:junit-platform-launcher to the project's test dependencies", e);
    }
  }

  private static String versionOf(Set<Artifact> artifacts, String groupId, String artifactId) {
    for (Artifact artifact : artifacts) {
      if (artifact.getGroupId().equals(groupId) && artifact.getArtifactId().equals(artifactId)) {
        return artifact.getVersion();
      }
    }
    return null;
  }
}
