package dev.sandboxplugin.mojo;

import dev.sandboxplugin.Sandbox;
import dev.sandboxplugin.SandboxResult;
import dev.sandboxplugin.SandboxSpec;
import dev.sandboxplugin.image.BaseImage;
import dev.sandboxplugin.payload.Payload;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.verdict.Verdict;
import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Runs a main class of the project, or a single Java source file, in a hardened container: no network, read-only
 * root, all capabilities dropped, seccomp, and limits on memory, CPU, processes and time. Fails the build when the
 * payload fails, breaches the policy or times out; writes {@code report.json} either way.
 *
 * <p>A {@code -Dsandbox.*} property on the command line wins over the POM's {@code <configuration>}.
 */
@Mojo(name = "exec", threadSafe = true, requiresProject = false,
    requiresDependencyResolution = ResolutionScope.RUNTIME)
public class ExecMojo extends AbstractMojo {

  /** Fully qualified name of a class on the project's runtime classpath to run. Set this or {@code source}. */
  @Parameter(property = PropertyNames.MAIN_CLASS)
  private String mainClass;

  /**
   * A single {@code .java} file to run with the source launcher; compiled inside the sandbox, so it needs no
   * project. Relative to the project's base directory. Set this or {@code mainClass}.
   */
  @Parameter(property = PropertyNames.SOURCE)
  private String source;

  /** Arguments for {@code main}, split on whitespace; they come after those of {@code <arguments>}. */
  @Parameter(property = PropertyNames.ARGS)
  private String args;

  /** Arguments for {@code main}, one per element, kept as written (spaces included). */
  @Parameter
  private List<String> arguments;

  /**
   * Base image: empty or {@code offline} for a Java runtime made from the build's own JDK (no registry needed);
   * {@code docker://name:tag} for an image the engine has; {@code tar://path/image.tar}; or a registry reference.
   */
  @Parameter(property = PropertyNames.BASE_IMAGE)
  private String baseImage;

  /** Memory for the whole container, with no swap on top, e.g. {@code 256m} or {@code 1g}. */
  @Parameter(property = PropertyNames.MEMORY, defaultValue = "512m")
  private String memory;

  /** CPUs the container may use, e.g. {@code 0.5} or {@code 2}. */
  @Parameter(property = PropertyNames.CPUS, defaultValue = "1")
  private String cpus;

  /** Most processes and threads alive at once in the container. */
  @Parameter(property = PropertyNames.PIDS, defaultValue = "128")
  private String pids;

  /** Most open files per process (RLIMIT_NOFILE). */
  @Parameter(property = PropertyNames.OPEN_FILES, defaultValue = "1024")
  private String openFiles;

  /** Most processes of the payload's user (RLIMIT_NPROC), a backstop behind {@code pids}. */
  @Parameter(property = PropertyNames.PROCESSES, defaultValue = "1024")
  private String processes;

  /** Size of {@code /tmp}, the only writable place (noexec), e.g. {@code 64m}. */
  @Parameter(property = PropertyNames.TMPFS_SIZE, defaultValue = "64m")
  private String tmpfsSize;

  /** Wall-clock limit from container start, e.g. {@code 30s}, {@code 5m}, {@code 1h}; then the payload is killed. */
  @Parameter(property = PropertyNames.TIMEOUT, defaultValue = "5m")
  private String timeout;

  /**
   * Comma-separated names of host environment variables the payload may see, e.g. {@code LANG,TZ}. Nothing else
   * of the host's environment (CI secrets included) reaches it.
   */
  @Parameter(property = PropertyNames.ENV)
  private String env;

  /** Seccomp profile: a bundled one by name ({@code default}) or a JSON file in Docker's format. */
  @Parameter(property = PropertyNames.SECCOMP_PROFILE, defaultValue = "default")
  private String seccompProfile;

  /** How much payload output is shown and kept, e.g. {@code 1m}; the rest is counted and reported as truncated. */
  @Parameter(property = PropertyNames.OUTPUT_LIMIT, defaultValue = "1m")
  private String outputLimit;

  /**
   * Cache of the offline Java runtime and image layers, shared by builds; defaults to
   * {@code $XDG_CACHE_HOME/sandbox-maven-plugin} or {@code ~/.cache/sandbox-maven-plugin}.
   */
  @Parameter(property = PropertyNames.CACHE_DIR)
  private File cacheDir;

  /**
   * Where {@code report.json} is written; defaults to {@code ${project.build.directory}/sandbox}, or
   * {@code ./target/sandbox} when run without a {@code pom.xml}.
   */
  @Parameter(property = PropertyNames.REPORT_DIRECTORY)
  private File reportDirectory;

