package dev.sandboxplugin.policy;

import java.util.List;

/**
 * What {@code sandbox:scan} takes from the policy file: the rules that mark a commit as AI-written, whether the
 * built-in rules apply too, and the folders whose changed scripts run. The POM and {@code -Dsandbox.scan.*} come on
 * top: their rules are added after these (a rule of the same name replaces one before it).
 *
 * @param scriptFolders folders, relative to the repository, whose changed scripts run; null when the file does not say
 */
public record ScanSettings(List<AiCommitRule> rules, boolean defaultRules, List<String> scriptFolders) {

  public ScanSettings {
    rules = List.copyOf(rules);
    scriptFolders = scriptFolders == null ? null : List.copyOf(scriptFolders);
  }

  /** Nothing set: the built-in rules and the plugin's default folders. */
  public static ScanSettings unset() {
    return new ScanSettings(List.of(), true, null);
  }
}
