package dev.sandboxplugin.mojo;

import dev.sandboxplugin.SandboxResult;
import dev.sandboxplugin.SandboxSpec;
import dev.sandboxplugin.payload.Payload;
import dev.sandboxplugin.payload.PayloadKind;
import dev.sandboxplugin.payload.RunnerJar;
import dev.sandboxplugin.payload.TestPayload;
import dev.sandboxplugin.policy.AiCommitRule;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.policy.ScanSettings;
import dev.sandboxplugin.run.SafeText;
import dev.sandboxplugin.scan.AiCommitRules;
import dev.sandboxplugin.scan.CommitRange;
import dev.sandboxplugin.scan.GitHistory;
import dev.sandboxplugin.scan.ProjectLayout;
import dev.sandboxplugin.scan.ScanArtifacts;
import dev.sandboxplugin.scan.ScanExecution;
import dev.sandboxplugin.scan.ScanPlan;
import dev.sandboxplugin.scan.ScanReport;
import dev.sandboxplugin.scan.ScanTable;
import dev.sandboxplugin.scan.ScriptPayloads;
import dev.sandboxplugin.verdict.Evidence;
import dev.sandboxplugin.verdict.ViolationKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;

/**
 * Finds the commits of a range that an AI assistant wrote (by rules on author, committer, trailers and message) and
 * runs their code in the sandbox: the test classes they added or changed, and the tests named after the classes
 * they changed, in one {@code sandbox:test} run; their changed scripts with {@code sandbox:exec}'s machinery.
 * Writes a per-commit table to the log and {@code scan.json}, {@code scan.md}, {@code scan-junit.xml} and
 * {@code scan-code-quality.json} (GitLab) to the report folder. The history is read with JGit; the tests must be
 * compiled at HEAD: {@code mvn test-compile sandbox:scan -Dsandbox.commits=origin/main..HEAD}.
 */
@Mojo(name = "scan", threadSafe = true, requiresProject = false, aggregator = true,
    requiresDependencyResolution = ResolutionScope.TEST)
public class ScanMojo extends AbstractUntrustedTreeMojo {

  // Changed scripts run as script payloads (sh, Python, Node); a file no interpreter is known for is left out.
  private static final ScriptPayloads SCRIPTS = script -> {
    try {
      return java.util.Optional.of(new dev.sandboxplugin.payload.ScriptPayload(script, null, java.util.List.of()));
    } catch (dev.sandboxplugin.payload.LinkedFileException link) {
      throw link; // not a script of an unknown kind: a link, which the scan reports
    } catch (IllegalArgumentException noInterpreter) {
      return java.util.Optional.empty();
    }
  };

  /**
   * The commits to scan: a range `origin/main..HEAD` (what the second has that the first has not), one commit
   * (`HEAD`, `a1b2c3d`, a tag), or the last N commits (`last:5`).
   */
  @Parameter(property = PropertyNames.COMMITS, defaultValue = "HEAD")
  private String commits;

  /**
   * Extra rules that flag a commit as AI-written, each
   * `&lt;aiRule&gt;&lt;name/&gt;&lt;field/&gt;&lt;pattern/&gt;&lt;/aiRule&gt;`: `field` is `author`, `committer`,
   * `trailer` or `message`, `pattern` a case-insensitive regular expression. A rule named like a default one
   * replaces it. POM only; on the command line, `sandbox.scan.rules`.
   */
  @Parameter
  private List<AiRule> aiRules;

  /**
   * Extra rules on the command line, separated by `;`: `name=field:regex` (`field`: `author`, `committer`,
   * `trailer`, `message`), e.g. `acme=author:^acme-ai\[bot\]`. They come after `&lt;aiRules&gt;`.
   */
  @Parameter(property = PropertyNames.SCAN_RULES)
  private String rules;

  /**
   * Whether the default rules apply (the `Co-authored-by:` trailers of Claude, Copilot, Codex, Cursor, Aider, Devin
   * and Gemini, the bot accounts of coding agents, "Generated with ..." lines). `false`: only yours.
   */
  @Parameter(property = PropertyNames.SCAN_DEFAULT_RULES, defaultValue = "true")
  private boolean defaultRules;

  /**
   * Comma-separated folders, relative to the project, whose changed scripts run in the sandbox. Default: the policy
   * file's `scan.scripts`, else `scripts,tools`.
   */
  @Parameter(property = PropertyNames.SCAN_SCRIPTS)
  private String scriptFolders;

  private static final List<String> DEFAULT_SCRIPT_FOLDERS = List.of("scripts", "tools");

