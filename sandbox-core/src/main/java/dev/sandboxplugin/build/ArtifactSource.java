package dev.sandboxplugin.build;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the host gets the files the build inside asks for: the repositories the host trusts (its own settings'
 * mirrors, proxies and credentials; never those the tree's POM names), with their files cached in the host's local
 * repository. The Maven plugin implements it on Maven's resolver; the sandbox sees only the files.
 */
public interface ArtifactSource {

  /** The file of an artifact, fetched if need be; empty when no trusted repository has it. */
  Optional<Path> artifact(RepositoryPath path) throws IOException;

  /** The {@code maven-metadata.xml} of a group, artifact or snapshot version; empty when none has it. */
  Optional<Path> metadata(RepositoryPath path) throws IOException;

  /** The host's local repository these files are cached in, when it is a folder (it may sit in the checkout). */
  default Optional<Path> localRepository() {
    return Optional.empty();
  }

  /** The repositories, for messages, e.g. {@code central (https://repo.maven.apache.org/maven2)}. */
  String describe();
}
