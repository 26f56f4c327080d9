package dev.sandboxplugin;

import com.github.dockerjava.api.exception.DockerException;
import dev.sandboxplugin.engine.DockerEngine;
import dev.sandboxplugin.engine.EngineLostException;
import dev.sandboxplugin.engine.EngineUnavailableException;
import dev.sandboxplugin.image.ImageBuildException;
import dev.sandboxplugin.image.PayloadImage;
import dev.sandboxplugin.image.PayloadImageBuilder;
import dev.sandboxplugin.payload.SourceFilePayload;
import dev.sandboxplugin.network.EgressProxyException;
import dev.sandboxplugin.network.PayloadNetwork;
import dev.sandboxplugin.network.ProxyLog;
import dev.sandboxplugin.policy.Durations;
import dev.sandboxplugin.policy.PolicyFingerprint;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.report.ConsoleSummary;
import dev.sandboxplugin.report.MarkdownSummary;
import dev.sandboxplugin.report.ReportWriter;
import dev.sandboxplugin.payload.TestPayload;
import dev.sandboxplugin.report.RunReport;
import dev.sandboxplugin.testing.TestReports;
import dev.sandboxplugin.testing.TestResultsLog;
import dev.sandboxplugin.testing.TestRun;
import dev.sandboxplugin.testing.TestVerdict;
import dev.sandboxplugin.report.SarifWriter;
import dev.sandboxplugin.report.SourceLocation;
import dev.sandboxplugin.run.ContainerRunner;
import dev.sandboxplugin.run.Hardening;
import dev.sandboxplugin.run.RunOutcome;
import dev.sandboxplugin.verdict.Judgement;
import dev.sandboxplugin.verdict.Verdict;
import dev.sandboxplugin.verdict.VerdictJudge;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a payload in a hardened container and reports the verdict: image, run, judgement, report. The one entry
 * point of the core; the Maven plugin only builds a {@link SandboxSpec} and reads the {@link SandboxResult}.
 */
public final class Sandbox {

  /** The payload runs as this uid:gid, which the offline base names in its passwd. */
  public static final String PAYLOAD_USER = "65532:65532";
  private static final int SCHEMA_VERSION = 1;

  private Sandbox() {}

