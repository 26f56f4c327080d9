package dev.sandboxplugin.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sandboxplugin.policy.SandboxPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's local repository and the sandbox's cache, kept in the checkout where GitLab caches them, are the host's
 * folders: they never go into the sandbox with the tree, and the tree's own folders still do.
 */
class HostFoldersTest {

  @TempDir Path dir;

  @Test
  void theLocalRepositoryAndTheCacheInTheCheckoutAreLeftOutOfTheTree() throws Exception {
    Path project = Files.createDirectories(dir.resolve("checkout"));
    Path repository = Files.createDirectories(project.resolve(".sandbox-ci/m2"));
    Path cache = project.resolve(".sandbox-ci/cache");
    Files.createDirectories(project.resolve("src/main/java"));
    BuildRequest request = request(project, cache, repository);

    assertEquals(Set.of(".sandbox-ci/m2", ".sandbox-ci/cache"), ProjectBuild.hostFolders(request));
  }

  @Test
  void foldersOutsideTheCheckoutOrTheCheckoutItselfAreNotLeftOut() throws Exception {
    Path project = Files.createDirectories(dir.resolve("checkout"));
    BuildRequest request = request(project, project, Files.createDirectories(dir.resolve("m2")));

    assertEquals(Set.of(), ProjectBuild.hostFolders(request));
  }

  private static BuildRequest request(Path project, Path cache, Path repository) {
    ArtifactSource artifacts = new ArtifactSource() {
      @Override
      public Optional<Path> artifact(RepositoryPath path) {
        return Optional.empty();
      }

      @Override
      public Optional<Path> metadata(RepositoryPath path) {
        return Optional.empty();
      }

      @Override
      public Optional<Path> localRepository() {
        return Optional.of(repository);
      }

      @Override
      public String describe() {
        return "none";
      }
    };
    return new BuildRequest(project, List.of("verify"), List.of(), SandboxPolicy.builder().build(), null, cache,
        project.resolve("target/sandbox"), project.resolve("target/sandbox-reports"), null, artifacts, 1 << 30, Map.of());
  }
}
