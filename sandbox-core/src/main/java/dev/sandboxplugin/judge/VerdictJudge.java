package dev.sandboxplugin.judge;

import dev.sandboxplugin.policy.Durations;
import dev.sandboxplugin.policy.NetworkPolicy;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.preflight.Preflight;
import dev.sandboxplugin.run.RunOutcome;
import dev.sandboxplugin.verdict.Evidence;
import dev.sandboxplugin.verdict.Judgement;
import dev.sandboxplugin.verdict.Verdict;
import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns what the engine and the output say about a run into a verdict. The engine's facts come first (deadline,
 * OOM kill, SIGSYS); the payload's own error messages add what the kernel refused it (a write to the read-only
 * root, a connection with no network, a mount, a thread or process the pids limit forbade), in the wording of the
 * JVM, the shells, Python and Node.
 */
public final class VerdictJudge {

  private static final int SIGSYS_EXIT = 128 + 31;
  private static final int MAX_EVIDENCE_PER_KIND = 5;
  // Node: "Error: spawn sleep EAGAIN", "Error: spawnSync /bin/sh EAGAIN".
  private static final Pattern NODE_SPAWN_REFUSED = Pattern.compile("\\bspawn(Sync)? \\S+ EAGAIN\\b");
  // "mount: /mnt: must be superuser", "mount failed: Operation not permitted"; not "mountinfo" or "mountpoint".
  private static final Pattern MOUNT_WORD = Pattern.compile("(?i)\\bu?mount\\b");
  // A shell's refusal to run a file from a writable (noexec) folder: dash "script: 3: /tmp/sh: Permission denied",
  // bash "script: line 3: /dev/shm/sh: Permission denied".
  private static final Pattern SHELL_EXEC_REFUSED =
      Pattern.compile("(?i): (/tmp|/dev/shm|/var/tmp|/run)/[^:]*: permission denied\\s*$");

  private VerdictJudge() {}

  public static Judgement judge(RunOutcome outcome, SandboxPolicy policy, boolean jvmPayload) {
    return judge(outcome, policy, jvmPayload, List.of());
  }

  /**
   * As {@link #judge(RunOutcome, SandboxPolicy, boolean)}, with attempts others saw refused: {@code observed} (the
   * egress proxy's denied requests) count like refusals read from the output, and come first.
   */
  public static Judgement judge(RunOutcome outcome, SandboxPolicy policy, boolean jvmPayload,
      List<Violation> observed) {
    return judge(outcome, policy, jvmPayload, observed, false);
  }