  @Inject
  public ScanMojo(MavenProject project, MavenSession session, RepositorySystem repositories) {
    super(project, session, repositories);
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    CommandLineOverrides commandLine = new CommandLineOverrides(session.getUserProperties());
    applyCommandLine(commandLine);
    commits = commandLine.string(PropertyNames.COMMITS, commits);
    rules = commandLine.string(PropertyNames.SCAN_RULES, rules);
    defaultRules = commandLine.flag(PropertyNames.SCAN_DEFAULT_RULES, defaultRules);
    scriptFolders = commandLine.string(PropertyNames.SCAN_SCRIPTS, scriptFolders);
    if (skip) {
      getLog().info("Skipping the sandbox scan (" + PropertyNames.SKIP + "=true)");
      return;
    }
    if (projectDirectory == null && project.getFile() == null) {
      throw new MojoExecutionException("sandbox:scan needs a project: name it with -D" + PropertyNames.PROJECT
          + "=<folder> (Maven started outside it: the way for untrusted commits), or run it in the project");
    }
    withEngineAhead(this::scan);
  }

  // The scan itself, once the goal has a tree or a project to scan.
  private void scan() throws MojoExecutionException, MojoFailureException {
    if (projectDirectory != null) {
      scanFromOutside();
      return;
    }
    Path baseDir = baseDir();
    SandboxPolicy policy;
    CommitRange range;
    AiCommitRules aiCommitRules;
    try {
      policy = policy(baseDir);
      range = CommitRange.parse(commits);
      aiCommitRules = aiCommitRules(policy.scan());
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException(e.getMessage());
    }
    ScanReport report;
    ProjectLayout layout;
    try (GitHistory history = GitHistory.open(baseDir)) {
      layout = new ProjectLayout(history.workTree(), baseDir, paths(project.getTestCompileSourceRoots()),
          paths(project.getCompileSourceRoots()), Path.of(project.getBuild().getTestOutputDirectory()),
          scriptFolders(policy.scan()));
      List<dev.sandboxplugin.scan.ScannedCommit> scanned = history.commits(range);
      ScanPlan plan = ScanPlan.of(range, scanned, aiCommitRules, layout);
      List<ScanReport.ConfigChange> configChanges = history.configChanges(scanned,
          seccompProfiles(policy, history.workTree()));
      getLog().info("Sandbox scan of " + range + ": " + plan.scanned() + " commit(s), " + plan.flagged().size()
          + " flagged as AI-written, " + configChanges.size() + " change(s) of the sandbox's configuration"
          + (plan.testSelection() == null ? "" : "; tests to run: " + plan.testSelection()));
      // Tests are mapped by their compiled classes: without them every flagged commit would look untested.
      boolean javaChanged = plan.flagged().stream().flatMap(flagged -> flagged.commit().changes().stream())
          .anyMatch(change -> !change.deleted() && layout.isJavaSource(change.path()));
      if (javaChanged && !Files.isDirectory(layout.testClasses())) {
        throw new MojoExecutionException("the flagged commits changed Java sources, but " + layout.testClasses()
            + " does not exist; compile the tests first: mvn test-compile sandbox:scan");
      }
      report = ScanExecution.run(plan, new SandboxRuns(policy, baseDir, layout), configChanges);
      ScanArtifacts.write(report, layout, reportDirectory(baseDir));
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException(e.getMessage());
    } catch (IOException e) {
      throw new MojoExecutionException("sandbox:scan: " + e.getMessage(), e);
    }
    showTable(report, reportDirectory(baseDir));
    judge(report, policy);
  }

  /**
   * The scan of an untrusted tree, Maven started outside it: its history read with JGit, its configuration from the
   * pipeline or a trusted commit, the flagged commits' tests run by a build of the tree inside the sandbox, and
   * every commit that changes the sandbox's configuration or the build's entry points reported.
   */
  private void scanFromOutside() throws MojoExecutionException, MojoFailureException {
    UntrustedTree tree = untrustedTree(PayloadKind.SCAN);
    SandboxPolicy policy = trustedPolicy(tree);
    CommitRange range;
    AiCommitRules aiCommitRules;
    try {
      range = CommitRange.parse(commits);
      aiCommitRules = aiCommitRules(policy.scan());
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException(e.getMessage());
    }
    ScanReport report;
    ProjectLayout layout;
    try (GitHistory history = GitHistory.open(tree.projectDir())) {
      layout = ProjectLayout.ofSources(history.workTree(), tree.projectDir(), modules(tree.projectDir()),
          scriptFolders(policy.scan()));
      List<dev.sandboxplugin.scan.ScannedCommit> scanned = history.commits(range);
      ScanPlan plan = ScanPlan.of(range, scanned, aiCommitRules, layout);
      List<ScanReport.ConfigChange> configChanges = history.configChanges(scanned,
          seccompProfiles(policy, history.workTree()));
      getLog().info("Sandbox scan of " + range + ": " + plan.scanned() + " commit(s), " + plan.flagged().size()
          + " flagged as AI-written, " + configChanges.size() + " change(s) of the sandbox's configuration"
          + (plan.testSelection() == null ? "" : "; tests to run: " + plan.testSelection()));
      report = ScanExecution.run(plan, new BuildRuns(tree, policy, layout), configChanges);
      ScanArtifacts.write(report, layout, tree.reportDir());
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException(e.getMessage());
    } catch (IOException e) {
      throw new MojoExecutionException("sandbox:scan: " + e.getMessage(), e);
    }
    showTable(report, tree.reportDir());
    judge(report, policy);
  }

