package dev.sandboxplugin.scan;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which changed files touch the sandbox's own configuration or the build's entry points: a commit that changes
 * them may be trying to loosen its own sandbox or to run code before any sandbox exists, whoever wrote it. The
 * sandbox's configuration comes from a trusted place, so such a change does not apply to the run that scans it; it
 * is reported ({@code CONFIG_CHANGE}, with the file and line) for a reviewer to look at, and fails the scan in
 * enforce mode.
 */
public final class ConfigChanges {

  private static final String PLUGIN = "sandbox-maven-plugin";

  private ConfigChanges() {}

  /**
   * What a changed file is, when it is configuration.
   *
   * @param seccompProfiles files a policy names as its seccomp profile, repository-relative
   */
  public static Optional<String> what(String path, Set<String> seccompProfiles) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (name.equals("sandbox-policy.yaml") || name.equals("sandbox-policy.yml")) {
      return Optional.of("the sandbox's policy file");
    }
    if (seccompProfiles.contains(path)) {
      return Optional.of("a seccomp profile the policy names");
    }
    if (path.startsWith(".mvn/") || path.contains("/.mvn/")) {
      return Optional.of("Maven's own configuration (.mvn/: JVM options, extensions, the wrapper)");
    }
    if (name.equals("mvnw") || name.equals("mvnw.cmd")) {
      return Optional.of("the Maven wrapper's script");
    }
    if (name.equals("settings.xml") || name.equals("settings-security.xml") || name.equals("toolchains.xml")) {
      return Optional.of("Maven settings");
    }
    if (path.startsWith(".github/workflows/") || path.startsWith(".github/actions/") || name.equals(".gitlab-ci.yml")
        || path.startsWith(".gitlab/") || name.equals("Jenkinsfile") || name.equals("azure-pipelines.yml")
        || path.startsWith(".circleci/") || name.equals(".travis.yml")) {
      return Optional.of("a CI workflow");
    }
    return Optional.empty();
  }

  /**
   * The first line of {@code after} that differs from {@code before} (1 for a new file, or for a removed one when
   * {@code after} is null), or empty when nothing differs.
   */
  public static Optional<Integer> firstChangedLine(String before, String after) {
    if (after == null || before == null) {
      return Optional.of(1);
    }
    List<String> old = before.lines().toList();
    List<String> now = after.lines().toList();
    int common = Math.min(old.size(), now.size());
    for (int i = 0; i < common; i++) {
      if (!old.get(i).equals(now.get(i))) {
        return Optional.of(i + 1);
      }
    }
    return old.size() == now.size() ? Optional.empty() : Optional.of(Math.max(1, common + (now.size() > common ? 1 : 0)));
  }

  /**
   * For a POM: the first changed line of the sandbox plugin's declaration (its {@code <plugin>} element, with its
   * configuration), or empty when the commit did not touch it. Other changes of a POM are the build's own, and run
   * inside the sandbox.
   */
  public static Optional<Integer> pluginConfigurationChange(String before, String after) {
    Block old = block(before);
    Block now = block(after);
    if (old.text().equals(now.text())) {
      return Optional.empty();
    }
    if (now.text().isEmpty()) {
      return Optional.of(1);
    }
    List<String> oldLines = old.text().lines().toList();
    List<String> newLines = now.text().lines().toList();
    for (int i = 0; i < newLines.size(); i++) {
      if (i >= oldLines.size() || !oldLines.get(i).equals(newLines.get(i))) {
        return Optional.of(now.firstLine() + i);
      }
    }
    return Optional.of(now.firstLine());
  }

  private record Block(int firstLine, String text) {}

  // Every <plugin> element naming the sandbox plugin, as lines (a POM may declare it in pluginManagement too).
  private static Block block(String pom) {
    if (pom == null) {
      return new Block(1, "");
    }
    List<String> lines = pom.lines().toList();
    StringBuilder text = new StringBuilder();
    int first = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).contains("<plugin>")) {
        continue;
      }
      int end = i;
      StringBuilder element = new StringBuilder();
      for (; end < lines.size(); end++) {
        element.append(lines.get(end)).append('\n');
        if (lines.get(end).contains("</plugin>")) {
          break;
        }
      }
      if (element.toString().contains("<artifactId>" + PLUGIN + "</artifactId>")) {
        first = first < 0 ? i + 1 : first;
        text.append(element);
      }
      i = end;
    }
    return new Block(Math.max(first, 1), text.toString());
  }
}
