package dev.sandboxplugin.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.policy.PolicyFile;
import dev.sandboxplugin.policy.SandboxPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedRefTest {

  private static final String POM = """
      <project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>b</artifactId><version>1</version>
        <build><plugins><plugin>
          <groupId>dev.sandboxplugin</groupId><artifactId>sandbox-maven-plugin</artifactId>
          <configuration><memory>%s</memory><mode>%s</mode><env><nested/></env></configuration>
        </plugin></plugins></build>
      </project>
      """;

  @TempDir
  Path dir;

  @Test
  void theConfigurationIsTheBaseCommitsNotTheWorkingTrees() throws Exception {
    Path repo = dir.resolve("repo");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      write(repo, "sandbox-policy.yaml", "timeout: 2m\nseccompProfile: profiles/tight.json\n");
      try (var profile = PolicyFile.class.getResourceAsStream("/dev/sandboxplugin/seccomp/default.json")) {
        write(repo, "profiles/tight.json", new String(profile.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      }
      write(repo, "pom.xml", POM.formatted("256m", "enforce"));
      git.add().addFilepattern(".").call();
      git.commit().setMessage("base").setSign(false).call();
      git.branchCreate().setName("base").call();
      // The commit under test loosens everything, committed and in the working tree.
      write(repo, "sandbox-policy.yaml", "timeout: 7d\nenv: [CI_JOB_TOKEN]\nmode: audit\n");
      write(repo, "pom.xml", POM.formatted("64g", "audit"));
      git.add().addFilepattern(".").call();
      git.commit().setMessage("loosen").setSign(false).call();
      write(repo, "sandbox-policy.yaml", "mode: audit\n");
    }

    TrustedRef trusted = TrustedRef.read(repo, "base", dir.resolve("cache"));

    assertEquals(Map.of("memory", "256m", "mode", "enforce"), trusted.pluginConfiguration());
    SandboxPolicy policy = PolicyFile.load(trusted.policyFile().orElseThrow());
    assertEquals(java.time.Duration.ofMinutes(2), policy.timeout());
    assertTrue(policy.seccompProfile().name().endsWith("profiles/tight.json"), policy.seccompProfile().name());
    assertTrue(policy.seccompProfile().name().startsWith(dir.resolve("cache").toString()));
    assertTrue(policy.envAllowlist().isEmpty());
    assertTrue(trusted.policyFile().get().startsWith(dir.resolve("cache")));
  }

  @Test
  void aLinkAtTheCommitIsNotFollowed() throws Exception {
    Path repo = dir.resolve("repo");
    Path secret = Files.writeString(dir.resolve("secret.yaml"), "memory: 1g\n");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      Files.createDirectories(repo);
      Files.createSymbolicLink(repo.resolve("sandbox-policy.yaml"), secret);
      git.add().addFilepattern(".").call();
      git.commit().setMessage("link").setSign(false).call();
    }
    assertTrue(TrustedRef.read(repo, "HEAD", dir.resolve("cache")).policyFile().isEmpty());
  }

  @Test
  void anUnknownRefIsOneClearError() throws Exception {
    Path repo = dir.resolve("repo");
    try (Git git = Git.init().setDirectory(repo.toFile()).call()) {
      write(repo, "pom.xml", POM.formatted("1g", "enforce"));
      git.add().addFilepattern(".").call();
      git.commit().setMessage("one").setSign(false).call();
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrustedRef.read(repo, "origin/nope", dir.resolve("cache")));
    assertTrue(e.getMessage().startsWith("sandbox.trustedRef = origin/nope names no commit"), e.getMessage());
  }

  private static void write(Path repo, String name, String content) throws Exception {
    Path file = repo.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }
}
