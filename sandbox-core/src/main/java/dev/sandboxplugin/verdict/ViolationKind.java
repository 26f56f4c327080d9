package dev.sandboxplugin.verdict;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a violation was: a breach attempt, a limit used up, or a notice that changes no verdict. The names are part
 * of the report format ({@code report.json}'s {@code kind}, SARIF's {@code ruleId}, Code Quality's
 * {@code check_name}) and of the agent's record from inside the sandbox: other tools read them, so a name never
 * changes. The constants are in the order {@code report.sarif} lists its rules.
 */
public enum ViolationKind {

  // Severity as code scanning ranks it (security-severity: 9.0+ critical, 7.0+ high, 4.0+ medium): reaching out or
  // breaking a wall of the sandbox ranks above using up a limit.

  /** A connection, datagram or ping the network policy does not allow. */
  NETWORK(Nature.BREACH, "NetworkRefused", "Network connection refused", 8.0,
      "The payload tried to connect somewhere the sandbox's network policy does not allow."),
  /** A host name looked up to connect, or one that carries data in it. */
  DNS(Nature.BREACH, "NameLookupToConnect", "Host name lookup to connect", 7.0,
      "The payload looked up a host name to reach it, or to carry data out in the name; the sandbox has no resolver."),
  /** A read of a place where secrets or the host's view live. */
  FILE_READ(Nature.BREACH, "SecretRead", "Read of a secret or of the host's view", 7.0,
      "The payload read a place where credentials or the host's configuration live"
          + " (/proc/1/environ, ~/.ssh, settings)."),
  /** A write where the file system is read-only. */
  FILE_WRITE(Nature.BREACH, "WriteOutsideWritablePaths", "Write outside the writable paths", 6.0,
      "The payload tried to write where the sandbox's file system is read-only."),
  /** A program started from a noexec place or from memory. */
  EXEC(Nature.BREACH, "ProgramFromWritablePath", "Program started from a writable place or from memory", 8.0,
      "The payload tried to run a program it wrote to /tmp or another noexec path, or one held in memory."),
  /** A process a test started. */
  PROCESS(Nature.BREACH, "ProcessStarted", "Process started", 5.0,
      "A test started a program (a shell, a tool, a JVM without the agent)."),
  /** {@code System.exit} or {@code Runtime.halt} called from a test. */
  EXIT(Nature.BREACH, "JvmExit", "The test JVM was made to exit", 4.0,
      "A test called System.exit or Runtime.halt, which ends the test run and can hide what came after."),
  /** A mount refused. */
  MOUNT(Nature.BREACH, "MountRefused", "Mount refused", 9.0,
      "The payload tried to mount a file system, the first step of most container escapes."),
  /** A privileged system call refused with an error (seccomp's EPERM, a dropped capability). */
  SYSCALL(Nature.BREACH, "PrivilegedCallRefused", "Privileged system call refused", 8.5,
      "The payload made a system call the seccomp profile or the dropped capabilities refuse"
          + " (namespaces, ptrace, bpf, keys)."),
  /** The payload killed by the seccomp filter (SIGSYS). */
  SECCOMP(Nature.BREACH, "ForbiddenSystemCall", "Forbidden system call", 9.0,
      "The payload made a system call the seccomp profile forbids and was killed for it (SIGSYS)."),
  /** A link or system-scope path in the project that leads out of it. */
  LINK(Nature.BREACH, "LinkOutOfTheTree", "Link out of the project", 8.0,
      "The project has a link, or a system-scope path, that leads out of the tree:"
          + " the host would read or write there."),
  /** A report entry the host refused to read as it was. */
  REPORT(Nature.BREACH, "ReportRefused", "Report refused", 6.0,
      "A report entry was refused: a link, a path out of its folder, too large, not well-formed,"
          + " or contradicting what the tests said while they ran."),
  /** A commit that changes the sandbox's configuration or the build's entry points. */
  CONFIG_CHANGE(Nature.BREACH, "SandboxConfigurationChanged", "Change of the sandbox's configuration", 7.0,
      "A commit changes what configures the sandbox or the build around it"
          + " (policy, plugin configuration, .mvn/, wrapper, CI workflows)."),
  /** A size- or file-count-capped writable place filled up. */
  DISK(Nature.BREACH, "WritablePlaceFull", "A writable place is full", 3.0,
      "The payload filled a size- or file-count-capped writable place (tmpfs, /dev/shm)."),
  /** The wall-clock timeout reached. */
  TIMEOUT(Nature.LIMIT, "Timeout", "Wall-clock timeout", 3.0,
      "The payload was still running at the policy's timeout and was killed."),
  /** The memory limit reached. */
  MEMORY(Nature.LIMIT, "OutOfMemory", "Memory limit reached", 3.0,
      "The payload ran out of the memory the policy allows (the kernel's OOM kill, or the JVM's heap)."),
  /** The limit on processes and threads reached. */
  PIDS(Nature.LIMIT, "ProcessLimit", "Process and thread limit reached", 4.0,
      "The payload could not start a thread or process at the policy's pids limit."),
  /** A bare host name lookup, which sends nothing (a notice). */
  LOOKUP(Nature.NOTICE, "BareNameLookup", "Host name lookup that sends nothing", 0.0,
      "A test looked up a host name without connecting (URL.equals, a probe of the network); the sandbox has no"
          + " resolver, so nothing was sent. A notice, not a breach."),
  /** A JVM a test started with the agent in it, so all it does is watched (a notice). */
  JVM(Nature.NOTICE, "WatchedJvmStarted", "JVM started with the agent in it", 0.0,
      "A test started a JVM that the agent watches too (Mockito's inline mock maker, a test of a command line tool);"
          + " what it does is named after the test. A notice, not a breach.");

  private enum Nature { BREACH, LIMIT, NOTICE }

  private final Nature nature;
  private final String ruleName;
  private final String title;
  private final double securitySeverity;
  private final String description;

  ViolationKind(Nature nature, String ruleName, String title, double securitySeverity, String description) {
    this.nature = nature;
    this.ruleName = ruleName;
    this.title = title;
    this.securitySeverity = securitySeverity;
    this.description = description;
  }

  /** The kind of that exact name (as reports and the agent write it), or empty; never throws. */
  public static Optional<ViolationKind> named(String name) {
    return Arrays.stream(values()).filter(kind -> kind.name().equals(name)).findFirst();
  }

  /** As a report is read back: a name this version does not know is refused, naming it. */
  @JsonCreator
  public static ViolationKind ofName(String name) {
    return named(name).orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not a violation kind;"
        + " the kinds are " + Arrays.toString(values())));
  }

  /** A limit of the policy used up (timeout, memory, pids): the payload ran out, it broke no wall. */
  public boolean isLimit() {
    return nature == Nature.LIMIT;
  }

  /** Seen and reported, but no breach: it changes no verdict. */
  public boolean isNotice() {
    return nature == Nature.NOTICE;
  }

  /** The name code scanning shows for the kind's rule, capitalised words run together: {@code NetworkRefused}. */
  public String ruleName() {
    return ruleName;
  }

  /** The kind in a few words: {@code Network connection refused}. */
  public String title() {
    return title;
  }

  /** What the payload did, in a sentence. */
  public String description() {
    return description;
  }

  /** How grave it is, from 0.0 to 10.0 as code scanning ranks it; 0.0 for a notice. */
  public double securitySeverity() {
    return securitySeverity;
  }
}
