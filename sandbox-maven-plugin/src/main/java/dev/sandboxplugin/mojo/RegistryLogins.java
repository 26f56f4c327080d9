package dev.sandboxplugin.mojo;

import dev.sandboxplugin.image.RegistryAccess;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * The registry access of the user's Maven session: each {@code <server>} of the settings with a user name and
 * password (decrypted as Maven decrypts them), keyed by its id, which names the registry ({@code ghcr.io},
 * {@code localhost:5000}), as Jib's Maven plugin keys them; the user's Docker configuration; Maven's offline flag.
 * The session's settings are the host's own: a tree's {@code .mvn/settings.xml} never reaches a goal that reads an
 * untrusted tree, since Maven is started outside it.
 */
final class RegistryLogins {

  private RegistryLogins() {}

  static RegistryAccess of(Settings settings, boolean offline, SettingsDecrypter decrypter,
      Map<String, String> environment) {
    Map<String, RegistryAccess.Login> logins = new LinkedHashMap<>();
    for (Server server : settings.getServers()) {
      if (server.getId() == null || server.getUsername() == null || server.getPassword() == null) {
        continue;
      }
      // A server of a Maven repository whose password does not decrypt is no concern of the base's pull: left out.
      SettingsSecrets.decrypt(decrypter, new DefaultSettingsDecryptionRequest(server))
          .map(SettingsDecryptionResult::getServer)
          .ifPresent(plain -> logins.put(server.getId(), new RegistryAccess.Login(plain.getUsername(),
              plain.getPassword(), "Maven settings server " + server.getId())));
    }
    return new RegistryAccess(Map.copyOf(logins), RegistryAccess.dockerConfigOf(environment), offline);
  }
}