  /**
   * Whether a verdict other than PASSED fails the build. With {@code false} it is logged as a warning instead
   * (audit mode). An ERROR verdict (engine or image trouble, on our side) fails the build either way.
   */
  @Parameter(property = PropertyNames.FAIL_ON_ERROR, defaultValue = "true")
  private boolean failOnError;

  /** Skips the run. */
  @Parameter(property = PropertyNames.SKIP, defaultValue = "false")
  private boolean skip;

  private final MavenProject project;
  private final MavenSession session;

  @Inject
  public ExecMojo(MavenProject project, MavenSession session) {
    this.project = project;
    this.session = session;
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    applyCommandLine(new CommandLineOverrides(session.getUserProperties()));
    if (skip) {
      getLog().info("Skipping the sandbox run (" + PropertyNames.SKIP + "=true)");
      return;
    }
    Path baseDir = baseDir();
    SandboxSpec spec;
    try {
      SandboxPolicy policy = new PolicyFromParameters(baseDir).memory(memory).cpus(cpus).pids(pids)
          .openFiles(openFiles).processes(processes).tmpfsSize(tmpfsSize).timeout(timeout).env(env)
          .seccompProfile(seccompProfile).outputLimit(outputLimit).build();
      Payload payload = PayloadFromParameters.payload(mainClass, source,
          PayloadFromParameters.arguments(arguments, args), baseDir, this::runtimeClasspath);
      BaseImage base = BaseImage.parse(baseImage, baseDir);
      Path cache = cacheDir != null ? cacheDir.toPath() : SandboxSpec.defaultCacheDir(System.getenv());
      spec = new SandboxSpec(payload, policy, base, cache, reportDirectory(baseDir), System.getenv());
    } catch (IllegalArgumentException e) {
      // Validation messages name the setting and what to write instead; a stack trace would only hide that.
      throw new MojoExecutionException(e.getMessage());
    }

    SandboxResult result;
    try {
      result = Sandbox.run(spec, new MavenLogListener(getLog()));
    } catch (UncheckedIOException e) {
      throw new MojoExecutionException(e.getMessage() + ": " + e.getCause().getMessage(), e);
    }
    Verdict verdict = result.report().verdict();
    String summary = "Sandbox verdict " + verdict + ": " + result.report().reason() + ". Report: " + result.reportFile();
    if (verdict == Verdict.ERROR) {
      throw new MojoExecutionException(result.report().reason() + ". Report: " + result.reportFile());
    }
    if (!verdict.passed()) {
      if (failOnError) {
        throw new MojoFailureException(summary);
      }
      getLog().warn(summary + " (not failing the build: " + PropertyNames.FAIL_ON_ERROR + "=false)");
    }
  }

  private void applyCommandLine(CommandLineOverrides commandLine) {
    if (commandLine.choosePayload()) {
      mainClass = commandLine.string(PropertyNames.MAIN_CLASS, null);
      source = commandLine.string(PropertyNames.SOURCE, null);
    }
    args = commandLine.string(PropertyNames.ARGS, args);
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
    cacheDir = commandLine.file(PropertyNames.CACHE_DIR, cacheDir);
    reportDirectory = commandLine.file(PropertyNames.REPORT_DIRECTORY, reportDirectory);
    failOnError = commandLine.flag(PropertyNames.FAIL_ON_ERROR, failOnError);
    skip = commandLine.flag(PropertyNames.SKIP, skip);
  }

  private List<Path> runtimeClasspath() {
    try {
      return project.getRuntimeClasspathElements().stream().map(Path::of).toList();
    } catch (DependencyResolutionRequiredException e) {
      throw new IllegalStateException("the runtime classpath of " + project.getId() + " is not resolved", e);
    }
  }

  // Without a pom.xml Maven's stand-in project has no base directory: the folder Maven runs in is the one meant.
  private Path baseDir() {
    File basedir = project.getBasedir();
    return (basedir != null ? basedir.toPath() : Path.of(session.getExecutionRootDirectory())).toAbsolutePath();
  }

  // Not a defaultValue: Maven's stand-in project leaves ${project.build.directory} uninterpolated.
  private Path reportDirectory(Path baseDir) {
    if (reportDirectory != null) {
      return baseDir.resolve(reportDirectory.toPath()).normalize();
    }
    if (project.getFile() != null) {
      return Path.of(project.getBuild().getDirectory(), "sandbox").toAbsolutePath();
    }
    return baseDir.resolve("target").resolve("sandbox");
  }
}