  /**
   * As {@link #judge(RunOutcome, SandboxPolicy, boolean, List)}; {@code agentWatches}: the agent watched every JVM
   * and judged each of their host name lookups itself (to connect, or carrying data: {@code DNS}; else a notice),
   * so Java's "UnknownHost" words in the output are no evidence of their own.
   */
  public static Judgement judge(RunOutcome outcome, SandboxPolicy policy, boolean jvmPayload,
      List<Violation> observed, boolean agentWatches) {
    List<Violation> violations = new ArrayList<>(observed);
    Set<String> evidenceLines = new LinkedHashSet<>(outcome.shownLines());
    evidenceLines.addAll(outcome.tailLines());

    // The payload's own words first (JVM, bash and dash, then Python's and Node's), as they say what it was doing;
    // else the kernel's count, which the preflight says when the payload has ended, for a payload that hid them.
    String threadLimitLine = firstLine(evidenceLines, "unable to create native thread", "pthread_create failed (EAGAIN)",
        "error=11, Resource temporarily unavailable", "fork: Resource temporarily unavailable",
        "Cannot fork", "fork: retry",
        "BlockingIOError: [Errno 11] Resource temporarily unavailable", "can't start new thread");
    if (threadLimitLine == null) {
      threadLimitLine = firstMatch(evidenceLines, NODE_SPAWN_REFUSED);
    }
    Evidence pidsSource = Evidence.PAYLOAD_OUTPUT;
    if (threadLimitLine == null) {
      threadLimitLine = firstLine(evidenceLines, Preflight.PIDS_REFUSED);
      pidsSource = Evidence.KERNEL;
    }
    String heapLine = null;
    if (jvmPayload) {
      for (String line : evidenceLines) {
        if (line.contains("java.lang.OutOfMemoryError") && !line.contains("unable to create native thread")) {
          heapLine = line.trim();
          break;
        }
      }
    }
    // A limit that was hit is the root cause even when the payload then hung until the deadline.
    String refusal = firstLine(evidenceLines, Preflight.REFUSED);
    if (outcome.exitCode() == Preflight.REFUSED_EXIT && refusal != null) {
      return new Judgement(Verdict.ERROR, "the hardening was not in effect, so the payload was not started: "
          + refusal.substring(refusal.indexOf(Preflight.REFUSED) + Preflight.REFUSED.length()).trim(), List.of());
    }
    if (outcome.timedOut()) {
      violations.add(new Violation(ViolationKind.TIMEOUT, "still running after the "
          + Durations.format(policy.timeout()) + " timeout; killed after " + outcome.duration().toMillis() + " ms",
          Evidence.ENGINE));
    }
    if (outcome.oomKilled() || heapLine != null) {
      String detail = outcome.oomKilled()
          ? "the kernel killed the payload at the " + policy.memory() + " memory limit"
          : "the JVM ran out of heap within the " + policy.memory() + " memory limit: " + heapLine;
      violations.add(0, new Violation(ViolationKind.MEMORY, detail,
          outcome.oomKilled() ? Evidence.ENGINE : Evidence.PAYLOAD_OUTPUT));
      return new Judgement(Verdict.OOM, "out of memory: " + detail + " (sandbox.memory)",
          withEvidence(violations, evidenceLines, policy, agentWatches));
    }
    if (!outcome.timedOut() && outcome.exitCode() == SIGSYS_EXIT) {
      violations.add(new Violation(ViolationKind.SECCOMP, "killed by SIGSYS: a system call the seccomp profile '"
          + policy.seccompProfile().name() + "' forbids", Evidence.ENGINE));
      return new Judgement(Verdict.SECCOMP_KILLED, "killed by seccomp (SIGSYS, exit " + SIGSYS_EXIT
          + ") under profile " + policy.seccompProfile().name(), withEvidence(violations, evidenceLines, policy, agentWatches));
    }
    if (threadLimitLine != null) {
      violations.add(0, new Violation(ViolationKind.PIDS, "no new process or thread at the limit of " + policy.pids()
          + ": " + threadLimitLine, pidsSource));
      return new Judgement(Verdict.PIDS_EXHAUSTED, "process/thread limit of " + policy.pids()
          + " reached (sandbox.pids)" + (outcome.timedOut() ? ", then still running at the timeout" : ""),
          withEvidence(violations, evidenceLines, policy, agentWatches));
    }
    if (outcome.timedOut()) {
      return new Judgement(Verdict.TIMEOUT, "timed out: still running after the "
          + Durations.format(policy.timeout()) + " timeout (sandbox.timeout), killed", withEvidence(violations, evidenceLines, policy, agentWatches));
    }
    List<Violation> attempts = withEvidence(violations, evidenceLines, policy, agentWatches);
    if (!attempts.isEmpty()) {
      return new Judgement(Verdict.VIOLATION, attempts.size() + " forbidden action(s) refused by the sandbox: "
          + attempts.get(0).kind() + " " + attempts.get(0).detail(), attempts);
    }
    if (outcome.exitCode() == 0) {
      return new Judgement(Verdict.PASSED, "exited 0", List.of());
    }
    return new Judgement(Verdict.FAILED, "exited " + outcome.exitCode() + describeSignal(outcome.exitCode()), List.of());
  }

