package dev.sandboxplugin;

import com.github.dockerjava.api.exception.DockerException;
import dev.sandboxplugin.engine.DockerEngine;
import dev.sandboxplugin.engine.EngineUnavailableException;
import dev.sandboxplugin.image.ImageBuildException;
import dev.sandboxplugin.image.PayloadImage;
import dev.sandboxplugin.image.PayloadImageBuilder;
import dev.sandboxplugin.network.EgressProxyException;
import dev.sandboxplugin.network.PayloadNetwork;
import dev.sandboxplugin.network.ProxyLog;
import dev.sandboxplugin.policy.Durations;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.report.ConsoleSummary;
import dev.sandboxplugin.report.ReportWriter;
import dev.sandboxplugin.report.RunReport;
import dev.sandboxplugin.run.ContainerRunner;
import dev.sandboxplugin.run.Hardening;
import dev.sandboxplugin.run.RunOutcome;
import dev.sandboxplugin.verdict.Judgement;
import dev.sandboxplugin.verdict.Verdict;
import dev.sandboxplugin.verdict.VerdictJudge;
import java.io.IOException;
import java.io.UncheckedIOException;
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
      PayloadImage image = new PayloadImageBuilder(engine, spec.cacheDir()).build(spec.baseImage(), spec.payload());
      builtImage = image.imageId();
      listener.info("Sandbox: image " + image.imageId() + (image.reused() ? " unchanged" : " built")
          + " in " + image.buildTime().toMillis() + " ms; running with " + policy);
      RunOutcome outcome;
      ProxyLog proxyLog;
      Map<String, Hardening> proxyHardening;
      try (PayloadNetwork network = PayloadNetwork.open(engine, spec.policy(), spec.cacheDir(), listener)) {
        outcome = new ContainerRunner(engine, listener).run(image.reference(), spec.payload().command(),
            withProxyEnvironment(allowedEnvironment(spec), network), PAYLOAD_USER, spec.policy(),
            network.networkMode());
        proxyLog = network.log();
        proxyHardening = network.hardening();
      }
      Judgement judgement = VerdictJudge.judge(outcome, spec.policy(), spec.payload().runsOnJvm(),
          proxyLog.violations());
      report = new RunReport(SCHEMA_VERSION, judgement.verdict(), judgement.reason(), outcome.exitCode(),
          outcome.duration().toMillis(), startedAt.toString(), payload, image.imageId(),
          new RunReport.Image(image.reference(), spec.baseImage().describe(), image.reused(), image.buildTime().toMillis()),
          policy, outcome.hardening(), judgement.violations(),
          new RunReport.Output(outcome.shownLines().size(), outcome.droppedBytes(), outcome.droppedLines(),
              outcome.droppedBytes() > 0, outcome.droppedBytes() > 0 ? outcome.tailLines() : List.of()),
          engine.host(), networkReport(spec.policy(), proxyLog, proxyHardening));
    } catch (EngineUnavailableException | ImageBuildException e) {
      report = errorReport(startedAt, payload, policy, e.getMessage());
    } catch (EgressProxyException e) {
      // The payload's image exists by then: the report names it, as the report of a run that ran does.
      report = new RunReport(SCHEMA_VERSION, Verdict.ERROR, e.getMessage(), null, 0, startedAt.toString(), payload,
          builtImage, null, policy, null, List.of(), null, null, null);
    } catch (DockerException e) {
      report = errorReport(startedAt, payload, policy, "the Docker engine refused or failed a request: "
          + e.getMessage() + "; is the engine healthy and does it have disk space?");
    }
    try {
      Path file = ReportWriter.write(report, spec.reportDir());
      ConsoleSummary.lines(report, file.toString()).forEach(
          report.verdict().passed() ? listener::info : listener::warn);
      return new SandboxResult(report, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sandbox report under " + spec.reportDir(), e);
    }
  }

  private static RunReport errorReport(Instant startedAt, RunReport.Payload payload, Map<String, Object> policy,
      String reason) {
    return new RunReport(SCHEMA_VERSION, Verdict.ERROR, reason, null, 0, startedAt.toString(), payload, null, null,
        policy, null, List.of(), null, null, null);
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
    described.put("env", policy.envAllowlist());
    described.put("seccomp", policy.seccompProfile().name() + " sha256:" + policy.seccompProfile().sha256());
    described.put("outputLimit", policy.outputLimit().toString());
    return described;
  }
}
