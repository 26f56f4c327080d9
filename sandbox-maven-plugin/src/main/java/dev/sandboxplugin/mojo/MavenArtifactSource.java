package dev.sandboxplugin.mojo;

import dev.sandboxplugin.build.ArtifactSource;
import dev.sandboxplugin.build.RepositoryPath;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.metadata.DefaultMetadata;
import org.eclipse.aether.metadata.Metadata;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.MetadataRequest;
import org.eclipse.aether.resolution.MetadataResult;

/**
 * The host's side of the build's dependencies, on Maven's own resolver: the repositories of the Maven running the
 * plugin (its settings' mirrors, proxies and credentials, its offline mode), with files cached in its local
 * repository. Repositories a POM of the tree names are never asked: the tree does not choose where the host connects.
 */
final class MavenArtifactSource implements ArtifactSource {

  private final RepositorySystem system;
  private final RepositorySystemSession session;
  private final List<RemoteRepository> repositories;

  MavenArtifactSource(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> project,
      List<RemoteRepository> plugins) {
    this.system = system;
    this.session = session;
    Map<String, RemoteRepository> byId = new LinkedHashMap<>();
    project.forEach(repository -> byId.putIfAbsent(repository.getId(), repository));
    plugins.forEach(repository -> byId.putIfAbsent(repository.getId(), repository));
    this.repositories = new ArrayList<>(byId.values());
  }

  @Override
  public Optional<Path> artifact(RepositoryPath path) throws IOException {
    DefaultArtifact artifact = new DefaultArtifact(path.groupId(), path.artifactId(), path.classifier(),
        path.extension(), path.version());
    try {
      return served(system.resolveArtifact(session, new ArtifactRequest(artifact, repositories, null))
          .getArtifact().getFile().toPath());
    } catch (ArtifactResolutionException e) {
      if (e.getResult() != null && e.getResult().isMissing()) {
        return Optional.empty();
      }
      // "Could not find" is a miss; a refused connection is the host's trouble, said to the sandbox as an error.
      String message = String.valueOf(e.getMessage());
      if (message.contains("Could not find") || message.contains("was not found") || message.contains("offline")) {
        return Optional.empty();
      }
      throw new IOException(message, e);
    }
  }

  @Override
  public Optional<Path> metadata(RepositoryPath path) throws IOException {
    Metadata metadata = new DefaultMetadata(path.groupId(), path.artifactId(), path.version(), "maven-metadata.xml",
        path.version().endsWith("-SNAPSHOT") ? Metadata.Nature.SNAPSHOT : Metadata.Nature.RELEASE_OR_SNAPSHOT);
    List<MetadataRequest> requests = new ArrayList<>();
    for (RemoteRepository repository : repositories) {
      requests.add(new MetadataRequest(metadata, repository, null));
    }
    for (MetadataResult result : system.resolveMetadata(session, requests)) {
      if (result.isResolved() && result.getMetadata().getFile() != null) {
        return served(result.getMetadata().getFile().toPath());
      }
    }
    return Optional.empty();
  }

  // Only a plain file of the local repository: a local repository kept in a checkout (GitLab's cache) could hold a
  // link the tree planted there, to a host file.
  private Optional<Path> served(Path file) throws IOException {
    Path repository = session.getLocalRepository().getBasedir().toPath().toRealPath();
    if (java.nio.file.Files.isSymbolicLink(file) || !file.toRealPath().startsWith(repository)
        || !java.nio.file.Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    return Optional.of(file);
  }

  @Override
  public Optional<Path> localRepository() {
    return Optional.of(session.getLocalRepository().getBasedir().toPath());
  }

  @Override
  public String describe() {
    return repositories.stream().map(repository -> repository.getId() + " (" + repository.getUrl() + ")")
        .collect(Collectors.joining(", ")) + (session.isOffline() ? ", offline: the host's local repository only" : "");
  }
}
