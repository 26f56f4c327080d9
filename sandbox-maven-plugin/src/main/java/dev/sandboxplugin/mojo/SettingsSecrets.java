package dev.sandboxplugin.mojo;

import java.util.Optional;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** The passwords of the user's Maven settings, decrypted as Maven decrypts them ({@code mvn --encrypt-password}). */
final class SettingsSecrets {

  private SettingsSecrets() {}

  /**
   * What {@code request} decrypts to, or empty when a secret would not decrypt (a problem worse than a warning):
   * the ciphertext is then never sent anywhere as if it were a password.
   */
  static Optional<SettingsDecryptionResult> decrypt(SettingsDecrypter decrypter,
      DefaultSettingsDecryptionRequest request) {
    SettingsDecryptionResult result = decrypter.decrypt(request);
    boolean failed = result.getProblems().stream()
        .anyMatch(problem -> problem.getSeverity() != SettingsProblem.Severity.WARNING);
    return failed ? Optional.empty() : Optional.of(result);
  }
}
