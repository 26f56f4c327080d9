package dev.sandboxplugin.mojo;

import dev.sandboxplugin.Sandbox;
import dev.sandboxplugin.SandboxResult;
import dev.sandboxplugin.SandboxSpec;
import dev.sandboxplugin.engine.DockerEngine;
import dev.sandboxplugin.engine.EngineHeadStart;
import dev.sandboxplugin.files.HostWrites;
import dev.sandboxplugin.image.BaseImage;
import dev.sandboxplugin.payload.Payload;
import dev.sandboxplugin.payload.PayloadKind;
import dev.sandboxplugin.policy.EnforcementMode;
import dev.sandboxplugin.policy.PolicyFile;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.verdict.Evidence;
import dev.sandboxplugin.verdict.Verdict;
import dev.sandboxplugin.verdict.ViolationKind;
import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * The settings every sandbox goal shares (limits, timeout, environment, seccomp, base image, reports) and what
 * every goal does with a verdict. Parameters have no Maven default: an unset one keeps the policy's default, so
 * that the layers of configuration can tell "not set" from "set to the default".
 *
 * <p>The javadoc of every parameter is Markdown (backticks for code, links relative to {@code docs/}, {@code &lt;}
 * for {@code <}), ending with a {@code Default …} sentence where Maven has no default value: it is the text of
 * {@code mvn sandbox:help -Ddetail} and of the parameter table in {@code docs/configuration.md}, which
 * {@code scripts/config-reference} generates.
 */
abstract class AbstractSandboxMojo extends AbstractMojo {

  /**
   * Base image. Empty or `offline`: a jlink runtime of the build's own JDK, made without a registry (for a script:
   * the polyglot base; `offline-polyglot` names it explicitly). `docker://name:tag`: an image the engine has.
   * `tar://path/image.tar`: a saved image. Anything else: a registry reference (e.g. `eclipse-temurin:17-jre`),
   * pulled with the logins and proxies of [Registry bases](configuration.md#registry-bases). A build inside
   * (`sandbox:build`, the tests of `sandbox:scan` with `sandbox.project`) runs on an image of the host's own JDK and
   * Maven instead. Default `offline`.
   */
  @Parameter(property = PropertyNames.BASE_IMAGE)
  protected String baseImage;

  /**
   * Memory for the whole container, e.g. `256m` or `1g`; swap is set equal (no swap on top). A JVM payload's heap is
   * 75% of it. Default `512m`.
   */
  @Parameter(property = PropertyNames.MEMORY)
  protected String memory;

  /** CPUs the container may use, e.g. `0.5` or `2`. Default `1`. */
  @Parameter(property = PropertyNames.CPUS)
  protected String cpus;

  /**
   * Most processes and threads alive at once in the container (the pids cgroup; for a script, its waiting preflight
   * shell is one of them). Default `128`.
   */
  @Parameter(property = PropertyNames.PIDS)
  protected String pids;

  /** Most open files per process (RLIMIT_NOFILE). Default `1024`. */
  @Parameter(property = PropertyNames.OPEN_FILES)
  protected String openFiles;

  /**
   * Most processes of the payload's user (RLIMIT_NPROC, counted per uid by the kernel): a backstop behind `pids`.
   * Default `1024`.
   */
  @Parameter(property = PropertyNames.PROCESSES)
  protected String processes;

  /** Size of `/tmp`, the only writable place (`noexec,nosuid,nodev`), e.g. `32m`. Default `64m`. */
  @Parameter(property = PropertyNames.TMPFS_SIZE)
  protected String tmpfsSize;

  /**
   * Wall-clock limit from container start (`500ms`, `30s`, `5m`, `1h`); then the payload is killed. Default `5m`.
   */
  @Parameter(property = PropertyNames.TIMEOUT)
  protected String timeout;

  /**
   * Comma-separated names of host environment variables the payload may see, e.g. `LANG,TZ`. Nothing else of the
   * host's environment (CI secrets included) reaches it.
   */
  @Parameter(property = PropertyNames.ENV)
  protected String env;

  /**
   * Seccomp profile: a bundled one by name (`default`, `strict`) or a JSON file in Docker's format, validated before
   * the run. Default `default`.
   */
  @Parameter(property = PropertyNames.SECCOMP_PROFILE)
  protected String seccompProfile;

  /**
   * How much payload output is shown and kept, e.g. `1m` (and at most 10,000 lines); the rest is counted and
   * reported as truncated. Default `1m`.
   */
  @Parameter(property = PropertyNames.OUTPUT_LIMIT)
  protected String outputLimit;

