package dev.sandboxplugin.policy;

/**
 * A policy value a user gave is not usable. The message names the setting, the value and what to write instead,
 * so the plugin can show it as is.
 */
public class InvalidPolicyException extends IllegalArgumentException {

  public InvalidPolicyException(String message) {
    super(message);
  }
}
