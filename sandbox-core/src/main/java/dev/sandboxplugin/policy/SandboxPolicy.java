package dev.sandboxplugin.policy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a sandboxed run may use: resource limits, wall-clock timeout, the environment it sees, its seccomp
 * profile, network and writable paths. Immutable; {@link #builder()} starts from the safe defaults.
 */
public final class SandboxPolicy {

  private static final Duration MAX_TIMEOUT = Duration.ofDays(7);
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final int MAX_WRITABLE_PATHS = 16;

  private final MemorySize memory;
  private final double cpus;
  private final int pids;
  private final int openFiles;
  private final int processes;
  private final MemorySize tmpfsSize;
  private final Duration timeout;
  private final List<String> envAllowlist;
  private final SeccompProfile seccompProfile;
  private final MemorySize outputLimit;
  private final NetworkPolicy network;
  private final EnforcementMode mode;
  private final String runtime;
  private final ScanSettings scan;
  private final List<WritablePath> writablePaths;
  private final Path file;

  private SandboxPolicy(Builder builder) {
    this.memory = builder.memory;
    this.cpus = builder.cpus;
    this.pids = builder.pids;
    this.openFiles = builder.openFiles;
    this.processes = builder.processes;
    this.tmpfsSize = builder.tmpfsSize;
    this.timeout = builder.timeout;
    this.envAllowlist = List.copyOf(builder.envAllowlist);
    this.seccompProfile = builder.seccompProfile == null ? SeccompProfile.defaultProfile() : builder.seccompProfile;
    this.outputLimit = builder.outputLimit;
    this.network = builder.network;
    this.mode = builder.mode;
    this.runtime = builder.runtime;
    this.scan = builder.scan;
    this.writablePaths = List.copyOf(builder.writablePaths);
    this.file = builder.file;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A JVM sizes its heap from the memory it sees (a quarter by default): under a much smaller limit than the
   * host's, a suite's memory-hungry tests fail or end their fork where on the host they pass or skip themselves.
   * So a build gets the host's memory, less an eighth (at least 512 MiB) kept for the host itself (the engine, this
   * Maven), so that a build that fills it meets its own limit before the machine runs out. At least 1 GiB.
   */
  static long buildMemoryMegabytes(long hostMegabytes) {
    return Math.max(1024, hostMegabytes - Math.max(512, hostMegabytes / 8));
  }

  // What the JVM running us sees: the machine's memory, or the CI job's container limit when it has one.
  private static long hostMemoryBytes() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getTotalMemorySize();
  }

  /**
   * The defaults of a whole Maven build inside ({@code sandbox:build}), which runs Maven and the test JVMs it
   * forks: the host's CPUs and most of its memory (what Surefire's fork would get), 2048 processes and threads, 30 minutes,
   * a 1 GiB {@code /tmp}, 16 MB of output shown. Each overridable as any setting is.
   */
  public static Builder buildDefaults() {
    Builder builder = new Builder();
    builder.memory = MemorySize.ofMegabytes(buildMemoryMegabytes(hostMemoryBytes() / (1024 * 1024)));
    builder.cpus = Math.max(1, Runtime.getRuntime().availableProcessors());
    builder.pids = 2048;
    builder.openFiles = 8192;
    builder.processes = 4096;
    builder.tmpfsSize = MemorySize.ofMegabytes(1024);
    builder.timeout = Duration.ofMinutes(30);
    builder.outputLimit = MemorySize.ofMegabytes(16);
    return builder;
  }

  /** Memory for the whole container; swap is set equal, so there is no swap on top. */
  public MemorySize memory() {
    return memory;
  }

  public double cpus() {
    return cpus;
  }

  /** Most processes and threads alive at once in the container (the pids cgroup). */
  public int pids() {
    return pids;
  }

  /** RLIMIT_NOFILE. */
  public int openFiles() {
    return openFiles;
  }

  /** RLIMIT_NPROC; counted by the kernel per user id, so it is a backstop behind {@link #pids()}. */
  public int processes() {
    return processes;
  }

  /** Size of the only writable place, {@code /tmp}. */
  public MemorySize tmpfsSize() {
    return tmpfsSize;
  }

  /** Wall-clock time from container start to kill. */
  public Duration timeout() {
    return timeout;
  }

  /** Names of host environment variables handed to the payload; nothing else of the host's environment is. */
  public List<String> envAllowlist() {
    return envAllowlist;
  }

  /** Only what the allowlist names, and only if the host has it: CI secrets never reach the payload by default. */
  public java.util.Map<String, String> allowedEnvironment(java.util.Map<String, String> host) {
    java.util.Map<String, String> allowed = new java.util.TreeMap<>();
    for (String name : envAllowlist) {
      String value = host.get(name);
      if (value != null) {
        allowed.put(name, value);
      }
    }
    return allowed;
  }

  public SeccompProfile seccompProfile() {
    return seccompProfile;
  }

  /** How much payload output is shown and kept; the rest is counted and reported as truncated. */
  public MemorySize outputLimit() {
    return outputLimit;
  }

  /** Where the payload may connect: nowhere by default. */
  public NetworkPolicy network() {
    return network;
  }

  /** Whether breaches fail the build or are only recorded. */
  public EnforcementMode mode() {
    return mode;
  }

  /**
   * The OCI runtime the engine runs the sandbox with, by the name the engine registered it under ({@code runsc}
   * for gVisor); null for the engine's default (runc).
   */
  public String runtime() {
    return runtime;
  }

  /** Folders besides {@code /tmp} the payload may write to, each a tmpfs of its own; none by default. */
  public List<WritablePath> writablePaths() {
    return writablePaths;
  }

  /** The policy file this policy started from, if any: recorded in the report, not part of the policy's hash. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** What {@code sandbox:scan} takes from the policy file; {@link ScanSettings#unset()} without one. */
  public ScanSettings scan() {
    return scan;
  }

  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.memory = memory;
    builder.cpus = cpus;
    builder.pids = pids;
    builder.openFiles = openFiles;
    builder.processes = processes;
    builder.tmpfsSize = tmpfsSize;
    builder.timeout = timeout;
    builder.envAllowlist = new ArrayList<>(envAllowlist);
    builder.seccompProfile = seccompProfile;
    builder.outputLimit = outputLimit;
    builder.network = network;
    builder.mode = mode;
    builder.runtime = runtime;
    builder.scan = scan;
    builder.writablePaths = new ArrayList<>(writablePaths);
    builder.file = file;
    return builder;
  }

  /** Starts from the defaults; each setter validates and throws {@link InvalidPolicyException} on bad values. */
  public static final class Builder {
    private MemorySize memory = MemorySize.ofMegabytes(512);
    private double cpus = 1.0;
    private int pids = 128;
    private int openFiles = 1024;
    private int processes = 1024;
    private MemorySize tmpfsSize = MemorySize.ofMegabytes(64);
    private Duration timeout = Duration.ofMinutes(5);
    private List<String> envAllowlist = new ArrayList<>();
    private SeccompProfile seccompProfile;
    private MemorySize outputLimit = MemorySize.ofMegabytes(1);
    private NetworkPolicy network = NetworkPolicy.none();
    private EnforcementMode mode = EnforcementMode.ENFORCE;
    private String runtime;
    private ScanSettings scan = ScanSettings.unset();
    private List<WritablePath> writablePaths = new ArrayList<>();
    private Path file;

    private Builder() {}

    public Builder memory(MemorySize memory) {
      if (memory.bytes() < 6L * 1024 * 1024) {
        throw new InvalidPolicyException("memory = " + memory + " is below the engine's minimum of 6m");
      }
      this.memory = memory;
      return this;
    }

    public Builder cpus(double cpus) {
      if (!(cpus > 0) || Double.isNaN(cpus)) {
        throw new InvalidPolicyException("cpus = " + cpus + " must be a number above 0, e.g. 0.5 or 2");
      }
      if (cpus > 1024) {
        throw new InvalidPolicyException("cpus = " + cpus + " is more than any engine has; give at most 1024");
      }
      this.cpus = cpus;
      return this;
    }

    public Builder pids(int pids) {
      this.pids = positive("pids", pids);
      return this;
    }

    public Builder openFiles(int openFiles) {
      this.openFiles = positive("openFiles", openFiles);
      return this;
    }

    public Builder processes(int processes) {
      this.processes = positive("processes", processes);
      return this;
    }

    public Builder tmpfsSize(MemorySize tmpfsSize) {
      this.tmpfsSize = java.util.Objects.requireNonNull(tmpfsSize, "tmpfsSize");
      return this;
    }

    public Builder timeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new InvalidPolicyException("timeout = " + timeout + " must be more than zero");
      }
      if (timeout.compareTo(MAX_TIMEOUT) > 0) {
        throw new InvalidPolicyException("timeout = " + Durations.format(timeout) + " is more than the longest run, "
            + Durations.format(MAX_TIMEOUT));
      }
      this.timeout = timeout;
      return this;
    }

    public Builder envAllowlist(List<String> names) {
      List<String> checked = new ArrayList<>();
      for (String name : names) {
        String trimmed = name.trim();
        if (trimmed.isEmpty()) {
          continue;
        }
        if (!ENV_NAME.matcher(trimmed).matches()) {
          throw new InvalidPolicyException("env = '" + name
              + "' is not an environment variable name; list names only, e.g. LANG,TZ (values come from the host)");
        }
        checked.add(trimmed);
      }
      this.envAllowlist = checked;
      return this;
    }

    public Builder seccompProfile(SeccompProfile seccompProfile) {
      this.seccompProfile = seccompProfile;
      return this;
    }

    public Builder outputLimit(MemorySize outputLimit) {
      this.outputLimit = java.util.Objects.requireNonNull(outputLimit, "outputLimit");
      return this;
    }

    public Builder network(NetworkPolicy network) {
      this.network = java.util.Objects.requireNonNull(network, "network");
      return this;
    }

    public Builder mode(EnforcementMode mode) {
      this.mode = java.util.Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** @param runtime a runtime name the engine knows, e.g. {@code runsc}; null or {@code runc} for the default */
    public Builder runtime(String runtime) {
      if (runtime == null || runtime.isBlank() || runtime.trim().equals("runc")) {
        this.runtime = null;
        return this;
      }
      if (!runtime.trim().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
        throw new InvalidPolicyException("runtime = '" + runtime + "' is not a runtime name; use one the engine"
            + " registered, e.g. runsc (docker info lists them)");
      }
      this.runtime = runtime.trim();
      return this;
    }

    public Builder writablePaths(List<WritablePath> paths) {
      if (paths.size() > MAX_WRITABLE_PATHS) {
        throw new InvalidPolicyException("writablePaths has " + paths.size() + " entries; give at most "
            + MAX_WRITABLE_PATHS);
      }
      Set<String> seen = new HashSet<>();
      for (WritablePath path : paths) {
        if (!seen.add(path.path())) {
          throw new InvalidPolicyException("writablePaths = '" + path.path() + "' is listed twice; list it once");
        }
      }
      this.writablePaths = new ArrayList<>(paths);
      return this;
    }

    /** The policy file the settings came from; for the report. */
    public Builder file(Path file) {
      this.file = file;
      return this;
    }

    public Builder scan(ScanSettings scan) {
      this.scan = java.util.Objects.requireNonNull(scan, "scan");
      return this;
    }

    public SandboxPolicy build() {
      return new SandboxPolicy(this);
    }

    private static int positive(String setting, int value) {
      if (value <= 0) {
        throw new InvalidPolicyException(setting + " = " + value + " must be a whole number above 0");
      }
      return value;
    }
  }
}
