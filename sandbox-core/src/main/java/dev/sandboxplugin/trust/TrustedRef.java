package dev.sandboxplugin.trust;

import dev.sandboxplugin.files.UntrustedXml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The sandbox's configuration as it is at a trusted commit ({@code -Dsandbox.trustedRef=origin/main}, a merge
 * request's base), read with JGit from the repository's objects, never from the working tree the commit under test
 * wrote: the policy file ({@code sandbox-policy.yaml} of the project's folder), the seccomp profile file it names,
 * and the plugin's {@code <configuration>} in the project's {@code pom.xml}. The files are written into a folder of
 * ours, outside the tree, and read from there.
 *
 * @param commit the commit the ref named
 * @param policyFile the policy file at that commit, if it had one
 * @param pluginConfiguration the sandbox plugin's configuration at that commit, element name to text
 */
public record TrustedRef(String commit, Optional<Path> policyFile, Map<String, String> pluginConfiguration) {

  static final String PLUGIN = "sandbox-maven-plugin";
  private static final long MAX_BYTES = 1024 * 1024;

  public TrustedRef {
    pluginConfiguration = Map.copyOf(pluginConfiguration);
  }

  /**
   * Reads the configuration of {@code projectDir} at {@code ref}.
   *
   * @param extractDir where the files of that commit are written (the cache, never the tree)
   * @throws IllegalArgumentException when there is no repository or no such ref
   */
  public static TrustedRef read(Path projectDir, String ref, Path extractDir) throws IOException {
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(projectDir.toFile());
    if (builder.getGitDir() == null) {
      throw new IllegalArgumentException("sandbox.trustedRef = " + ref + ": " + projectDir + " is not in a git"
          + " repository (in CI, check out with history so the base commit is there)");
    }
    try (Repository repository = builder.setMustExist(true).build(); RevWalk walk = new RevWalk(repository)) {
      ObjectId id = repository.resolve(ref);
      if (id == null) {
        throw new IllegalArgumentException("sandbox.trustedRef = " + ref + " names no commit of "
            + repository.getDirectory() + "; fetch it first (e.g. git fetch origin main)");
      }
      RevCommit commit = walk.parseCommit(id);
      Path root = repository.getWorkTree().toPath().toRealPath();
      String prefix = root.relativize(projectDir.toRealPath()).toString().replace('\\', '/');
      prefix = prefix.isEmpty() ? "" : prefix + "/";
      Path into = extractDir.resolve(commit.name());
      Files.createDirectories(into);
      Optional<byte[]> policy = file(repository, commit, prefix + "sandbox-policy.yaml");
      Optional<Path> policyFile = Optional.empty();
      if (policy.isPresent()) {
        Path written = write(into, "sandbox-policy.yaml", policy.get());
        policyFile = Optional.of(written);
        // A profile the policy names by path is read at the same commit, next to it.
        for (String path : seccompPaths(new String(policy.get(), java.nio.charset.StandardCharsets.UTF_8))) {
          Optional<byte[]> profile = file(repository, commit, prefix + path);
          if (profile.isPresent()) {
            write(into, path, profile.get());
          }
        }
      }
      Map<String, String> configuration = new LinkedHashMap<>();
      Optional<byte[]> pom = file(repository, commit, prefix + "pom.xml");
      if (pom.isPresent()) {
        configuration.putAll(pluginConfiguration(pom.get()));
        String profile = configuration.get("seccompProfile");
        if (profile != null && profile.endsWith(".json")) {
          Optional<byte[]> file = file(repository, commit, prefix + profile);
          if (file.isPresent()) {
            write(into, profile, file.get());
          }
        }
      }
      return new TrustedRef(commit.name(), policyFile, configuration);
    }
  }

  /** Where a relative path of the configuration (a seccomp profile) is read from: the commit's own copy. */
  public Path resolveAgainst(Path extractDir) {
    return extractDir.resolve(commit);
  }

  private static Optional<byte[]> file(Repository repository, RevCommit commit, String path) throws IOException {
    if (path.contains("..") || path.startsWith("/")) {
      return Optional.empty();
    }
    try (TreeWalk walk = TreeWalk.forPath(repository, path, commit.getTree())) {
      if (walk == null || !walk.getFileMode(0).equals(org.eclipse.jgit.lib.FileMode.REGULAR_FILE)) {
        return Optional.empty(); // absent, a folder, or a link (whose target we would not read)
      }
      var loader = repository.open(walk.getObjectId(0));
      if (loader.getSize() > MAX_BYTES) {
        throw new IllegalArgumentException(path + " at the trusted commit is larger than " + MAX_BYTES / 1024 + " KB");
      }
      return Optional.of(loader.getBytes());
    }
  }

  private static Path write(Path dir, String relative, byte[] content) throws IOException {
    Path target = dir.resolve(relative).normalize();
    if (!target.startsWith(dir)) {
      throw new IllegalArgumentException("a path of the trusted configuration leaves its folder");
    }
    Files.createDirectories(target.getParent());
    Path partial = Files.createTempFile(target.getParent(), ".trusted-", ".partial");
    Files.write(partial, content);
    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }

  // "seccompProfile: profiles/x.json": the one setting of the file that names another file.
  private static List<String> seccompPaths(String policy) {
    return policy.lines().map(String::trim).filter(line -> line.startsWith("seccompProfile:"))
        .map(line -> line.substring("seccompProfile:".length()).replaceAll("#.*", "").trim()
            .replaceAll("^[\"']|[\"']$", ""))
        .filter(value -> value.endsWith(".json")).toList();
  }

  /** The sandbox plugin's {@code <configuration>} of a POM: each simple element's text, by name. */
  static Map<String, String> pluginConfiguration(byte[] pom) {
    Map<String, String> configuration = new LinkedHashMap<>();
    try {
      Element project = UntrustedXml.parse(pom);
      NodeList artifactIds = project.getElementsByTagName("artifactId");
      for (int i = 0; i < artifactIds.getLength(); i++) {
        Node artifactId = artifactIds.item(i);
        if (!PLUGIN.equals(artifactId.getTextContent().trim()) || !(artifactId.getParentNode() instanceof Element plugin)
            || !plugin.getTagName().equals("plugin")) {
          continue;
        }
        for (Node child = plugin.getFirstChild(); child != null; child = child.getNextSibling()) {
          if (child instanceof Element element && element.getTagName().equals("configuration")) {
            for (Node setting = element.getFirstChild(); setting != null; setting = setting.getNextSibling()) {
              if (setting instanceof Element value && value.getElementsByTagName("*").getLength() == 0) {
                configuration.putIfAbsent(value.getTagName(), value.getTextContent().trim());
              }
            }
          }
        }
      }
    } catch (Exception malformed) {
      throw new IllegalArgumentException("the pom.xml at the trusted commit cannot be read as XML: "
          + malformed.getClass().getSimpleName());
    }
    return configuration;
  }
}