  /**
   * `enforce`: a breach (verdict `VIOLATION` or `SECCOMP_KILLED`) fails the build. `audit`: it is recorded in the
   * reports and logged as a warning instead of failing the build; the sandbox still blocks it. Default `enforce`.
   */
  @Parameter(property = PropertyNames.MODE)
  protected String mode;

  /**
   * The OCI runtime the engine runs the sandbox with: `runc`, or `runsc` for gVisor, a user-space kernel between the
   * payload and the host's (register it with `scripts/ensure-runsc`). Default `runc`.
   */
  @Parameter(property = PropertyNames.RUNTIME)
  protected String runtime;

  /**
   * Policy file (YAML) with the sandbox's settings (see [Policy file](configuration.md#policy-file)), relative to
   * the project's base directory or else to the folder Maven was started in. Its settings replace the defaults;
   * the POM's `&lt;configuration&gt;` and `-Dsandbox.*` come on top. Default: the `sandbox-policy.yaml` of the
   * project's base directory, else of the folder Maven was started in, if one exists; else none (the defaults).
   */
  @Parameter(property = PropertyNames.POLICY)
  protected File policy;

  /**
   * `none`: no network interface but loopback. `allowlist`: the only way out is an egress proxy that lets through
   * requests to the hosts in `allow` and logs every request into the report (see [Network](network.md)). Default
   * `none`.
   */
  @Parameter(property = PropertyNames.NETWORK)
  protected String network;

  /**
   * With `network=allowlist`: comma-separated host names the payload may reach through the proxy, `*.domain` for
   * its subdomains, each optionally with `:port`, e.g. `repo.example.org,*.example.com:443`. No IP addresses.
   */
  @Parameter(property = PropertyNames.ALLOW)
  protected String allow;

  /**
   * With `network=allowlist`: an existing Docker network the egress proxy joins to reach out (e.g. the one of a CI
   * job's service containers). The payload never joins it. Default: a fresh bridge network of the run's own.
   */
  @Parameter(property = PropertyNames.PROXY_NETWORK)
  protected String proxyNetwork;

  /**
   * Cache of the jlink runtime, the polyglot base's root file system and Jib's image layers, shared by builds.
   * Default `$XDG_CACHE_HOME/sandbox-maven-plugin`, else `~/.cache/sandbox-maven-plugin`.
   */
  @Parameter(property = PropertyNames.CACHE_DIR)
  protected File cacheDir;

  /**
   * Where `report.json`, `report.sarif` and `summary.md` are written. Default `${project.build.directory}/sandbox`,
   * or `./target/sandbox` when run without a `pom.xml`; for a tree named by `sandbox.project`, its `target/sandbox`.
   */
  @Parameter(property = PropertyNames.REPORT_DIRECTORY)
  protected File reportDirectory;

  /**
   * Whether a verdict other than `PASSED` fails the build. With `false` it is logged as a warning instead. An
   * `ERROR` verdict (engine or image trouble, on our side) fails the build either way.
   */
  @Parameter(property = PropertyNames.FAIL_ON_ERROR, defaultValue = "true")
  protected boolean failOnError;

  /** Skips the goal: nothing runs. */
  @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
  protected boolean skip;

  protected final MavenProject project;
  protected final MavenSession session;

  // Decrypts the settings' server passwords a registry base is pulled with.
  @Inject
  protected SettingsDecrypter settingsDecrypter;

  // The engine connection begun beside the goal's preparation; null outside withEngineAhead.
  private EngineHeadStart engines;

  protected AbstractSandboxMojo(MavenProject project, MavenSession session) {
    this.project = project;
    this.session = session;
  }

  /** A goal's work once it knows it will run (not skipped). */
  protected interface GoalWork {
    void run() throws MojoExecutionException, MojoFailureException;
  }

  /**
   * Runs {@code work} while the engine connects beside it: the goal's policy, payload and tree need no engine, and
   * the connection costs most of a second in Maven's fresh JVM. The first run of {@link #sandbox()} takes it.
   */
  protected final void withEngineAhead(GoalWork work) throws MojoExecutionException, MojoFailureException {
    try (EngineHeadStart ahead = EngineHeadStart.begin(DockerEngine::connect)) {
      engines = ahead;
      work.run();
    } finally {
      engines = null;
    }
  }

  /** The sandbox this goal's runs go through: on the connection begun ahead, if there is one. */
  protected final Sandbox sandbox() {
    Supplier<DockerEngine> connections = engines != null ? engines : DockerEngine::connect;
    return new Sandbox(connections, new MavenLogListener(getLog()));
  }

