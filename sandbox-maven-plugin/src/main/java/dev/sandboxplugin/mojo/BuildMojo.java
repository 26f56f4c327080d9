package dev.sandboxplugin.mojo;

import dev.sandboxplugin.Sandbox;
import dev.sandboxplugin.SandboxResult;
import dev.sandboxplugin.build.BuildRequest;
import dev.sandboxplugin.build.TrustBoundary;
import dev.sandboxplugin.files.HostWrites;
import dev.sandboxplugin.policy.InvalidPolicyException;
import dev.sandboxplugin.policy.MemorySize;
import dev.sandboxplugin.policy.PolicyFile;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.trust.TrustedRef;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
public class BuildMojo extends AbstractSandboxMojo {

  /** The folder of the project to build, the tree under test (its {@code pom.xml} is there). Required. */
  @Parameter(property = PropertyNames.PROJECT)
  private File projectDirectory;

  /** Goals and phases the build inside runs, separated by commas or spaces. Default {@code verify}. */
  @Parameter(property = PropertyNames.GOALS, defaultValue = "verify")
  private String goals;

  /** Profiles to activate inside ({@code -P}), separated by commas. */
  @Parameter(property = PropertyNames.PROFILES)
  private String profiles;

  /** Properties for the build inside ({@code -D}), {@code name=value} separated by commas. */
  @Parameter(property = PropertyNames.PROPERTIES)
  private String properties;

  /** Surefire's test selection, handed to the build inside ({@code -Dtest=}). */
  @Parameter(property = "test")
  private String test;

  /**
   * Size of {@code /work}, the writable place the project is built in (its {@code target/} folders), e.g.
   * {@code 4g}. Default {@code 2g}.
   */
  @Parameter(property = PropertyNames.WORK_SIZE)
  private String workSize;

  /**
   * A commit the sandbox's configuration is read at, instead of the tree under test: e.g. {@code origin/main} or a
   * merge request's base. Its {@code sandbox-policy.yaml} and the plugin's {@code <configuration>} in its
   * {@code pom.xml} apply (below {@code -Dsandbox.*}).
   */
  @Parameter(property = PropertyNames.TRUSTED_REF)
  private String trustedRef;

  private final RepositorySystem repositories;

  @Inject
  public BuildMojo(MavenProject project, MavenSession session, RepositorySystem repositories) {
    super(project, session);
    this.repositories = repositories;
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    CommandLineOverrides commandLine = new CommandLineOverrides(session.getUserProperties());
    applyCommandLine(commandLine);
    projectDirectory = commandLine.file(PropertyNames.PROJECT, projectDirectory);
    goals = commandLine.string(PropertyNames.GOALS, goals);
    profiles = commandLine.string(PropertyNames.PROFILES, profiles);
    properties = commandLine.string(PropertyNames.PROPERTIES, properties);
    test = commandLine.string("test", test);
    workSize = commandLine.string(PropertyNames.WORK_SIZE, workSize);
    trustedRef = commandLine.string(PropertyNames.TRUSTED_REF, trustedRef);
    if (skip) {
      getLog().info("The sandboxed build is skipped.");
      return;
    }
    if (projectDirectory == null) {
      throw new MojoExecutionException(PropertyNames.PROJECT + " is not set: name the folder of the project to build,"
          + " e.g. -D" + PropertyNames.PROJECT + "=checkout (and start Maven outside it)");
    }
    Path startedIn = Path.of(session.getExecutionRootDirectory()).toAbsolutePath().normalize();
    Path projectDir = startedIn.resolve(projectDirectory.toPath()).normalize();
    if (!Files.isDirectory(projectDir)) {
      throw new MojoExecutionException(PropertyNames.PROJECT + " = " + projectDirectory + ": no such folder ("
          + projectDir + ")");
    }
    Path reportDir;
    Path testReportsDir;
    try {
      reportDir = HostWrites.folderInside(projectDir, reportDirectory != null
          ? startedIn.resolve(reportDirectory.toPath()) : projectDir.resolve("target/sandbox"));
      testReportsDir = HostWrites.folderInside(projectDir, reportDir.resolveSibling("sandbox-reports"));
    } catch (IOException e) {
      throw new MojoExecutionException("Sandbox: refusing to write reports: " + e.getMessage());
    }
    Sandbox sandbox = new Sandbox(new MavenLogListener(getLog()));
    Optional<Path> inside = TrustBoundary.startedInside(projectDir, mavenFolders());
    if (inside.isPresent()) {
      String reason = "the Maven running sandbox:build was started inside the tree it is asked to build (" + inside.get()
          + "), so it has already read the tree's .mvn/ and maybe its POM; start it from another folder, e.g. cd .. &&"
          + " mvn dev.sandboxplugin:sandbox-maven-plugin:<version>:build -D" + PropertyNames.PROJECT + "=<folder>";
      SandboxResult refused = sandbox.refuse("build", "Maven build of " + projectDir, null, reportDir, reason);
      throw new MojoExecutionException(reason + ". Report: " + refused.reportFile());
    }
    SandboxPolicy policy;
    BuildRequest request;
    try {
      Optional<TrustedRef> trusted = trustedConfiguration(projectDir);
      trusted.ifPresent(ref -> applyTrusted(ref.pluginConfiguration(), commandLine));
      Path settingsBase = trusted.map(ref -> ref.resolveAgainst(trustedDir())).orElse(startedIn);
      policy = withParameters(settingsBase, policyFile(projectDir, startedIn, trusted)
          .map(file -> PolicyFile.load(file, SandboxPolicy.buildDefaults().build()))
          .orElseGet(() -> SandboxPolicy.buildDefaults().build()));
      long work = workSize == null || workSize.isBlank() ? 2L * 1024 * 1024 * 1024
          : MemorySize.parse(PropertyNames.WORK_SIZE, workSize.trim()).bytes();
      request = new BuildRequest(projectDir, goals(), mavenArguments(), policy, mavenHome(), cacheDir(), reportDir,
          testReportsDir, startedIn, new MavenArtifactSource(repositories, session.getRepositorySession(),
              project.getRemoteProjectRepositories(), project.getRemotePluginRepositories()),
          work, System.getenv());
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException(e.getMessage());
    } catch (IOException e) {
      throw new MojoExecutionException("Sandbox: cannot read the trusted configuration: " + e.getMessage(), e);
    }
    SandboxResult result;
    try {
      result = sandbox.build(request);
    } catch (UncheckedIOException e) {
      throw new MojoExecutionException(e.getMessage() + ": " + e.getCause().getMessage(), e);
    }
    judge(result, policy);
  }

