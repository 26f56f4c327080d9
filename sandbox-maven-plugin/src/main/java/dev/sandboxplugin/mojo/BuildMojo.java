package dev.sandboxplugin.mojo;

import dev.sandboxplugin.SandboxResult;
import dev.sandboxplugin.build.BuildRequest;
import dev.sandboxplugin.payload.PayloadKind;
import dev.sandboxplugin.policy.SandboxPolicy;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;

/**
 * Runs a project's own Maven build ({@code verify} by default) inside the hardened sandbox, for untrusted code:
 * nothing of the tree runs on the host (not its {@code .mvn/}, plugins, extensions, annotation processors or tests),
 * and nothing of it configures its own sandbox. Start it from outside the tree, no POM needed:
 * {@code mvn dev.sandboxplugin:sandbox-maven-plugin:<version>:build -Dsandbox.project=checkout}. The policy comes
 * from the pipeline ({@code -Dsandbox.policy}, {@code -Dsandbox.*}) or from a trusted commit
 * ({@code -Dsandbox.trustedRef=origin/main}); the tree's own {@code sandbox-policy.yaml} and plugin configuration
 * are never read. Dependencies are fetched by the host from the repositories it trusts, for a resolve step inside
 * that asks for them; the build itself runs offline. Surefire-format reports go to
 * {@code <project>/target/sandbox-reports/}, the verdict to {@code <project>/target/sandbox/report.json}.
 */
@Mojo(name = "build", threadSafe = true, requiresProject = false, aggregator = true)
public class BuildMojo extends AbstractUntrustedTreeMojo {

  /** Goals and phases the build inside runs, separated by commas or spaces. */
  @Parameter(property = PropertyNames.GOALS, defaultValue = "verify")
  private String goals;

  /** Profiles to activate inside (`-P`), separated by commas. */
  @Parameter(property = PropertyNames.PROFILES)
  private String profiles;

  /**
   * Properties for the build inside (`-D`), `name=value` separated by commas. `test`, `skipTests`,
   * `maven.test.skip`, `skipITs` and `maven.test.failure.ignore` given to the outer Maven are handed on.
   */
  @Parameter(property = PropertyNames.PROPERTIES)
  private String properties;

  /**
   * Surefire's test selection, handed to the build inside (`-Dtest=`) with `-Dsurefire.failIfNoSpecifiedTests=false`:
   * modules without the selected tests pass.
   */
  @Parameter(property = "test")
  private String test;

  @Inject
  public BuildMojo(MavenProject project, MavenSession session, RepositorySystem repositories) {
    super(project, session, repositories);
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    CommandLineOverrides commandLine = new CommandLineOverrides(session.getUserProperties());
    applyCommandLine(commandLine);
    goals = commandLine.string(PropertyNames.GOALS, goals);
    profiles = commandLine.string(PropertyNames.PROFILES, profiles);
    properties = commandLine.string(PropertyNames.PROPERTIES, properties);
    test = commandLine.string("test", test);
    if (skip) {
      getLog().info("The sandboxed build is skipped.");
      return;
    }
    if (projectDirectory == null) {
      throw new MojoExecutionException(PropertyNames.PROJECT + " is not set: name the folder of the project to build,"
          + " e.g. -D" + PropertyNames.PROJECT + "=checkout (and start Maven outside it)");
    }
    withEngineAhead(this::buildTree);
  }

  // The build itself, once the goal has a tree to build.
  private void buildTree() throws MojoExecutionException, MojoFailureException {
    UntrustedTree tree = untrustedTree(PayloadKind.BUILD);
    SandboxPolicy policy = trustedPolicy(tree);
    BuildRequest request;
    try {
      request = buildRequest(tree, policy, goals(), mavenArguments());
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException(e.getMessage());
    }
    SandboxResult result;
    try {
      result = tree.sandbox().build(request);
    } catch (UncheckedIOException e) {
      throw new MojoExecutionException(e.getMessage() + ": " + e.getCause().getMessage(), e);
    }
    judge(result, policy);
  }

  private List<String> goals() {
    return Arrays.stream(goals == null ? new String[0] : goals.split("[,\\s]+")).filter(goal -> !goal.isBlank())
        .toList();
  }

  private List<String> mavenArguments() {
    List<String> arguments = new ArrayList<>();
    if (profiles != null && !profiles.isBlank()) {
      arguments.add("-P" + String.join(",", Arrays.stream(profiles.split(",")).map(String::trim)
          .filter(profile -> !profile.isEmpty()).toList()));
    }
    Set<String> defined = new LinkedHashSet<>();
    if (properties != null && !properties.isBlank()) {
      for (String property : properties.split(",")) {
        if (!property.isBlank()) {
          defined.add(property.trim());
        }
      }
    }
    if (test != null && !test.isBlank()) {
      defined.add("test=" + test.trim());
      // As Surefire on a reactor: modules without the named tests are not failures.
      defined.add("surefire.failIfNoSpecifiedTests=false");
    }
    for (String flag : List.of("skipTests", "maven.test.skip", "skipITs", "maven.test.failure.ignore")) {
      String value = session.getUserProperties().getProperty(flag);
      if (value != null) {
        defined.add(value.isEmpty() ? flag : flag + "=" + value);
      }
    }
    defined.forEach(property -> arguments.add("-D" + property));
    return arguments;
  }
}
