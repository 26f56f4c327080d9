package dev.sandboxplugin.mojo;

import dev.sandboxplugin.SandboxResult;
import dev.sandboxplugin.SandboxSpec;
import dev.sandboxplugin.payload.Payload;
import dev.sandboxplugin.payload.PayloadKind;
import dev.sandboxplugin.policy.SandboxPolicy;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Runs a main class of the project, a single Java source file, or a shell, Python or JavaScript script, in a
 * hardened container: no network, read-only
 * root, all capabilities dropped, seccomp, and limits on memory, CPU, processes and time. Fails the build when the
 * payload fails, breaches the policy or times out; writes {@code report.json} either way.
 *
 * <p>A {@code -Dsandbox.*} property on the command line wins over the POM's {@code <configuration>}.
 */
@Mojo(name = "exec", threadSafe = true, requiresProject = false,
    requiresDependencyResolution = ResolutionScope.RUNTIME)
public class ExecMojo extends AbstractSandboxMojo {

  /** Fully qualified name of a class on the project's runtime classpath to run. Set this, `source` or `script`. */
  @Parameter(property = PropertyNames.MAIN_CLASS)
  private String mainClass;

  /**
   * A single `.java` file to run with the source launcher; compiled inside the sandbox, so it needs no project.
   * Relative to the project's base directory. Set this, `mainClass` or `script`.
   */
  @Parameter(property = PropertyNames.SOURCE)
  private String source;

  /**
   * A shell, Python or JavaScript file to run (`.sh`, `.py`, `.js`/`.mjs`, or any file with a `#!` line), relative
   * to the project's base directory; it needs no project. Runs on the polyglot base (`python3`, `node`, `sh`, built
   * offline from Debian's packages once per machine) unless `baseImage` is set. Set this, `mainClass` or `source`.
   * See [Scripts](goals.md#scripts-sh-python-node).
   */
  @Parameter(property = PropertyNames.SCRIPT)
  private String script;

  /**
   * The interpreter of `script`: `sh`, `bash`, `python3` or `node`, or an absolute path inside a `baseImage` of your
   * own. Default: the one of the `#!` line, else the one of the extension.
   */
  @Parameter(property = PropertyNames.INTERPRETER)
  private String interpreter;

  /**
   * Arguments for `main` or the script, split on whitespace; they come after those of `&lt;arguments&gt;`, which
   * keeps spaces.
   */
  @Parameter(property = PropertyNames.ARGS)
  private String args;

  /** Arguments for `main` or the script, one per element, kept as written (spaces included). POM only. */
  @Parameter
  private List<String> arguments;

  @Inject
  public ExecMojo(MavenProject project, MavenSession session) {
    super(project, session);
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    CommandLineOverrides commandLine = new CommandLineOverrides(session.getUserProperties());
    applyCommandLine(commandLine);
    if (commandLine.choosePayload()) {
      mainClass = commandLine.string(PropertyNames.MAIN_CLASS, null);
      source = commandLine.string(PropertyNames.SOURCE, null);
      script = commandLine.string(PropertyNames.SCRIPT, null);
    }
    interpreter = commandLine.string(PropertyNames.INTERPRETER, interpreter);
    args = commandLine.string(PropertyNames.ARGS, args);
    if (skip) {
      getLog().info("Skipping the sandbox run (" + PropertyNames.SKIP + "=true)");
      return;
    }
    withEngineAhead(this::runPayload);
  }

  // The run itself, once the goal is not skipped.
  private void runPayload() throws MojoExecutionException, MojoFailureException {
    Path baseDir = baseDir();
    SandboxPolicy policy;
    SandboxSpec spec;
    try {
      policy = policy(baseDir);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException(e.getMessage());
    }
    try {
      Payload payload = PayloadFromParameters.payload(mainClass, source, script, interpreter,
          PayloadFromParameters.arguments(arguments, args), baseDir, this::runtimeClasspath);
      spec = spec(payload, policy, baseDir);
      payload.layers(); // walks the classes folders now: a link out of them refuses the run
    } catch (dev.sandboxplugin.payload.LinkedFileException e) {
      refuseLinks(e, PayloadKind.EXEC, baseDir, policy);
      return;
    } catch (IllegalArgumentException e) {
      // Validation messages name the setting and what to write instead; a stack trace would only hide that.
      throw new MojoExecutionException(e.getMessage());
    }
    SandboxResult result = run(spec);
    judge(result, policy);
  }

  private List<Path> runtimeClasspath() {
    try {
      List<Path> classpath = project.getRuntimeClasspathElements().stream().map(Path::of).toList();
      ProjectFiles.requireInside(project, session, classpath);
      return classpath;
    } catch (DependencyResolutionRequiredException e) {
      throw new IllegalStateException("the runtime classpath of " + project.getId() + " is not resolved", e);
    }
  }
}