  // Where this Maven was started and where it looked for .mvn/: none may be the tree.
  private List<Path> mavenFolders() {
    List<Path> folders = new ArrayList<>();
    folders.add(Path.of(session.getExecutionRootDirectory()));
    if (session.getRequest().getMultiModuleProjectDirectory() != null) {
      folders.add(session.getRequest().getMultiModuleProjectDirectory().toPath());
    }
    if (project != null && project.getFile() != null) {
      folders.add(project.getBasedir().toPath());
    }
    folders.add(Path.of(System.getProperty("user.dir")));
    return folders;
  }

  private Optional<TrustedRef> trustedConfiguration(Path projectDir) throws IOException {
    if (trustedRef == null || trustedRef.isBlank()) {
      return Optional.empty();
    }
    TrustedRef ref = TrustedRef.read(projectDir, trustedRef.trim(), trustedDir());
    getLog().info("Sandbox: configuration read at " + trustedRef.trim() + " (" + ref.commit().substring(0, 12)
        + "), not from the tree under test");
    return Optional.of(ref);
  }

  private Path trustedDir() {
    return cacheDir().resolve("trusted-configuration");
  }

  // The pipeline's policy file, or the trusted commit's; never one of the tree's own.
  private Optional<Path> policyFile(Path projectDir, Path startedIn, Optional<TrustedRef> trusted) {
    if (policy != null) {
      Path file = startedIn.resolve(policy.toPath()).normalize();
      if (TrustBoundary.isInside(projectDir, file)) {
        throw new InvalidPolicyException(PropertyNames.POLICY + " = " + policy + " is inside the tree under test,"
            + " which may not configure its own sandbox; give a policy file of the pipeline's, or "
            + PropertyNames.TRUSTED_REF + " to read the project's at a trusted commit");
      }
      return PolicyFile.locate(file, List.of());
    }
    if (trusted.isPresent()) {
      return trusted.get().policyFile();
    }
    return PolicyFile.locate(null, List.of(startedIn)).filter(file -> !TrustBoundary.isInside(projectDir, file));
  }

  // The trusted commit's plugin configuration, under what the command line (and the pipeline's own POM) set.
  private void applyTrusted(Map<String, String> configuration, CommandLineOverrides commandLine) {
    memory = memory != null ? memory : configuration.get("memory");
    cpus = cpus != null ? cpus : configuration.get("cpus");
    pids = pids != null ? pids : configuration.get("pids");
    openFiles = openFiles != null ? openFiles : configuration.get("openFiles");
    processes = processes != null ? processes : configuration.get("processes");
    tmpfsSize = tmpfsSize != null ? tmpfsSize : configuration.get("tmpfsSize");
    timeout = timeout != null ? timeout : configuration.get("timeout");
    env = env != null ? env : configuration.get("env");
    seccompProfile = seccompProfile != null ? seccompProfile : configuration.get("seccompProfile");
    outputLimit = outputLimit != null ? outputLimit : configuration.get("outputLimit");
    mode = mode != null ? mode : configuration.get("mode");
    runtime = runtime != null ? runtime : configuration.get("runtime");
    network = network != null ? network : configuration.get("network");
    allow = allow != null ? allow : configuration.get("allow");
    proxyNetwork = proxyNetwork != null ? proxyNetwork : configuration.get("proxyNetwork");
    if (!session.getUserProperties().containsKey(PropertyNames.FAIL_ON_ERROR) && configuration.containsKey("failOnError")) {
      failOnError = Boolean.parseBoolean(configuration.get("failOnError"));
    }
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

  private static Path mavenHome() {
    String home = System.getProperty("maven.home");
    if (home == null) {
      throw new IllegalArgumentException("sandbox:build runs the build inside with the Maven that runs it, and this"
          + " one has no maven.home");
    }
    return Path.of(home);
  }
}
