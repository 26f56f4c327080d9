package dev.sandboxplugin.mojo;

import dev.sandboxplugin.Sandbox;
import dev.sandboxplugin.SandboxResult;
import dev.sandboxplugin.build.BuildRequest;
import dev.sandboxplugin.build.TrustBoundary;
import dev.sandboxplugin.files.HostWrites;
import dev.sandboxplugin.payload.PayloadKind;
import dev.sandboxplugin.policy.InvalidPolicyException;
import dev.sandboxplugin.policy.MemorySize;
import dev.sandboxplugin.policy.PolicyFile;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.trust.TrustedRef;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;

/**
 * What the goals that take an untrusted tree from outside it share ({@code sandbox:build}, {@code sandbox:scan}
 * with {@code sandbox.project}): the tree is named, never entered; Maven started inside it is refused; the
 * sandbox's configuration comes from the pipeline or a trusted commit, never from the tree; reports are written
 * into it only through folders that are not links.
 */
abstract class AbstractUntrustedTreeMojo extends AbstractSandboxMojo {

  /**
   * The folder of the project, the tree under test (its `pom.xml` is there); Maven is started outside it. See
   * [`sandbox:build`](build.md).
   */
  @Parameter(property = PropertyNames.PROJECT)
  protected File projectDirectory;

  /**
   * A commit the sandbox's configuration is read at, instead of the tree under test: e.g. `origin/main` or a merge
   * request's base. Its `sandbox-policy.yaml` and the plugin's `&lt;configuration&gt;` in its `pom.xml` apply (below
   * `-Dsandbox.*`), read with JGit; the tree's own are never read.
   */
  @Parameter(property = PropertyNames.TRUSTED_REF)
  protected String trustedRef;

  /**
   * Size of `/work`, the writable place the project is built in (its `target/` folders), e.g. `4g`. Default `2g`.
   */
  @Parameter(property = PropertyNames.WORK_SIZE)
  protected String workSize;

  protected final RepositorySystem repositories;

  AbstractUntrustedTreeMojo(MavenProject project, MavenSession session, RepositorySystem repositories) {
    super(project, session);
    this.repositories = repositories;
  }

  @Override
  protected void applyCommandLine(CommandLineOverrides commandLine) {
    super.applyCommandLine(commandLine);
    projectDirectory = commandLine.file(PropertyNames.PROJECT, projectDirectory);
    trustedRef = commandLine.string(PropertyNames.TRUSTED_REF, trustedRef);
    workSize = commandLine.string(PropertyNames.WORK_SIZE, workSize);
  }

  /** The tree a goal was given, checked: a folder, not the one Maven started in, with report folders safe to use. */
  record UntrustedTree(Path projectDir, Path startedIn, Path reportDir, Path testReportsDir, Sandbox sandbox) {}

  /**
   * @param goal the goal ({@link PayloadKind#BUILD}, {@link PayloadKind#SCAN}): its report's payload kind, and its
   *     name in messages
   * @throws MojoExecutionException when the tree is missing, Maven was started inside it (an ERROR report is written
   *     then) or a report folder is a link
   */
  protected UntrustedTree untrustedTree(PayloadKind goal) throws MojoExecutionException {
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
    Sandbox sandbox = sandbox();
    Optional<Path> inside = TrustBoundary.startedInside(projectDir, mavenFolders());
    if (inside.isPresent()) {
      String name = goal.label();
      String reason = "the Maven running sandbox:" + name + " was started inside the tree it is asked to " + name
          + " (" + inside.get() + "), so it has already read the tree's .mvn/ and maybe its POM; start it from"
          + " another folder, e.g. cd .. && mvn dev.sandboxplugin:sandbox-maven-plugin:<version>:" + name + " -D"
          + PropertyNames.PROJECT + "=<folder>";
      SandboxResult refused = sandbox.refuse(goal, "the tree at " + projectDir, null, reportDir, reason);
      throw new MojoExecutionException(reason + ". Report: " + refused.reportFile());
    }
    return new UntrustedTree(projectDir, startedIn, reportDir, testReportsDir, sandbox);
  }

  /**
   * The policy of a run on the tree: the defaults of a build, under the pipeline's policy file or the trusted
   * commit's, under the trusted commit's plugin configuration, under {@code -Dsandbox.*}.
   */
  protected SandboxPolicy trustedPolicy(UntrustedTree tree) throws MojoExecutionException {
    try {
      Optional<TrustedRef> trusted = trustedConfiguration(tree.projectDir());
      trusted.ifPresent(ref -> applyTrusted(ref.pluginConfiguration()));
      Path settingsBase = trusted.map(ref -> ref.resolveAgainst(trustedDir())).orElse(tree.startedIn());
      return withParameters(settingsBase, policyFile(tree, trusted)
          .map(file -> PolicyFile.load(file, SandboxPolicy.buildDefaults().build()))
          .orElseGet(() -> SandboxPolicy.buildDefaults().build()));
    } catch (IOException e) {
      throw new MojoExecutionException("Sandbox: cannot read the trusted configuration: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException(e.getMessage());
    }
  }

  /** A build of the tree inside the sandbox, with this Maven's repositories as the only source of artifacts. */
  protected BuildRequest buildRequest(UntrustedTree tree, SandboxPolicy policy, List<String> goals,
      List<String> mavenArguments) {
    long work = workSize == null || workSize.isBlank() ? 2L * 1024 * 1024 * 1024
        : MemorySize.parse(PropertyNames.WORK_SIZE, workSize.trim()).bytes();
    // SARIF's paths start at the project's folder: the checkout, which code scanning reads them against.
    return new BuildRequest(tree.projectDir(), goals, mavenArguments, policy, mavenHome(), cacheDir(),
        tree.reportDir(), tree.testReportsDir(), tree.projectDir(),
        new MavenArtifactSource(repositories, session.getRepositorySession(), project.getRemoteProjectRepositories(),
            project.getRemotePluginRepositories()),
        work, System.getenv());
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
  private Optional<Path> policyFile(UntrustedTree tree, Optional<TrustedRef> trusted) {
    if (policy != null) {
      Path file = tree.startedIn().resolve(policy.toPath()).normalize();
      if (TrustBoundary.isInside(tree.projectDir(), file)) {
        throw new InvalidPolicyException(PropertyNames.POLICY + " = " + policy + " is inside the tree under test,"
            + " which may not configure its own sandbox; give a policy file of the pipeline's, or "
            + PropertyNames.TRUSTED_REF + " to read the project's at a trusted commit");
      }
      return PolicyFile.locate(file, List.of());
    }
    if (trusted.isPresent()) {
      return trusted.get().policyFile();
    }
    return PolicyFile.locate(null, List.of(tree.startedIn()))
        .filter(file -> !TrustBoundary.isInside(tree.projectDir(), file));
  }

  // The trusted commit's plugin configuration, under what the command line (and the pipeline's own POM) set.
  private void applyTrusted(Map<String, String> configuration) {
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

  private static Path mavenHome() {
    String home = System.getProperty("maven.home");
    if (home == null) {
      throw new IllegalArgumentException("the build inside runs with the Maven that runs the plugin, and this one"
          + " has no maven.home");
    }
    return Path.of(home);
  }
}
