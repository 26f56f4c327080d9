package dev.sandboxplugin.build;

import dev.sandboxplugin.engine.DockerEngine;
import dev.sandboxplugin.files.SafeTree;
import dev.sandboxplugin.image.BaseImage;
import dev.sandboxplugin.image.PayloadImage;
import dev.sandboxplugin.image.PayloadImageBuilder;
import dev.sandboxplugin.judge.VerdictJudge;
import dev.sandboxplugin.network.NetworkWitnessLog;
import dev.sandboxplugin.network.PayloadNetwork;
import dev.sandboxplugin.network.PendingNetwork;
import dev.sandboxplugin.network.ProxyLog;
import dev.sandboxplugin.payload.PayloadKind;
import dev.sandboxplugin.policy.NetworkPolicy;
import dev.sandboxplugin.policy.PolicyDescription;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.progress.SandboxListener;
import dev.sandboxplugin.report.RunReport;
import dev.sandboxplugin.run.ContainerRunner;
import dev.sandboxplugin.run.ReportArchive;
import dev.sandboxplugin.run.ReportPickup;
import dev.sandboxplugin.run.RunAttachment;
import dev.sandboxplugin.run.RunOutcome;
import dev.sandboxplugin.testing.TestReports;
import dev.sandboxplugin.testing.TestRun;
import dev.sandboxplugin.verdict.Judgement;
import dev.sandboxplugin.verdict.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code sandbox:build}: a project's own Maven build, run inside the sandbox, so that nothing of the tree (its
 * {@code .mvn/}, plugins, extensions, annotation processors, tests) runs on the host. In steps:
 * <ol>
 *   <li>the tree is read as data ({@link SafeTree}: no link out of it is followed);</li>
 *   <li>the resolve step, unless an earlier one fetched for the same inputs: Maven inside reads the project and asks
 *       the host for each file it will need through the artifact channel ({@link RepositoryGateway}); the host
 *       fetches it from the repositories it trusts; no network inside, no credentials inside;</li>
 *   <li>the build: Maven inside runs the goals offline on those files (an image layer), every JVM with the
 *       attribution agent; the Surefire and Failsafe reports are handed over;</li>
 *   <li>if the build says what it lacked offline, that is fetched and the build runs once more;</li>
 *   <li>the verdict, from the engine's facts, the agent's records, the reports and Maven's exit.</li>
 * </ol>
 */
public final class ProjectBuild {

  /** The agent of every JVM of the build (Maven's, Surefire's forks): records, with the test when there is one. */
  static final String AGENT_OPTIONS = "-javaagent:" + BuildTools.AGENT + "=build";
  private static final int MAX_ROUNDS = 3;
  private static final int WORK_INODES = 1_000_000;

  private final Supplier<DockerEngine> engine;
  private final SandboxListener listener;
  private long resolveNanos;
  private int resolveRounds;
  private long imageNanos;

  /** @param engine the engine, asked for only once the tree is read (it may still be connecting until then) */
  public ProjectBuild(Supplier<DockerEngine> engine, SandboxListener listener) {
    this.engine = engine;
    this.listener = listener;
  }

  public RunReport run(BuildRequest request, Instant startedAt) {
    Map<String, Object> policy = PolicyDescription.of(request.policy());
    SafeTree.Listing tree = readTree(request.projectDir(), hostFolders(request));
    List<Violation> hostSide = new ArrayList<>(LinkRefusals.violations(tree));
    hostSide.addAll(SystemScopePaths.outside(tree));
    LinkRefusals.notes(tree).forEach(note -> listener.info("Sandbox: " + note));
    String key = BuildInputs.key(request, tree);
    ResolutionRecord record = ResolutionRecord.load(request.cacheDir(), key).orElse(null);
    if (record != null) {
      listener.info("Sandbox: dependencies as before (" + record.files().size()
          + " files of the host's repository); no resolve step");
    } else {
      record = resolve(request, tree, key, ResolutionRecord.learned(request.cacheDir()), Map.of());
    }
    StepRun build = buildStep(request, tree, record);
    for (int round = 1; round < MAX_ROUNDS; round++) {
      Set<String> missed = OfflineMisses.in(build.outcome().allLines());
      if (missed.isEmpty() || record.extraArtifacts().containsAll(missed)) {
        break;
      }
      listener.info("Sandbox: the offline build lacked " + missed.size() + " artifact(s) a plugin resolves as it"
          + " runs (" + String.join(", ", missed) + "); fetching them and building again");
      ResolutionRecord.learn(request.cacheDir(), missed);
      Set<String> extra = new LinkedHashSet<>(record.extraArtifacts());
      extra.addAll(missed);
      // Only what is new goes through the channel: the files fetched so far are in the image already.
      record = resolve(request, tree, key, extra, record.files());
      build = buildStep(request, tree, record);
    }
    return judge(request, build, hostSide, startedAt, policy, record);
  }

