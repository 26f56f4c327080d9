package dev.sandboxplugin.report;

import dev.sandboxplugin.network.ProxyLogEntry;
import dev.sandboxplugin.payload.PayloadKind;
import dev.sandboxplugin.run.Hardening;
import dev.sandboxplugin.verdict.Evidence;
import dev.sandboxplugin.verdict.Verdict;
import dev.sandboxplugin.verdict.Violation;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable account of one run, written as {@code target/sandbox/report.json}. The field names are a
 * format other tools read: add fields, never rename them.
 *
 * @param verdict how it ended
 * @param reason one line saying why
 * @param exitCode the payload's exit code, or null when it never ran
 * @param durationMs run time from container start to exit
 * @param image the image id ({@code sha256:...}) the payload ran from
 * @param hardening the engine's own account of the container's settings, or null when it never ran
 * @param violations breach attempts and limits hit, with evidence
 * @param tests the test results, for a test payload; else null
 * @param network how the payload was networked and, with the egress proxy, every request it made (audit trail)
 */
public record RunReport(
    int schemaVersion,
    Verdict verdict,
    String reason,
    Long exitCode,
    long durationMs,
    String startedAt,
    Payload payload,
    String image,
    Image imageBuild,
    Map<String, Object> policy,
    Hardening hardening,
    List<Violation> violations,
    Output output,
    String engine,
    Network network,
    Tests tests,
    BuildSteps buildSteps,
    List<Violation> notices) {

  /** A report without a build's steps: every payload but {@code sandbox:build}'s. */
  public RunReport(int schemaVersion, Verdict verdict, String reason, Long exitCode, long durationMs, String startedAt,
      Payload payload, String image, Image imageBuild, Map<String, Object> policy, Hardening hardening,
      List<Violation> violations, Output output, String engine, Network network, Tests tests) {
    this(schemaVersion, verdict, reason, exitCode, durationMs, startedAt, payload, image, imageBuild, policy,
        hardening, violations, output, engine, network, tests, null, List.of());
  }

  /** The format's version, written into every report. */
  public static final int SCHEMA_VERSION = 1;

  /** A report built field by field; unset fields stay empty (null, 0, an empty list). */
  public static Builder builder(Verdict verdict, String reason) {
    return new Builder(verdict, reason);
  }

  /** Builds a {@link RunReport}: a run that never started sets only what it knows. */
  public static final class Builder {
    private final Verdict verdict;
    private final String reason;
    private Long exitCode;
    private long durationMs;
    private String startedAt;
    private Payload payload;
    private String image;
    private Image imageBuild;
    private Map<String, Object> policy;
    private Hardening hardening;
    private List<Violation> violations = List.of();
    private Output output;
    private String engine;
    private Network network;
    private Tests tests;
    private BuildSteps buildSteps;
    private List<Violation> notices = List.of();

    private Builder(Verdict verdict, String reason) {
      this.verdict = verdict;
      this.reason = reason;
    }

    public Builder exit(long exitCode, long durationMs) {
      this.exitCode = exitCode;
      this.durationMs = durationMs;
      return this;
    }

    public Builder startedAt(String startedAt) {
      this.startedAt = startedAt;
      return this;
    }

    public Builder payload(Payload payload) {
      this.payload = payload;
      return this;
    }

    public Builder image(String imageId, Image imageBuild) {
      this.image = imageId;
      this.imageBuild = imageBuild;
      return this;
    }

    public Builder policy(Map<String, Object> policy) {
      this.policy = policy;
      return this;
    }

    public Builder hardening(Hardening hardening) {
      this.hardening = hardening;
      return this;
    }

    public Builder violations(List<Violation> violations) {
      this.violations = List.copyOf(violations);
      return this;
    }

    public Builder output(Output output) {
      this.output = output;
      return this;
    }

    public Builder engine(String engine) {
      this.engine = engine;
      return this;
    }

    public Builder network(Network network) {
      this.network = network;
      return this;
    }

    public Builder tests(Tests tests) {
      this.tests = tests;
      return this;
    }

    public Builder buildSteps(BuildSteps buildSteps) {
      this.buildSteps = buildSteps;
      return this;
    }

    /** What was seen that is not a breach (a bare host name lookup): in the report, no verdict changed. */
    public Builder notices(List<Violation> notices) {
      this.notices = List.copyOf(notices);
      return this;
    }

    public RunReport build() {
      return new RunReport(SCHEMA_VERSION, verdict, reason, exitCode, durationMs, startedAt, payload, image,
          imageBuild, policy, hardening, violations, output, engine, network, tests, buildSteps, notices);
    }
  }

  /** @param kind what kind of payload ran; @param description what ran; @param command the command line inside */
  public record Payload(PayloadKind kind, String description, List<String> command) {}

  /**
   * Where the time of a {@code sandbox:build} went, on the host's clock.
   *
   * @param resolveMs the resolve steps, 0 when the files fetched last time served
   * @param resolveRounds resolve steps run (more than one when the offline build named what it lacked)
   * @param repositoryFiles files of the repository layer
   * @param imageMs finding or building the images
   * @param buildMs the build's container, from its start to its exit
   */
  public record BuildSteps(long resolveMs, int resolveRounds, int repositoryFiles, long imageMs, long buildMs) {}

  /** @param reused true when no build was needed; @param buildMs time to find or build it */
  public record Image(String reference, String base, boolean reused, long buildMs) {}

  /**
   * @param shownLines lines shown and kept
   * @param droppedBytes output past the limit, at least this much (the engine's capped log drops part of a flood)
   * @param truncated whether anything was dropped
   * @param tail the last lines, when output was truncated
   */
  public record Output(int shownLines, long droppedBytes, long droppedLines, boolean truncated, List<String> tail) {

    /** What a run kept of its output and what it dropped. */
    public static Output of(dev.sandboxplugin.run.RunOutcome outcome) {
      return new Output(outcome.shownLines().size(), outcome.droppedBytes(), outcome.droppedLines(),
          outcome.droppedBytes() > 0, outcome.droppedBytes() > 0 ? outcome.tailLines() : List.of());
    }
  }

  /**
   * Surefire's counts of a test payload.
   *
   * @param reportsDirectory where the Surefire-format XML reports were written
   * @param failed {@code Class#method} of failing tests, with the first line of their message
   * @param attribution null when the agent attributed breaches to tests; else why it could not
   */
  public record Tests(int run, int failures, int errors, int skipped, String reportsDirectory, List<String> failed,
      String attribution) {

    /** The counts of a test run whose reports were written to {@code reportsDirectory}. */
    public static Tests of(dev.sandboxplugin.testing.TestRun run, java.nio.file.Path reportsDirectory) {
      return new Tests(run.run(), run.failures(), run.errors(), run.skipped(), reportsDirectory.toString(),
          run.failed(), run.attribution());
    }
  }

  /**
   * @param mode {@code none} or {@code allowlist}
   * @param allow the allowlist the proxy applied
   * @param proxyNetwork the network the proxy was on when one was named, else null (a network of the run's own)
   * @param allowed requests the proxy let through
   * @param denied requests it refused (each also a {@code NETWORK} violation, up to a limit)
   * @param requests the requests in order (time, method, host, port, allowed, status, reason), at most 1000
   * @param truncated whether more requests were counted than listed
   * @param proxyHardening the engine's account of the proxy's and forwarder's containers, by role
   * @param witness who saw the payload's connection attempts from outside it: {@code proxy}, {@code network-sink},
   *     or why nothing did
   * @param witnessGaps what the witness may have missed
   */
  public record Network(String mode, List<String> allow, String proxyNetwork, long allowed, long denied,
      List<ProxyLogEntry> requests, boolean truncated, Map<String, Hardening> proxyHardening, String witness,
      List<String> witnessGaps) {

    /** True when something outside the payload watched its network; else {@link #witness} says why not. */
    public boolean watchedFromOutside() {
      return witness == null || witness.equals(Evidence.PROXY.label()) || witness.equals(Evidence.NETWORK_SINK.label());
    }
  }
}