  /** Applies {@code -Dsandbox.*} over the POM for the shared settings; goals add their own. */
  protected void applyCommandLine(CommandLineOverrides commandLine) {
    baseImage = commandLine.string(PropertyNames.BASE_IMAGE, baseImage);
    memory = commandLine.string(PropertyNames.MEMORY, memory);
    cpus = commandLine.string(PropertyNames.CPUS, cpus);
    pids = commandLine.string(PropertyNames.PIDS, pids);
    openFiles = commandLine.string(PropertyNames.OPEN_FILES, openFiles);
    processes = commandLine.string(PropertyNames.PROCESSES, processes);
    tmpfsSize = commandLine.string(PropertyNames.TMPFS_SIZE, tmpfsSize);
    timeout = commandLine.string(PropertyNames.TIMEOUT, timeout);
    env = commandLine.string(PropertyNames.ENV, env);
    seccompProfile = commandLine.string(PropertyNames.SECCOMP_PROFILE, seccompProfile);
    outputLimit = commandLine.string(PropertyNames.OUTPUT_LIMIT, outputLimit);
    mode = commandLine.string(PropertyNames.MODE, mode);
    runtime = commandLine.string(PropertyNames.RUNTIME, runtime);
    policy = commandLine.file(PropertyNames.POLICY, policy);
    network = commandLine.string(PropertyNames.NETWORK, network);
    allow = commandLine.string(PropertyNames.ALLOW, allow);
    proxyNetwork = commandLine.string(PropertyNames.PROXY_NETWORK, proxyNetwork);
    cacheDir = commandLine.file(PropertyNames.CACHE_DIR, cacheDir);
    reportDirectory = commandLine.file(PropertyNames.REPORT_DIRECTORY, reportDirectory);
    failOnError = commandLine.flag(PropertyNames.FAIL_ON_ERROR, failOnError);
    skip = commandLine.flag(PropertyNames.SKIP, skip);
  }

  /**
   * The policy of the shared settings over the policy file's (defaults &lt; file &lt; POM &lt; command line); throws
   * {@link IllegalArgumentException} naming the bad setting, or the file, line and column.
   */
  protected SandboxPolicy policy(Path baseDir) {
    SandboxPolicy fromFile = policyFile(baseDir).map(PolicyFile::load).orElseGet(() -> SandboxPolicy.builder().build());
    return withParameters(baseDir, fromFile);
  }

  /** The shared settings of the parameters over {@code base} (the defaults and a policy file's settings). */
  protected SandboxPolicy withParameters(Path baseDir, SandboxPolicy base) {
    return new PolicyFromParameters(baseDir, base).memory(memory).cpus(cpus).pids(pids)
        .openFiles(openFiles).processes(processes).tmpfsSize(tmpfsSize).timeout(timeout).env(env)
        .seccompProfile(seccompProfile).outputLimit(outputLimit).mode(mode).runtime(runtime)
        .network(network, allow, proxyNetwork).build();
  }

  // A relative path or the default name: the module's folder first, then the folder Maven runs in, so that one
  // -Dsandbox.policy=ci/policy.yaml given at a reactor's root serves every module.
  private Optional<Path> policyFile(Path baseDir) {
    List<Path> folders = new ArrayList<>(List.of(baseDir));
    if (session != null && session.getExecutionRootDirectory() != null) {
      folders.add(Path.of(session.getExecutionRootDirectory()).toAbsolutePath().normalize());
    }
    Path explicit = null;
    if (policy != null) {
      explicit = folders.stream().map(folder -> folder.resolve(policy.toPath()).normalize())
          .filter(Files::isRegularFile).findFirst()
          .orElse(baseDir.resolve(policy.toPath()).normalize());
    }
    return PolicyFile.locate(explicit, folders);
  }

  /**
   * A spec for {@code payload} with the shared settings.
   *
   * @throws IllegalArgumentException when a report folder inside the project is a link (one the project planted would
   *     have the reports written, and earlier ones deleted, wherever it points)
   */
  protected SandboxSpec spec(Payload payload, SandboxPolicy policy, Path baseDir) {
    BaseImage base = BaseImage.parse(baseImage, baseDir);
    if (base.pullsFromRegistry()) {
      base = base.withRegistryAccess(
          RegistryLogins.of(session.getSettings(), session.isOffline(), settingsDecrypter, System.getenv()));
      RegistryProxies.activate(session.getSettings(), settingsDecrypter, System.getProperties())
          .forEach(proxy -> getLog().info("Sandbox: pulling " + baseImage + " through the " + proxy));
    }
    Path cache = cacheDir();
    Path reports = reportDirectory(baseDir);
    try {
      HostWrites.folderInside(baseDir, reports);
      HostWrites.folderInside(baseDir, dev.sandboxplugin.testing.TestReports.besideReportDir(reports));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("Sandbox: refusing to write reports: " + e.getMessage(), e);
    }
    return new SandboxSpec(payload, policy, base, cache, reports, System.getenv(), sourceRoot(baseDir));
  }

