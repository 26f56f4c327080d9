package dev.sandboxplugin.image;

import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.CredentialRetriever;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the host trusts for pulling a registry base: logins of the user's Maven settings (a {@code <server>} whose id
 * is the registry's host, as Jib's Maven plugin reads them), the user's Docker configuration (its {@code auths},
 * {@code credsStore} and {@code credHelpers}), and whether Maven runs offline. Read on the host only: none of it
 * reaches the image or the payload.
 */
public record RegistryAccess(Map<String, Login> servers, Optional<Path> dockerConfig, boolean offline) {

  /** A user name and secret, and where they came from (for messages; the secret is never printed). */
  public record Login(String username, String secret, String source) {
    @Override
    public String toString() {
      return "Login[" + username + " from " + source + "]";
    }
  }

  /** No logins, the user's Docker configuration if any, online. */
  public static RegistryAccess defaults(Map<String, String> environment) {
    return new RegistryAccess(Map.of(), dockerConfigOf(environment), false);
  }

  /** The Docker configuration file Docker's CLI reads: {@code $DOCKER_CONFIG/config.json}, else the home's. */
  public static Optional<Path> dockerConfigOf(Map<String, String> environment) {
    String folder = environment.get("DOCKER_CONFIG");
    Path file = folder != null && !folder.isBlank() ? Path.of(folder, "config.json")
        : Path.of(System.getProperty("user.home"), ".docker", "config.json");
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  // Docker Hub is named several ways; a settings server may use any of them.
  private static final List<String> DOCKER_HUB = List.of("registry-1.docker.io", "docker.io", "index.docker.io");

  /** Gives {@code image} every source of credentials for its registry, in the order of {@link #retrieversFor}. */
  RegistryImage addTo(RegistryImage image, ImageReference reference) {
    retrieversFor(reference).forEach(image::addCredentialRetriever);
    return image;
  }

  /**
   * Where jib looks for a login to {@code reference}'s registry, first to last: the Maven settings' server, the
   * Docker configuration, then the well-known credential helpers (gcr, ECR, ACR) when they are installed. Google's
   * application default credentials are left out: they probe a metadata address on machines that are not Google's.
   */
  List<CredentialRetriever> retrieversFor(ImageReference reference) {
    CredentialRetrieverFactory factory = CredentialRetrieverFactory.forImage(reference, event -> {});
    List<CredentialRetriever> retrievers = new ArrayList<>();
    List<String> names = DOCKER_HUB.contains(reference.getRegistry()) ? DOCKER_HUB : List.of(reference.getRegistry());
    names.stream().map(servers::get).filter(Objects::nonNull).findFirst().ifPresent(login ->
        retrievers.add(factory.known(Credential.from(login.username(), login.secret()), login.source())));
    dockerConfig.ifPresent(file -> retrievers.add(factory.dockerConfig(file)));
    retrievers.add(factory.wellKnownCredentialHelpers());
    return retrievers;
  }
}