  // GitLab caches only folders of the checkout, so the host's local repository and the sandbox's cache may sit in
  // it: they are the host's, not the tree's, and never go into the sandbox (as "a/b", relative to the project).
  static Set<String> hostFolders(BuildRequest request) {
    Set<String> folders = new HashSet<>();
    List<Path> candidates = new ArrayList<>(List.of(request.cacheDir()));
    request.artifacts().localRepository().ifPresent(candidates::add);
    Path project;
    try {
      project = request.projectDir().toRealPath();
    } catch (IOException unreadable) {
      return folders; // A project that cannot be read fails in the walk, with its own message.
    }
    for (Path candidate : candidates) {
      try {
        Path folder = candidate.toAbsolutePath().normalize();
        folder = Files.exists(folder) ? folder.toRealPath() : folder;
        if (folder.startsWith(project) && !folder.equals(project)) {
          folders.add(project.relativize(folder).toString().replace('\\', '/'));
        }
      } catch (IOException unreadable) {
        // A folder that exists but cannot be resolved is not inside the tree's listing either.
      }
    }
    return folders;
  }

  private static SafeTree.Listing readTree(Path projectDir, Set<String> hostFolders) {
    if (!Files.isDirectory(projectDir)) {
      throw new IllegalArgumentException("sandbox.project = " + projectDir + " is not a folder");
    }
    if (!Files.isRegularFile(projectDir.resolve("pom.xml"))) {
      throw new IllegalArgumentException("sandbox.project = " + projectDir + " has no pom.xml");
    }
    try {
      // A module's target/ is what the build makes: left out, as a clean checkout has none.
      return SafeTree.walk(projectDir, folder -> {
        int slash = folder.lastIndexOf('/');
        String name = folder.substring(slash + 1);
        Path parent = slash < 0 ? projectDir : projectDir.resolve(folder.substring(0, slash));
        return hostFolders.contains(folder) || name.equals("target") && Files.isRegularFile(parent.resolve("pom.xml"),
            java.nio.file.LinkOption.NOFOLLOW_LINKS);
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the project at " + projectDir, e);
    }
  }

  /**
   * The resolve step; its files, with those of {@code seed}, become the record for {@code key}.
   *
   * @param seed files the step starts with (already in the image): only what is not among them is asked for
   */
  private ResolutionRecord resolve(BuildRequest request, SafeTree.Listing tree, String key, Set<String> extra,
      Map<String, Path> seed) {
    List<String> arguments = new ArrayList<>(request.mavenArguments());
    arguments.add("-D" + "sandbox.resolve.goals=" + String.join(",", request.goals()));
    if (!extra.isEmpty()) {
      arguments.add("-D" + "sandbox.resolve.artifacts=" + String.join(",", extra));
    }
    arguments.add("validate"); // never reached: the resolve step ends Maven once the projects are read
    BuildPayload payload = new BuildPayload(BuildPayload.Step.RESOLVE, request.projectDir(), arguments, seed,
        request.cacheDir());
    PayloadImage image = image(request, payload);
    resolveRounds++;
    RepositoryGateway gateway = new RepositoryGateway(request.artifacts());
    ProjectUpload upload = new ProjectUpload(tree, request.workBytes(), WORK_INODES);
    listener.info("Sandbox: resolve step: Maven inside asks the host for what " + String.join(" ", request.goals())
        + " needs; the host fetches it from " + request.artifacts().describe());
    long started = System.nanoTime();
    RunOutcome outcome = new ContainerRunner(engine.get(), new QuietOutput(listener)).run(image.reference(),
        payload.command(), environment(request, false), PayloadImage.USER,
        resolvePolicy(request.policy()), "none", List.of(upload, gateway), null);
    resolveNanos += System.nanoTime() - started;
    boolean done = outcome.allLines().stream().anyMatch(line -> line.startsWith("[sandbox-resolve] done"));
    listener.info("Sandbox: resolve step " + (done ? "done" : "ended (exit " + outcome.exitCode() + ")") + " in "
        + (System.nanoTime() - started) / 1_000_000 + " ms: " + gateway.served().size() + " file(s) served, "
        + gateway.missing() + " not in the trusted repositories" + (gateway.refused().isEmpty() ? ""
            : ", " + gateway.refused().size() + " request(s) refused"));
    // What could not be fetched is said: the offline build will fail on it, and this says why.
    outcome.allLines().stream().distinct().filter(line -> line.startsWith("[sandbox-resolve] could not")
            || (!done && (line.startsWith("[ERROR]") || line.startsWith("Exception") || line.contains("sandbox"))))
        .limit(20).forEach(line -> listener.warn("  " + line));
    if (upload.failure() != null) {
      listener.warn("Sandbox: the project could not be put into the sandbox: " + upload.failure());
    }
    Map<String, Path> files = new TreeMap<>(seed);
    files.putAll(gateway.served());
    ResolutionRecord record = new ResolutionRecord(files, extra);
    if (done) {
      try {
        record.save(request.cacheDir(), key);
      } catch (IOException e) {
        listener.warn("Sandbox: cannot keep the resolution under " + request.cacheDir() + " (" + e.getMessage()
            + "); the next build resolves again");
      }
    }
    return record;
  }

  /** A build step's outcome with what its network saw. */
  private record StepRun(BuildPayload payload, RunOutcome outcome, ProxyLog proxyLog, String witness,
      NetworkWitnessLog witnessed, PayloadImage image, ProjectUpload upload) {}

  private StepRun buildStep(BuildRequest request, SafeTree.Listing tree, ResolutionRecord record) {
    List<String> arguments = new ArrayList<>();
    arguments.add("-o");
    arguments.addAll(request.mavenArguments());
    arguments.addAll(request.goals());
    BuildPayload payload = new BuildPayload(BuildPayload.Step.BUILD, request.projectDir(), arguments,
        record.files(), request.cacheDir());
    // The witness or proxy starts while the image is found or built: neither needs the other.
    try (PendingNetwork pending = PendingNetwork.open(engine.get(), request.policy(), request.cacheDir(), listener)) {
      PayloadImage image = image(request, payload);
      ProjectUpload upload = new ProjectUpload(tree, request.workBytes(), WORK_INODES);
      ReportPickup reports = new ReportPickup(BuildPayload.REPORTS_PATH, ReportArchive.Limits.BUILD);
      PayloadNetwork network = pending.get();
      listener.info("Sandbox: building inside: mvn " + String.join(" ", arguments));
      Map<String, String> environment = new TreeMap<>(environment(request, true));
      network.environment().forEach((name, value) -> environment.merge(name, value,
          (ours, proxy) -> name.equals("JAVA_TOOL_OPTIONS") ? ours + " " + proxy : proxy));
      RunOutcome outcome = new ContainerRunner(engine.get(), listener).run(image.reference(), payload.command(),
          environment, PayloadImage.USER, request.policy(), network.networkMode(),
          List.<RunAttachment>of(upload, reports), reports);
      return new StepRun(payload, outcome, network.log(), network.witness(), network.witnessed(), image, upload);
    }
  }

  private PayloadImage image(BuildRequest request, BuildPayload payload) {
    long started = System.nanoTime();
    PayloadImage image = new PayloadImageBuilder(engine.get(), request.cacheDir(), listener::info)
        .build(BaseImage.offlineBuild(request.mavenHome()), payload);
    imageNanos += System.nanoTime() - started;
    listener.info("Sandbox: image (our tools, " + payload.repositoryFiles() + " file(s) of the repository) "
        + (image.reused() ? "unchanged" : "built") + " in " + image.buildTime().toMillis() + " ms");
    return image;
  }

  // The resolve step runs no code of the project's but its extensions: no network, whatever the build may have.
  private static SandboxPolicy resolvePolicy(SandboxPolicy policy) {
    return policy.toBuilder().network(NetworkPolicy.none()).build();
  }

  private static Map<String, String> environment(BuildRequest request, boolean build) {
    Map<String, String> environment = new TreeMap<>(request.policy().allowedEnvironment(request.hostEnvironment()));
    environment.put("MAVEN_OPTS", "-Dstyle.color=never");
    if (build) {
      environment.merge("JAVA_TOOL_OPTIONS", AGENT_OPTIONS, (host, ours) -> ours + " " + host);
    }
    return environment;
  }

  private RunReport judge(BuildRequest request, StepRun build, List<Violation> hostSide, Instant startedAt,
      Map<String, Object> policy, ResolutionRecord record) {
    RunOutcome outcome = build.outcome();
    List<Violation> observed = new ArrayList<>(hostSide);
    observed.addAll(build.proxyLog().violations());
    observed.addAll(build.witnessed().violations());
    Judgement engineJudgement = VerdictJudge.judge(outcome, request.policy(), false, observed, true);
    TestRun tests;
    try {
      tests = TestReports.write(outcome.collected(), request.testReportsDir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the test reports under " + request.testReportsDir(), e);
    }
    Judgement judgement = BuildVerdict.judge(engineJudgement, tests, outcome, build.upload().failure());
    RunReport.BuildSteps steps = new RunReport.BuildSteps(resolveNanos / 1_000_000, resolveRounds,
        record.files().size(), imageNanos / 1_000_000, outcome.duration().toMillis());
    listener.info("Sandbox: resolve " + steps.resolveMs() + " ms (" + steps.resolveRounds() + " step(s), "
        + steps.repositoryFiles() + " files), images " + steps.imageMs() + " ms, build " + steps.buildMs() + " ms");
    return RunReport.builder(judgement.verdict(), judgement.reason())
        .buildSteps(steps)
        .startedAt(startedAt.toString())
        .payload(new RunReport.Payload(PayloadKind.BUILD, request.describe(), build.payload().command()))
        .exit(outcome.exitCode(), outcome.duration().toMillis())
        .image(build.image().imageId(), new RunReport.Image(build.image().reference(), "offline-build",
            build.image().reused(), build.image().buildTime().toMillis()))
        .policy(policy)
        .hardening(outcome.hardening())
        .violations(judgement.violations())
        .output(RunReport.Output.of(outcome))
        .engine(engine.get().host())
        .tests(RunReport.Tests.of(tests, request.testReportsDir()))
        .notices(build.witnessed().noticesBeyond(tests.notices()))
        .network(new RunReport.Network(request.policy().network().mode().label(),
            request.policy().network().allow().stream().map(Object::toString).toList(),
            request.policy().network().proxyNetwork(), build.proxyLog().allowed(), build.proxyLog().denied(),
            build.proxyLog().requests(), build.proxyLog().truncated(), Map.of(), build.witness(),
            build.witnessed().gaps()))
        .build();
  }

  /** The resolve step's own output is not the build's: only our lines about it are shown. */
  private static final class QuietOutput implements SandboxListener {
    private final SandboxListener listener;

    QuietOutput(SandboxListener listener) {
      this.listener = listener;
    }

    @Override
    public void info(String message) {
      listener.info(message);
    }

    @Override
    public void warn(String message) {
      listener.warn(message);
    }

    @Override
    public void output(Stream stream, String line) {
      // Kept in the outcome for the step's own judgement; shown only when asked for.
      if (Boolean.getBoolean("sandbox.showResolve")) {
        listener.output(stream, line);
      }
    }
  }
}