  /**
   * Ends a goal whose payload would have packaged a file of the host (a link the project planted, a system-scope
   * path): nothing ran; the report says why, as a {@code LINK} violation, and the build fails as for any breach.
   */
  protected void refuseLinks(dev.sandboxplugin.payload.LinkedFileException refused, PayloadKind kind, Path baseDir,
      SandboxPolicy policy) throws MojoExecutionException, MojoFailureException {
    Path reports = reportDirectory(baseDir);
    try {
      HostWrites.folderInside(baseDir, reports);
    } catch (java.io.IOException e) {
      throw new MojoExecutionException("Sandbox: " + refused.getMessage() + "; and refusing to write reports: "
          + e.getMessage());
    }
    SandboxResult result = new Sandbox(new MavenLogListener(getLog())).refuse(kind, kind.label() + " of " + baseDir,
        policy, reports, Verdict.VIOLATION, "refused before anything ran: " + refused.getMessage(),
        List.of(new dev.sandboxplugin.verdict.Violation(ViolationKind.LINK, refused.getMessage(), Evidence.HOST)));
    judge(result, policy);
  }

  // report.sarif's paths are relative to this; code scanning reads them against the repository's root, which the
  // folder Maven runs in (a reactor's root) is more often than a module's folder.
  private Path sourceRoot(Path baseDir) {
    if (session != null && session.getExecutionRootDirectory() != null) {
      Path root = Path.of(session.getExecutionRootDirectory()).toAbsolutePath().normalize();
      if (baseDir.startsWith(root)) {
        return root;
      }
    }
    return baseDir;
  }

  /** The configured cache folder, else the usual one. */
  protected Path cacheDir() {
    return cacheDir != null ? cacheDir.toPath() : SandboxSpec.defaultCacheDir(System.getenv());
  }

  protected SandboxResult run(SandboxSpec spec) throws MojoExecutionException {
    try {
      return sandbox().run(spec);
    } catch (UncheckedIOException e) {
      throw new MojoExecutionException(e.getMessage() + ": " + e.getCause().getMessage(), e);
    }
  }

  /**
   * Fails the build as the verdict asks: ERROR is our side ({@link MojoExecutionException}); anything else but
   * PASSED is the payload's ({@link MojoFailureException}), unless audit mode or {@code failOnError=false} say warn.
   */
  protected void judge(SandboxResult result, SandboxPolicy policy) throws MojoExecutionException, MojoFailureException {
    judge(result.report().verdict(), "Sandbox verdict " + result.report().verdict() + ": " + result.report().reason()
        + ". Report: " + result.reportFile(), result.report().reason() + ". Report: " + result.reportFile(), policy);
  }

  /**
   * @param summary what a failure or warning says
   * @param ourSide what an ERROR verdict's {@link MojoExecutionException} says
   */
  protected void judge(Verdict verdict, String summary, String ourSide, SandboxPolicy policy)
      throws MojoExecutionException, MojoFailureException {
    if (verdict == Verdict.ERROR) {
      throw new MojoExecutionException(ourSide);
    }
    if (verdict.passed()) {
      return;
    }
    if (policy.mode() == EnforcementMode.AUDIT && verdict.isBreach()) {
      getLog().warn(summary + " (not failing the build: " + PropertyNames.MODE + "=audit)");
    } else if (!failOnError) {
      getLog().warn(summary + " (not failing the build: " + PropertyNames.FAIL_ON_ERROR + "=false)");
    } else {
      throw new MojoFailureException(summary);
    }
  }


  // Without a pom.xml Maven's stand-in project has no base directory: the folder Maven runs in is the one meant.
  protected Path baseDir() {
    File basedir = project.getBasedir();
    return (basedir != null ? basedir.toPath() : Path.of(session.getExecutionRootDirectory())).toAbsolutePath();
  }

  // Not a defaultValue: Maven's stand-in project leaves ${project.build.directory} uninterpolated.
  protected Path reportDirectory(Path baseDir) {
    if (reportDirectory != null) {
      return baseDir.resolve(reportDirectory.toPath()).normalize();
    }
    if (project.getFile() != null) {
      return Path.of(project.getBuild().getDirectory(), "sandbox").toAbsolutePath();
    }
    return baseDir.resolve("target").resolve("sandbox");
  }
}
