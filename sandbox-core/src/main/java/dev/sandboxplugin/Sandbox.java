package dev.sandboxplugin;

import dev.sandboxplugin.build.BuildRequest;
import dev.sandboxplugin.build.ProjectBuild;
import dev.sandboxplugin.engine.DockerEngine;
import dev.sandboxplugin.engine.PendingEngine;
import dev.sandboxplugin.image.PayloadImage;
import dev.sandboxplugin.image.PayloadImageBuilder;
import dev.sandboxplugin.judge.VerdictJudge;
import dev.sandboxplugin.network.NetworkWitnessLog;
import dev.sandboxplugin.network.PayloadNetwork;
import dev.sandboxplugin.network.PendingNetwork;
import dev.sandboxplugin.network.ProxyLog;
import dev.sandboxplugin.payload.PayloadKind;
import dev.sandboxplugin.payload.SourceFilePayload;
import dev.sandboxplugin.payload.TestPayload;
import dev.sandboxplugin.policy.PolicyDescription;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.progress.SandboxListener;
import dev.sandboxplugin.report.CodeQualityWriter;
import dev.sandboxplugin.report.ConsoleSummary;
import dev.sandboxplugin.report.MarkdownSummary;
import dev.sandboxplugin.report.ReportWriter;
import dev.sandboxplugin.report.RunReport;
import dev.sandboxplugin.report.SarifWriter;
import dev.sandboxplugin.report.SourceLocation;
import dev.sandboxplugin.run.ContainerRunner;
import dev.sandboxplugin.run.Hardening;
import dev.sandboxplugin.run.ReportPickup;
import dev.sandboxplugin.run.RunAttachment;
import dev.sandboxplugin.run.RunOutcome;
import dev.sandboxplugin.testing.LiveRecords;
import dev.sandboxplugin.testing.TestReports;
import dev.sandboxplugin.testing.TestResultsLog;
import dev.sandboxplugin.testing.TestRun;
import dev.sandboxplugin.testing.TestVerdict;
import dev.sandboxplugin.verdict.Judgement;
import dev.sandboxplugin.verdict.Verdict;
import dev.sandboxplugin.verdict.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Runs a payload in a hardened container and reports the verdict, in named steps: package the image, run the
 * container (in the network the policy asks for), judge what happened, write the reports. {@link #build} runs a
 * project's whole Maven build inside the same way. The one entry point of the core; the Maven plugin only builds a
 * {@link SandboxSpec} or {@link BuildRequest} and reads the {@link SandboxResult}.
 */
public final class Sandbox {

  private final Supplier<DockerEngine> engines;
  private final SandboxListener listener;

  /** A sandbox on the engine {@code DOCKER_HOST} names, else the local socket. */
  public Sandbox(SandboxListener listener) {
    this(DockerEngine::connect, listener);
  }

  /** @param engines connects to the engine each run uses (a run closes what it got) */
  public Sandbox(Supplier<DockerEngine> engines, SandboxListener listener) {
    this.engines = engines;
    this.listener = listener;
  }

  /** As {@link #run(SandboxSpec)} on a new sandbox of the default engine. */
  public static SandboxResult run(SandboxSpec spec, SandboxListener listener) {
    return new Sandbox(listener).run(spec);
  }

  /**
   * Runs {@code spec}. Failures on our side (engine, image) do not throw: they give verdict {@link Verdict#ERROR}
   * with the reason, and the report is written all the same.
   */
  public SandboxResult run(SandboxSpec spec) {
    Instant startedAt = Instant.now();
    RunReport.Payload payload = new RunReport.Payload(spec.payload().kind(), spec.payload().description(),
        spec.payload().command());
    Map<String, Object> policy = PolicyDescription.of(spec.policy());
    RunReport report;
    PayloadImage image = null;
    try (DockerEngine engine = engines.get();
        // The witness or proxy starts while the image is found or built: neither needs the other.
        PendingNetwork network = PendingNetwork.open(engine, spec.policy(), spec.cacheDir(), listener)) {
      image = packageImage(engine, spec, policy);
      ContainerResult result = runContainer(engine, spec, image, network.get());
      report = judge(spec, image, result, engine.host())
          .startedAt(startedAt.toString()).payload(payload).policy(policy).build();
    } catch (RuntimeException e) {
      String reason = OurSideFailure.reasonFor(e).orElseThrow(() -> e);
      // A proxy that would not start fails after the image exists: the report names it, as a run's report does.
      report = RunReport.builder(Verdict.ERROR, reason).startedAt(startedAt.toString()).payload(payload)
          .policy(policy).image(image == null || !(e instanceof dev.sandboxplugin.network.EgressProxyException)
              ? null : image.imageId(), null).build();
    }
    return writeReports(report, spec.reportDir(), spec.sourceRoot(), fallbackLocation(spec));
  }

  /**
   * Runs a project's Maven build inside the sandbox ({@code sandbox:build}): its dependencies fetched by a
   * resolve step through the host's trusted repositories, then the build offline, with the tests' reports and
   * every breach attempt handed over. Failures on our side give verdict {@link Verdict#ERROR}.
   */
  public SandboxResult build(BuildRequest request) {
    Instant startedAt = Instant.now();
    RunReport report;
    // The engine connects while the tree is read and fingerprinted: neither needs the other.
    try (PendingEngine engine = PendingEngine.connect(engines)) {
      report = new ProjectBuild(engine::get, listener).run(request, startedAt);
    } catch (RuntimeException e) {
      String reason = OurSideFailure.reasonFor(e).orElseThrow(() -> e);
      report = RunReport.builder(Verdict.ERROR, reason).startedAt(startedAt.toString())
          .payload(new RunReport.Payload(PayloadKind.BUILD, request.describe(), List.of()))
          .policy(PolicyDescription.of(request.policy())).build();
    }
    return writeReports(report, request.reportDir(), request.sourceRoot(),
        new SourceLocation(relativePom(request), null));
  }

  /**
   * Writes the report of a run refused before anything ran (verdict {@link Verdict#ERROR}, {@code reason}), as a
   * run's report is written, so CI reads a verdict either way.
   */
  public SandboxResult refuse(PayloadKind kind, String description, SandboxPolicy policy, Path reportDir,
      String reason) {
    return refuse(kind, description, policy, reportDir, Verdict.ERROR, reason, List.of());
  }

  /**
   * As {@link #refuse(PayloadKind, String, SandboxPolicy, Path, String)}, for a refusal that is the payload's
   * breach.
   */
  public SandboxResult refuse(PayloadKind kind, String description, SandboxPolicy policy, Path reportDir,
      Verdict verdict, String reason, List<Violation> violations) {
    RunReport report = RunReport.builder(verdict, reason).startedAt(Instant.now().toString())
        .payload(new RunReport.Payload(kind, description, List.of()))
        .policy(policy == null ? null : PolicyDescription.of(policy)).violations(violations).build();
    return writeReports(report, reportDir, null, null);
  }

  /** Step 1: find or build the payload's image. */
  private PayloadImage packageImage(DockerEngine engine, SandboxSpec spec, Map<String, Object> policy) {
    listener.info("Sandbox: packaging " + spec.payload().description() + " on base " + spec.baseImage().describe());
    PayloadImage image = new PayloadImageBuilder(engine, spec.cacheDir(), listener::info)
        .build(spec.baseImage(), spec.payload());
    listener.info("Sandbox: image " + image.imageId() + (image.reused() ? " unchanged" : " built")
        + " in " + image.buildTime().toMillis() + " ms; running with " + PolicyDescription.runningWith(policy));
    return image;
  }

  /** What step 2 gives: the container's outcome, and the proxy's log when there was one. */
  private record ContainerResult(RunOutcome outcome, ProxyLog proxyLog, Map<String, Hardening> proxyHardening,
      LiveRecords live, String witness, NetworkWitnessLog witnessed) {}

  /** Step 2: run the payload's container in the network the policy asks for, opened beside step 1. */
  private ContainerResult runContainer(DockerEngine engine, SandboxSpec spec, PayloadImage image,
      PayloadNetwork network) {
    ReportPickup reports = spec.payload().reportsPath().map(ReportPickup::new).orElse(null);
    // A test run's results and attempts also leave as they happen, past what the tests can erase.
    LiveRecords live = spec.payload() instanceof TestPayload ? new LiveRecords() : null;
    List<RunAttachment> attachments = new ArrayList<>();
    if (reports != null) {
      attachments.add(reports);
    }
    if (live != null) {
      attachments.add(live);
    }
    RunOutcome outcome = new ContainerRunner(engine, listener).run(image.reference(), spec.payload().command(),
        withProxyEnvironment(spec.policy().allowedEnvironment(spec.hostEnvironment()), network), PayloadImage.USER,
        spec.policy(), network.networkMode(), attachments, reports);
    return new ContainerResult(outcome, network.log(), network.hardening(), live, network.witness(),
        network.witnessed());
  }

  /** Step 3: the verdict and the report's run fields. */
  private RunReport.Builder judge(SandboxSpec spec, PayloadImage image, ContainerResult result, String engineHost) {
    RunOutcome outcome = result.outcome();
    List<Violation> observed = new ArrayList<>(result.proxyLog().violations());
    observed.addAll(result.witnessed().violations());
    Judgement judgement = VerdictJudge.judge(outcome, spec.policy(), spec.payload().runsOnJvm(), observed,
        spec.payload() instanceof TestPayload);
    RunReport.Tests tests = null;
    List<Violation> notices = List.of();
    if (spec.payload() instanceof TestPayload testPayload) {
      Path testReports = testReportsDir(spec.reportDir());
      TestRun run = writeTestReports(outcome, testReports, result.live());
      judgement = TestVerdict.judge(judgement, run, outcome.exitCode(), testPayload.selection(),
          testPayload.failIfNoneSelected());
      tests = RunReport.Tests.of(run, testReports);
      notices = run.notices();
      TestResultsLog.show(run, listener);
    }
    return RunReport.builder(judgement.verdict(), judgement.reason())
        .exit(outcome.exitCode(), outcome.duration().toMillis())
        .image(image.imageId(), new RunReport.Image(image.reference(), spec.baseImage().describe(), image.reused(),
            image.buildTime().toMillis()))
        .hardening(outcome.hardening())
        .violations(judgement.violations())
        .output(RunReport.Output.of(outcome))
        .engine(engineHost)
        .network(networkReport(spec.policy(), result.proxyLog(), result.proxyHardening(), result.witness(),
            result.witnessed()))
        .tests(tests)
        .notices(result.witnessed().noticesBeyond(notices));
  }

  /** Step 4: the reports, SARIF and Markdown first: report.json appearing is what tools wait for. */
  private SandboxResult writeReports(RunReport report, Path reportDir, Path sourceRoot, SourceLocation fallback) {
    try {
      SarifWriter.write(report, reportDir, sourceRoot, sourceRoot == null ? null : fallback);
      CodeQualityWriter.write(report, reportDir, sourceRoot, sourceRoot == null ? null : fallback);
      MarkdownSummary.write(report, reportDir);
      Path file = ReportWriter.write(report, reportDir);
      ConsoleSummary.lines(report, file.toString()).forEach(
          report.verdict().passed() ? listener::info : listener::warn);
      return new SandboxResult(report, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sandbox report under " + reportDir, e);
    }
  }

  /** Surefire's place for reports is target/surefire-reports; ours sits beside the report folder. */
  private static Path testReportsDir(Path reportDir) {
    return TestReports.besideReportDir(reportDir);
  }

  private static TestRun writeTestReports(RunOutcome outcome, Path testReports, LiveRecords live) {
    try {
      return TestReports.write(outcome.collected(), testReports, live);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the test reports under " + testReports, e);
    }
  }

  // Where a violation with no place of its own points in report.sarif: the source file that ran, else the POM of
  // the project (the report folder's project: <project>/target/sandbox by default).
  private static SourceLocation fallbackLocation(SandboxSpec spec) {
    if (spec.sourceRoot() == null) {
      return null;
    }
    Path root = spec.sourceRoot().toAbsolutePath().normalize();
    Path file = spec.payload() instanceof SourceFilePayload source ? source.sourceFile().toAbsolutePath().normalize()
        : projectPom(spec.reportDir().toAbsolutePath().normalize(), root);
    if (!file.startsWith(root) || !Files.isRegularFile(file)) {
      return null;
    }
    return new SourceLocation(root.relativize(file).toString().replace('\\', '/'), null);
  }

  private static String relativePom(BuildRequest request) {
    Path root = request.sourceRoot().toAbsolutePath().normalize();
    Path pom = request.projectDir().toAbsolutePath().normalize().resolve("pom.xml");
    return pom.startsWith(root) ? root.relativize(pom).toString().replace('\\', '/') : "pom.xml";
  }

  // The nearest pom.xml from the report folder up to the root: the module that ran, in a reactor.
  private static Path projectPom(Path reportDir, Path root) {
    for (Path dir = reportDir; dir != null && dir.startsWith(root); dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir.resolve("pom.xml");
      }
    }
    return root.resolve("pom.xml");
  }

  // The proxy's variables win over allowlisted host ones of the same name; JAVA_TOOL_OPTIONS is joined, not replaced.
  private static Map<String, String> withProxyEnvironment(Map<String, String> allowed, PayloadNetwork network) {
    Map<String, String> environment = new TreeMap<>(allowed);
    network.environment().forEach((name, value) -> environment.merge(name, value,
        (host, proxy) -> name.equals("JAVA_TOOL_OPTIONS") ? host + " " + proxy : proxy));
    return environment;
  }

  private static RunReport.Network networkReport(SandboxPolicy policy, ProxyLog log,
      Map<String, Hardening> proxyHardening, String witness, NetworkWitnessLog witnessed) {
    return new RunReport.Network(policy.network().mode().label(),
        policy.network().allow().stream().map(Object::toString).toList(), policy.network().proxyNetwork(),
        log.allowed(), log.denied(), log.requests(), log.truncated(), proxyHardening, witness, witnessed.gaps());
  }
}