  // The kernel's refusals as the payload's runtime reports them: the attempt was blocked, and this says what it was.
  private static List<Violation> withEvidence(List<Violation> violations, Set<String> lines, SandboxPolicy policy,
      boolean agentWatches) {
    List<Violation> all = new ArrayList<>(violations);
    Map<ViolationKind, Integer> perKind = new EnumMap<>(ViolationKind.class);
    for (String line : lines) {
      String lower = line.toLowerCase(Locale.ROOT);
      ViolationKind kind = null;
      String detail = null;
      if (lower.contains("read-only file system")
          || ((lower.contains("cannot create") || lower.contains("can't create") || lower.contains("/proc/sys/")
              || lower.contains(" /sys/")) && lower.contains("permission denied"))) {
        kind = ViolationKind.FILE_WRITE;
        detail = "write refused, the root file system is read-only: ";
      } else if (lower.contains("network is unreachable") || lower.contains("network unreachable")
          || lower.contains("enetunreach") || lower.contains("ehostunreach") || lower.contains("no route to host")
          // IPv6 in a namespace where the engine turned it off: EAFNOSUPPORT, as Java and C say it.
          || lower.contains("protocol family unavailable") || lower.contains("address family not supported")) {
        kind = ViolationKind.NETWORK;
        detail = policy.network().mode() == NetworkPolicy.Mode.NONE
            ? "connection refused, the sandbox has no network: "
            : "direct connection refused, the only way out is the egress proxy: ";
      } else if ((lower.contains("memfd_create") || lower.contains("execveat") || lower.contains("/proc/self/fd/"))
          && (lower.contains("operation not permitted") || lower.contains("permission denied"))) {
        kind = ViolationKind.EXEC;
        detail = "program start from memory refused (memfd_create and execveat would go around the noexec folders): ";
      } else if ((lower.contains("cannot run program") && lower.contains("error=13"))
          || (lower.contains("exec") && lower.contains("permission denied")) || SHELL_EXEC_REFUSED.matcher(line).find()) {
        kind = ViolationKind.EXEC;
        detail = "program start refused (a file on the noexec /tmp, or not executable): ";
      } else if (MOUNT_WORD.matcher(line).find() && (lower.contains("must be superuser")
          || lower.contains("only root can") || lower.contains("operation not permitted"))) {
        // mount(8) refuses a non-root caller itself; the system call would meet no capability and seccomp's EPERM.
        kind = ViolationKind.MOUNT;
        detail = "mount refused (no capabilities, and the seccomp profile denies mount): ";
      } else if (agentWatches && lower.contains("unknownhost")) {
        continue; // the agent's record of that lookup says what it was
      } else if (lower.contains("unknownhostexception") || lower.contains("temporary failure in name resolution")
          || lower.contains("name or service not known") || lower.contains("getaddrinfo")) {
        kind = ViolationKind.DNS;
        detail = "host name lookup refused, the sandbox has no resolver: ";
      } else if (lower.contains("no space left on device")) {
        kind = ViolationKind.DISK;
        detail = "write refused at the size limit of a writable place (tmpfs, /dev/shm): ";
      } else if (lower.contains("operation not permitted")) {
        kind = ViolationKind.SYSCALL;
        detail = "privileged operation refused (seccomp profile or dropped capabilities): ";
      }
      if (kind != null && perKind.merge(kind, 1, Integer::sum) <= MAX_EVIDENCE_PER_KIND) {
        all.add(new Violation(kind, detail + line.trim(), Evidence.PAYLOAD_OUTPUT));
      }
    }
    return all;
  }

  private static String firstLine(Set<String> lines, String... needles) {
    for (String line : lines) {
      for (String needle : needles) {
        if (line.contains(needle)) {
          return line.trim();
        }
      }
    }
    return null;
  }

  private static String firstMatch(Set<String> lines, Pattern pattern) {
    for (String line : lines) {
      if (pattern.matcher(line).find()) {
        return line.trim();
      }
    }
    return null;
  }

  private static String describeSignal(long exitCode) {
    if (exitCode > 128 && exitCode < 128 + 65) {
      return " (signal " + (exitCode - 128) + ")";
    }
    return "";
  }
}
