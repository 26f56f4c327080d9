package dev.sandboxplugin.build;

import dev.sandboxplugin.policy.SandboxPolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code sandbox:build} runs: a project's own Maven build, inside the sandbox, under a policy from a trusted
 * place.
 *
 * @param projectDir the tree under test, read only as data
 * @param goals what the build inside runs, e.g. {@code verify}
 * @param mavenArguments profiles and properties for the build inside ({@code -Pci}, {@code -Dfoo=bar}), given by
 *     the pipeline
 * @param mavenHome the host's Maven, which the build inside runs as well
 * @param artifacts where the host gets what the resolve step asks for
 * @param workBytes the size of {@code /work}, where the project and its {@code target/} folders live inside
 * @param sourceRoot where report.sarif's paths start (the repository's root)
 */
public record BuildRequest(
    Path projectDir,
    List<String> goals,
    List<String> mavenArguments,
    SandboxPolicy policy,
    Path mavenHome,
    Path cacheDir,
    Path reportDir,
    Path testReportsDir,
    Path sourceRoot,
    ArtifactSource artifacts,
    long workBytes,
    Map<String, String> hostEnvironment) {

  public BuildRequest {
    Objects.requireNonNull(projectDir, "projectDir");
    projectDir = projectDir.toAbsolutePath().normalize();
    goals = List.copyOf(goals);
    if (goals.isEmpty()) {
      throw new IllegalArgumentException("sandbox.goals names no goal or phase; give e.g. verify");
    }
    mavenArguments = List.copyOf(mavenArguments);
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(artifacts, "artifacts");
    sourceRoot = sourceRoot == null ? projectDir : sourceRoot.toAbsolutePath().normalize();
    hostEnvironment = Map.copyOf(hostEnvironment);
  }

  /** One line for the console and the report. */
  public String describe() {
    return "Maven build of " + projectDir + ": mvn " + String.join(" ", mavenArguments)
        + (mavenArguments.isEmpty() ? "" : " ") + String.join(" ", goals);
  }
}
