package dev.sandboxplugin.verdict;

/** How a sandboxed run ended. The names are part of the report format: other tools read them. */
public enum Verdict {
  /** The payload exited 0 and tried nothing forbidden that we saw. */
  PASSED,
  /** The payload failed on its own terms: a non-zero exit, failing tests. */
  FAILED,
  /** Still running at the wall-clock deadline; killed. */
  TIMEOUT,
  /** Out of memory: the kernel's OOM kill in the container, or the JVM's heap within the container's limit. */
  OOM,
  /** Killed by the seccomp filter (SIGSYS) for a forbidden system call. */
  SECCOMP_KILLED,
  /** Hit the limit on processes and threads. */
  PIDS_EXHAUSTED,
  /** Tried something the policy forbids, with evidence in the violations. */
  VIOLATION,
  /** Our side failed (engine, image, configuration); says nothing about the payload. */
  ERROR;

  public boolean passed() {
    return this == PASSED;
  }

  /** A breach attempt (as opposed to a failure or a limit reached): what audit mode records without failing. */
  public boolean isBreach() {
    return this == VIOLATION || this == SECCOMP_KILLED;
  }
}