  // Every folder of the tree with a pom.xml, found without following links: where its sources are.
  private static List<String> modules(Path projectDir) throws IOException {
    List<String> modules = new ArrayList<>();
    for (dev.sandboxplugin.files.SafeTree.TreeFile file : dev.sandboxplugin.files.SafeTree.walk(projectDir,
        folder -> folder.endsWith("target") || folder.equals(".git") || folder.contains("/.git")).files()) {
      String path = file.relativePath();
      if (path.equals("pom.xml")) {
        modules.add("");
      } else if (path.endsWith("/pom.xml")) {
        modules.add(path.substring(0, path.length() - "/pom.xml".length()));
      }
    }
    return modules;
  }

  // A profile file the policy names is configuration too; repository-relative.
  private static java.util.Set<String> seccompProfiles(SandboxPolicy policy, Path workTree) {
    Path profile = Path.of(policy.seccompProfile().name());
    if (profile.isAbsolute() && profile.normalize().startsWith(workTree)) {
      return java.util.Set.of(workTree.relativize(profile.normalize()).toString().replace('\\', '/'));
    }
    return java.util.Set.of();
  }

  /** The scan's runs from outside: the tests by a build of the tree inside the sandbox, scripts as script payloads. */
  private final class BuildRuns implements ScanExecution.Runs {

    private final UntrustedTree tree;
    private final SandboxPolicy policy;
    private final ProjectLayout layout;

    BuildRuns(UntrustedTree tree, SandboxPolicy policy, ProjectLayout layout) {
      this.tree = tree;
      this.policy = policy;
      this.layout = layout;
    }

    @Override
    public SandboxResult tests(String selection) {
      // As Surefire on a reactor: modules without the named tests are not failures.
      return tree.sandbox().build(buildRequest(tree, policy, List.of("test"),
          List.of("-Dtest=" + selection, "-Dsurefire.failIfNoSpecifiedTests=false")));
    }

    @Override
    public Optional<SandboxResult> build() {
      // Up to the test phase, as for the tests, so what the changed build binds there runs too.
      return Optional.of(tree.sandbox().build(buildRequest(tree, policy, List.of("test"), List.of("-DskipTests"))));
    }

    @Override
    public Optional<SandboxResult> script(String repositoryPath) {
      return scanScript(repositoryPath, layout.workTree(), policy, tree.projectDir(), tree.reportDir(), tree.sandbox(),
          spec -> tree.sandbox().run(spec));
    }
  }

  // A changed script, in a sandbox of its own, its report under scan-scripts/.
  private Optional<SandboxResult> scanScript(String repositoryPath, Path workTree, SandboxPolicy policy, Path baseDir,
      Path reportRoot, dev.sandboxplugin.Sandbox sandbox, java.util.function.Function<SandboxSpec, SandboxResult> runs) {
    Path reportDir = reportRoot.resolve("scan-scripts").resolve(repositoryPath.replaceAll("[^A-Za-z0-9._-]", "_"));
    Optional<Payload> payload;
    try {
      payload = SCRIPTS.forScript(workTree.resolve(repositoryPath));
    } catch (dev.sandboxplugin.payload.LinkedFileException linked) {
      return Optional.of(linkedScript(sandbox, repositoryPath, policy, reportDir));
    }
    if (payload.isEmpty()) {
      getLog().info("Not run: " + repositoryPath + " (no sandbox payload for this kind of script)");
      return Optional.empty();
    }
    SandboxSpec spec = spec(payload.get(), policy, baseDir);
    return Optional.of(runs.apply(new SandboxSpec(spec.payload(), spec.policy(), spec.baseImage(), spec.cacheDir(),
        reportDir, spec.hostEnvironment(), spec.sourceRoot())));
  }