  /**
   * Runs {@code spec}. Failures on our side (engine, image) do not throw: they give verdict {@link Verdict#ERROR}
   * with the reason, and the report is written all the same.
   */
  public static SandboxResult run(SandboxSpec spec, SandboxListener listener) {
    Instant startedAt = Instant.now();
    RunReport.Payload payload = new RunReport.Payload(spec.payload().kind(), spec.payload().description(),
        spec.payload().command());
    Map<String, Object> policy = describe(spec.policy());
    RunReport report;
    String builtImage = null;
    try (DockerEngine engine = DockerEngine.connect()) {
      listener.info("Sandbox: packaging " + spec.payload().description() + " on base " + spec.baseImage().describe());
      PayloadImage image = new PayloadImageBuilder(engine, spec.cacheDir(), listener::info).build(spec.baseImage(), spec.payload());
      builtImage = image.imageId();
      listener.info("Sandbox: image " + image.imageId() + (image.reused() ? " unchanged" : " built")
          + " in " + image.buildTime().toMillis() + " ms; running with " + policy);
      RunOutcome outcome;
      ProxyLog proxyLog;
      Map<String, Hardening> proxyHardening;
      try (PayloadNetwork network = PayloadNetwork.open(engine, spec.policy(), spec.cacheDir(), listener)) {
        outcome = new ContainerRunner(engine, listener).run(image.reference(), spec.payload().command(),
            withProxyEnvironment(allowedEnvironment(spec), network), PAYLOAD_USER, spec.policy(),
            network.networkMode(), spec.payload().reportsPath());
        proxyLog = network.log();
        proxyHardening = network.hardening();
      }
      Judgement judgement = VerdictJudge.judge(outcome, spec.policy(), spec.payload().runsOnJvm(),
          proxyLog.violations());
      RunReport.Tests tests = null;
      if (spec.payload() instanceof TestPayload testPayload) {
        Path testReports = testReportsDir(spec);
        TestRun run = writeTestReports(outcome, testReports);
        judgement = TestVerdict.judge(judgement, run, outcome.exitCode(), testPayload.selection());
        tests = new RunReport.Tests(run.run(), run.failures(), run.errors(), run.skipped(), testReports.toString(),
            run.failed(), run.attribution());
        TestResultsLog.show(run, listener);
      }
      report = new RunReport(SCHEMA_VERSION, judgement.verdict(), judgement.reason(), outcome.exitCode(),
          outcome.duration().toMillis(), startedAt.toString(), payload, image.imageId(),
          new RunReport.Image(image.reference(), spec.baseImage().describe(), image.reused(), image.buildTime().toMillis()),
          policy, outcome.hardening(), judgement.violations(),
          new RunReport.Output(outcome.shownLines().size(), outcome.droppedBytes(), outcome.droppedLines(),
              outcome.droppedBytes() > 0, outcome.droppedBytes() > 0 ? outcome.tailLines() : List.of()),
          engine.host(), networkReport(spec.policy(), proxyLog, proxyHardening), tests);
    } catch (EngineUnavailableException | ImageBuildException e) {
      report = errorReport(startedAt, payload, policy, e.getMessage());
    } catch (EgressProxyException e) {
      // The payload's image exists by then: the report names it, as the report of a run that ran does.
      report = new RunReport(SCHEMA_VERSION, Verdict.ERROR, e.getMessage(), null, 0, startedAt.toString(), payload,
          builtImage, null, policy, null, List.of(), null, null, null, null);
    } catch (DockerException e) {
      report = errorReport(startedAt, payload, policy, "the Docker engine refused or failed a request: "
          + e.getMessage() + "; is the engine healthy and does it have disk space?");
    } catch (EngineLostException e) {
      report = errorReport(startedAt, payload, policy, e.getMessage());
    } catch (RuntimeException e) {
      if (!EngineLostException.isConnectionFailure(e)) {
        throw e;
      }
      report = errorReport(startedAt, payload, policy, "the Docker engine stopped answering ("
          + EngineLostException.rootMessage(e) + "); is it running? Any container of this run is removed by the"
          + " next run once the engine is back");
    }
    try {
      // SARIF and Markdown first: report.json appearing is what tools wait for.
      SarifWriter.write(report, spec.reportDir(), spec.sourceRoot(), fallbackLocation(spec));
      MarkdownSummary.write(report, spec.reportDir());
      Path file = ReportWriter.write(report, spec.reportDir());
      ConsoleSummary.lines(report, file.toString()).forEach(
          report.verdict().passed() ? listener::info : listener::warn);
      return new SandboxResult(report, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sandbox report under " + spec.reportDir(), e);
    }
  }

  // Surefire's place for reports is target/surefire-reports; ours sits beside the report folder.
  private static Path testReportsDir(SandboxSpec spec) {
    Path parent = spec.reportDir().toAbsolutePath().getParent();
    return (parent != null ? parent : spec.reportDir()).resolve("sandbox-reports");
  }

  private static TestRun writeTestReports(RunOutcome outcome, Path testReports) {
    try {
      return TestReports.write(outcome.collected(), testReports);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the test reports under " + testReports, e);
    }
  }

  private static RunReport errorReport(Instant startedAt, RunReport.Payload payload, Map<String, Object> policy,
      String reason) {
    return new RunReport(SCHEMA_VERSION, Verdict.ERROR, reason, null, 0, startedAt.toString(), payload, null, null,
        policy, null, List.of(), null, null, null, null);
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
      Map<String, Hardening> proxyHardening) {
    return new RunReport.Network(policy.network().mode().label(),
        policy.network().allow().stream().map(Object::toString).toList(), policy.network().proxyNetwork(),
        log.allowed(), log.denied(), log.requests(), log.truncated(), proxyHardening);
  }

  // Only what the policy names, and only if the host has it: CI secrets never reach the payload by default.
  private static Map<String, String> allowedEnvironment(SandboxSpec spec) {
    Map<String, String> allowed = new TreeMap<>();
    for (String name : spec.policy().envAllowlist()) {
      String value = spec.hostEnvironment().get(name);
      if (value != null) {
        allowed.put(name, value);
      }
    }
    return allowed;
  }

  private static Map<String, Object> describe(SandboxPolicy policy) {
    Map<String, Object> described = new LinkedHashMap<>();
    described.put("memory", policy.memory().toString());
    described.put("cpus", policy.cpus());
    described.put("pids", policy.pids());
    described.put("openFiles", policy.openFiles());
    described.put("processes", policy.processes());
    described.put("tmpfsSize", policy.tmpfsSize().toString());
    described.put("timeout", Durations.format(policy.timeout()));
    described.put("network", policy.network().mode().label());
    if (!policy.network().allow().isEmpty()) {
      described.put("allow", policy.network().allow().stream().map(Object::toString).toList());
    }
    if (policy.network().proxyNetwork() != null) {
      described.put("proxyNetwork", policy.network().proxyNetwork());
    }
    described.put("mode", policy.mode().label());
    described.put("runtime", policy.runtime() == null ? "runc" : policy.runtime());
    described.put("env", policy.envAllowlist());
    described.put("seccomp", policy.seccompProfile().name() + " sha256:" + policy.seccompProfile().sha256());
    described.put("outputLimit", policy.outputLimit().toString());
    if (!policy.writablePaths().isEmpty()) {
      described.put("writablePaths", policy.writablePaths().stream()
          .map(path -> Map.of("path", path.path(), "size", path.size().toString())).toList());
    }
    // Which policy applied, exactly (canonical JSON's sha256), and the file it started from.
    described.put("sha256", PolicyFingerprint.sha256(policy));
    described.put("file", policy.file().map(Path::toString).orElse(null));
    return described;
  }
}
