package dev.sandboxplugin.agent;

import java.util.regex.Pattern;

/**
 * Files whose reading is a sign of a search for secrets: the host's or another process's environment, the Docker
 * socket, keys and credentials. Reading them inside the sandbox finds nothing of the host's, but the attempt says
 * what the code was after.
 */
final class SensitivePaths {

  private static final Pattern ENVIRON = Pattern.compile("/proc/[^/]+/environ");
  private static final Pattern HOME_SECRET = Pattern.compile(
      ".*/(\\.ssh|\\.aws|\\.gnupg|\\.kube|\\.docker)(/.*)?|.*/\\.m2/settings(-security)?\\.xml|.*/\\.netrc"
          + "|.*/\\.git-credentials|.*/\\.npmrc|.*/\\.pypirc");

  private SensitivePaths() {}

  /** Why {@code path} (absolute, normalised) is sensitive, or null when it is not. */
  static String why(String path) {
    // Plain string tests before any pattern: this runs for every file the test JVM opens or looks at.
    if (path.startsWith("/proc/") && ENVIRON.matcher(path).matches()) {
      return "a process's environment, where CI secrets live";
    }
    if (path.equals("/var/run/docker.sock") || path.equals("/run/docker.sock")) {
      return "the Docker engine's socket, which would give root on the host";
    }
    if (path.equals("/etc/shadow") || path.equals("/etc/gshadow") || path.startsWith("/etc/sudoers")) {
      return "password hashes and privileges";
    }
    if (path.startsWith("/root/") || path.equals("/root")) {
      return "root's home";
    }
    if (path.contains("/.") && HOME_SECRET.matcher(path).matches()) {
      return "credentials and keys";
    }
    return null;
  }
}