  // Never read, never run, never printed: a committed link to a host file.
  private static SandboxResult linkedScript(dev.sandboxplugin.Sandbox sandbox, String repositoryPath,
      SandboxPolicy policy, Path reportDir) {
    return sandbox.refuse(PayloadKind.SCRIPT, repositoryPath, policy, reportDir,
        dev.sandboxplugin.verdict.Verdict.VIOLATION, "the script is a link; it was not run",
        List.of(new dev.sandboxplugin.verdict.Violation(ViolationKind.LINK, repositoryPath + " in the project is a"
            + " link; a script runs as the file it is, never through a link", Evidence.HOST)));
  }

  // Each bad rule is named by where it was written: <aiRules> in the POM or sandbox.scan.rules.
  // The POM's folders, else the policy file's, else scripts and tools.
  private List<String> scriptFolders(ScanSettings fromFile) {
    if (scriptFolders != null) {
      return Arrays.asList(scriptFolders.split(","));
    }
    return fromFile.scriptFolders() != null ? fromFile.scriptFolders() : DEFAULT_SCRIPT_FOLDERS;
  }

  // The policy file's rules first, then the POM's, then the command line's: a later rule of the same name wins.
  private AiCommitRules aiCommitRules(ScanSettings fromFile) {
    List<AiCommitRule> extra = new ArrayList<>(fromFile.rules());
    if (aiRules != null) {
      for (AiRule rule : aiRules) {
        try {
          extra.add(AiCommitRule.of(rule.name, rule.field, rule.pattern));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("<aiRules>: " + e.getMessage(), e);
        }
      }
    }
    if (rules != null) {
      for (String rule : rules.split(";")) {
        if (!rule.isBlank()) {
          try {
            extra.add(AiCommitRule.parse(rule.trim()));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PropertyNames.SCAN_RULES + ": " + e.getMessage(), e);
          }
        }
      }
    }
    return AiCommitRules.withDefaults(extra, defaultRules && fromFile.defaultRules());
  }

  private void showTable(ScanReport report, Path reportDir) {
    getLog().info("");
    ScanTable.lines(report).forEach(getLog()::info);
    getLog().info("");
    for (ScanReport.CommitResult commit : report.commits()) {
      // Notes name the commit's files, whose names are the commit's to choose: escaped like payload output.
      commit.notes().forEach(note -> getLog().info("  " + commit.shortId() + ": " + SafeText.forLog(note)));
    }
    for (ScanReport.ConfigChange change : report.configChanges()) {
      getLog().warn("  " + ViolationKind.CONFIG_CHANGE + " " + change.shortId() + " " + SafeText.forLog(change.path())
          + ":" + change.line() + ": " + change.what() + " (by " + SafeText.forLog(change.author()) + ")");
    }
    String line = "SANDBOX SCAN " + report.verdict() + ": " + report.reason() + ". Report: "
        + reportDir.resolve(ScanArtifacts.JSON_FILE);
    if (report.verdict().passed()) {
      getLog().info(line);
    } else {
      getLog().warn(line);
    }
  }

  // As AbstractSandboxMojo#judge, for the scan's worst verdict.
  private void judge(ScanReport report, SandboxPolicy policy) throws MojoExecutionException, MojoFailureException {
    String summary = "Sandbox scan verdict " + report.verdict() + ": " + report.reason();
    judge(report.verdict(), summary, summary, policy);
  }


  private static List<Path> paths(List<String> roots) {
    return roots.stream().map(Path::of).toList();
  }

  /** The sandbox runs of a scan: the tests with the report folder of {@code sandbox:test}, scripts each in their own. */
  private final class SandboxRuns implements ScanExecution.Runs {

    private final SandboxPolicy policy;
    private final Path baseDir;
    private final ProjectLayout layout;

    SandboxRuns(SandboxPolicy policy, Path baseDir, ProjectLayout layout) {
      this.policy = policy;
      this.baseDir = baseDir;
      this.layout = layout;
    }

    @Override
    public SandboxResult tests(String selection) {
      Path cache = cacheDir();
      TestPayload payload = new TestPayload(layout.testClasses(), TestClasspath.of(project, session, repositories),
          selection, RunnerJar.in(cache));
      return runOrFail(spec(payload, policy, baseDir));
    }

    @Override
    public Optional<SandboxResult> script(String repositoryPath) {
      return scanScript(repositoryPath, layout.workTree(), policy, baseDir, reportDirectory(baseDir),
          sandbox(), this::runOrFail);
    }

    private SandboxResult runOrFail(SandboxSpec spec) {
      try {
        return run(spec);
      } catch (MojoExecutionException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
  }
}
