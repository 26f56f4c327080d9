package dev.sandboxplugin.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sandboxplugin.policy.NetworkPolicy;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.run.RunOutcome;
import dev.sandboxplugin.verdict.Evidence;
import dev.sandboxplugin.verdict.Judgement;
import dev.sandboxplugin.verdict.Verdict;
import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VerdictJudgeTest {

  // Defaults: 512m memory, 128 pids, 5m timeout, the bundled "default" seccomp profile.
  private static final SandboxPolicy POLICY = SandboxPolicy.builder().build();

  private static final String HEAP_LINE = "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space";
  private static final String THREAD_LINE = "Exception in thread \"main\" java.lang.OutOfMemoryError: unable to create"
      + " native thread: possibly out of memory or process/resource limits reached";
  private static final String READ_ONLY_LINE =
      "java.nio.file.FileSystemException: /app/evil.txt: Read-only file system";
  private static final String NETWORK_LINE = "java.net.SocketException: Network is unreachable";
  private static final String EXEC_LINE =
      "java.io.IOException: Cannot run program \"/tmp/x\": error=13, Permission denied";

  @Test
  void exitZeroPasses() {
    Judgement judgement = VerdictJudge.judge(exited(0, "hello", "done"), POLICY, true);

    assertEquals(new Judgement(Verdict.PASSED, "exited 0", List.of()), judgement);
    assertEquals(true, judgement.verdict().passed());
  }

  @Test
  void nonZeroExitFails() {
    assertEquals(new Judgement(Verdict.FAILED, "exited 1", List.of()),
        VerdictJudge.judge(exited(1, "Tests run: 3, Failures: 1"), POLICY, true));
  }

  @Test
  void exitAboveOneHundredTwentyEightNamesTheSignal() {
    assertEquals(new Judgement(Verdict.FAILED, "exited 137 (signal 9)", List.of()),
        VerdictJudge.judge(exited(137), POLICY, false));
    assertEquals(new Judgement(Verdict.FAILED, "exited 143 (signal 15)", List.of()),
        VerdictJudge.judge(exited(143), POLICY, false));
    assertEquals(new Judgement(Verdict.FAILED, "exited 255", List.of()),
        VerdictJudge.judge(exited(255), POLICY, false));
  }

  @Test
  void deadlinePassedIsTimeout() {
    RunOutcome outcome = outcome(137, false, true, List.of("working..."), List.of());

    assertEquals(new Judgement(Verdict.TIMEOUT,
            "timed out: still running after the 5m timeout (sandbox.timeout), killed",
            List.of(new Violation(ViolationKind.TIMEOUT, "still running after the 5m timeout; killed after 300123 ms", Evidence.ENGINE))),
        VerdictJudge.judge(outcome, POLICY, true));
  }

  @Test
  void timeoutOutranksASigsysLikeExitCode() {
    assertEquals(Verdict.TIMEOUT,
        VerdictJudge.judge(outcome(159, false, true, List.of(), List.of()), POLICY, false).verdict());
  }

  @Test
  void kernelOomKillIsOom() {
    assertEquals(new Judgement(Verdict.OOM,
            "out of memory: the kernel killed the payload at the 512m memory limit (sandbox.memory)",
            List.of(new Violation(ViolationKind.MEMORY, "the kernel killed the payload at the 512m memory limit", Evidence.ENGINE))),
        VerdictJudge.judge(outcome(137, true, false, List.of(), List.of()), POLICY, false));
  }

  @Test
  void oomKillWhileTimingOutListsMemoryFirst() {
    Judgement judgement = VerdictJudge.judge(outcome(137, true, true, List.of(), List.of()), POLICY, true);

    assertEquals(Verdict.OOM, judgement.verdict());
    assertEquals(List.of(ViolationKind.MEMORY, ViolationKind.TIMEOUT), kinds(judgement));
  }

  @Test
  void heapErrorOfAJvmPayloadIsOom() {
    String detail = "the JVM ran out of heap within the 512m memory limit: " + HEAP_LINE;

    assertEquals(new Judgement(Verdict.OOM, "out of memory: " + detail + " (sandbox.memory)",
            List.of(new Violation(ViolationKind.MEMORY, detail, Evidence.PAYLOAD_OUTPUT))),
        VerdictJudge.judge(exited(3, "allocating", "  " + HEAP_LINE + "  "), POLICY, true));
  }

  @Test
  void heapErrorTextFromANonJvmPayloadIsNotOom() {
    assertEquals(new Judgement(Verdict.FAILED, "exited 1", List.of()),
        VerdictJudge.judge(exited(1, HEAP_LINE), POLICY, false));
  }

  @Test
  void nativeThreadErrorIsPidsExhaustedNotOom() {
    assertEquals(new Judgement(Verdict.PIDS_EXHAUSTED, "process/thread limit of 128 reached (sandbox.pids)",
            List.of(new Violation(ViolationKind.PIDS, "no new process or thread at the limit of 128: " + THREAD_LINE, Evidence.PAYLOAD_OUTPUT))),
        VerdictJudge.judge(exited(1, THREAD_LINE), POLICY, true));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "[0.050s][warning][os,thread] pthread_create failed (EAGAIN) for attributes: stacksize: 1024k",
      "java.io.IOException: Cannot run program \"sh\": error=11, Resource temporarily unavailable",
      "bash: fork: retry: Resource temporarily unavailable",
      "bash: fork: Resource temporarily unavailable",
      "Cannot fork"})
  void otherThreadAndForkRefusalsArePidsExhausted(String line) {
    Judgement judgement = VerdictJudge.judge(exited(2, line), POLICY, false);

    assertEquals(Verdict.PIDS_EXHAUSTED, judgement.verdict());
    assertEquals(List.of(new Violation(ViolationKind.PIDS, "no new process or thread at the limit of 128: " + line, Evidence.PAYLOAD_OUTPUT)),
        judgement.violations());
  }

  @Test
  void theKernelsCountNamesAPayloadThatHidItsForkErrors() {
    String count = dev.sandboxplugin.preflight.Preflight.pidsRefusedLine(19);
    Judgement judgement = VerdictJudge.judge(exited(0, "all quiet", count), POLICY, false);

    assertEquals(new Judgement(Verdict.PIDS_EXHAUSTED, "process/thread limit of 128 reached (sandbox.pids)",
        List.of(new Violation(ViolationKind.PIDS, "no new process or thread at the limit of 128: " + count, Evidence.KERNEL))), judgement);
    // The payload's own words say more (what it was doing), so they are the evidence when there are both.
    assertEquals(List.of(new Violation(ViolationKind.PIDS, "no new process or thread at the limit of 128: Cannot fork", Evidence.PAYLOAD_OUTPUT)),
        VerdictJudge.judge(exited(2, count, "Cannot fork"), POLICY, false).violations());
  }

  @Test
  void pidsLimitOutranksTheTimeoutItCaused() {
    Judgement judgement = VerdictJudge.judge(outcome(137, false, true, List.of(THREAD_LINE), List.of()), POLICY, true);

    assertEquals(Verdict.PIDS_EXHAUSTED, judgement.verdict());
    assertEquals("process/thread limit of 128 reached (sandbox.pids), then still running at the timeout",
        judgement.reason());
    assertEquals(List.of(
            new Violation(ViolationKind.PIDS, "no new process or thread at the limit of 128: " + THREAD_LINE, Evidence.PAYLOAD_OUTPUT),
            new Violation(ViolationKind.TIMEOUT, "still running after the 5m timeout; killed after 300123 ms",
                Evidence.ENGINE)),
        judgement.violations());
  }

  @Test
  void sigsysExitIsSeccompKilled() {
    assertEquals(new Judgement(Verdict.SECCOMP_KILLED, "killed by seccomp (SIGSYS, exit 159) under profile default",
            List.of(new Violation(ViolationKind.SECCOMP, "killed by SIGSYS: a system call the seccomp profile 'default' forbids", Evidence.ENGINE))),
        VerdictJudge.judge(exited(159), POLICY, false));
  }

  @Test
  void writeToReadOnlyRootIsFileWriteViolation() {
    String detail = "write refused, the root file system is read-only: " + READ_ONLY_LINE;

    assertEquals(new Judgement(Verdict.VIOLATION, "1 forbidden action(s) refused by the sandbox: FILE_WRITE " + detail,
            List.of(new Violation(ViolationKind.FILE_WRITE, detail, Evidence.PAYLOAD_OUTPUT))),
        VerdictJudge.judge(exited(1, "starting", READ_ONLY_LINE), POLICY, true));
  }

  @Test
  void refusedAttemptIsAViolationEvenWhenThePayloadExitsZero() {
    Judgement judgement = VerdictJudge.judge(exited(0, "touch: /etc/x: Read-only file system"), POLICY, false);

    assertEquals(Verdict.VIOLATION, judgement.verdict());
    assertEquals(List.of(new Violation(ViolationKind.FILE_WRITE,
        "write refused, the root file system is read-only: touch: /etc/x: Read-only file system", Evidence.PAYLOAD_OUTPUT)),
        judgement.violations());
  }

  @Test
  void connectionWithoutNetworkIsNetworkViolation() {
    String detail = "connection refused, the sandbox has no network: " + NETWORK_LINE;

    assertEquals(new Judgement(Verdict.VIOLATION, "1 forbidden action(s) refused by the sandbox: NETWORK " + detail,
            List.of(new Violation(ViolationKind.NETWORK, detail, Evidence.PAYLOAD_OUTPUT))),
        VerdictJudge.judge(exited(1, NETWORK_LINE), POLICY, true));
    assertEquals(List.of(ViolationKind.NETWORK),
        kinds(VerdictJudge.judge(exited(7, "curl: (7) Network unreachable"), POLICY, false)));
    // IPv6 where the engine turned it off.
    assertEquals(List.of(ViolationKind.NETWORK), kinds(VerdictJudge.judge(
        exited(1, "Exception in thread \"main\" java.net.SocketException: Protocol family unavailable"), POLICY, true)));
    assertEquals(List.of(ViolationKind.NETWORK), kinds(VerdictJudge.judge(
        exited(1, "connect: Address family not supported by protocol"), POLICY, false)));
  }

  @Test
  void javasUnknownHostWordsAreEvidenceOnlyWhereNoAgentJudgedTheLookup() {
    String lookup = "java.net.UnknownHostException: apache.org: Temporary failure in name resolution";
    String surefire = "[ERROR]   LookupTest.testDns:164 » UnknownHost apache.org: Temporary failure in name resolution";
    assertEquals(List.of(ViolationKind.DNS, ViolationKind.DNS),
        kinds(VerdictJudge.judge(exited(1, lookup, surefire), POLICY, true)));
    // The agent recorded that lookup (a bare one is a notice): its words do not make it a breach after all.
    assertEquals(Verdict.FAILED,
        VerdictJudge.judge(exited(1, lookup, surefire), POLICY, true, List.of(), true).verdict());
    // A program the agent does not watch still says it.
    assertEquals(List.of(ViolationKind.DNS), kinds(VerdictJudge.judge(
        exited(1, "socket.gaierror: [Errno -3] Temporary failure in name resolution"), POLICY, false, List.of(), true)));
  }

  @Test
  void requestsTheEgressProxyDeniedComeFirstAndMakeAPassingRunAViolation() {
    SandboxPolicy allowlist = SandboxPolicy.builder()
        .network(NetworkPolicy.of("allowlist", List.of("repo.example.org"))).build();
    Violation denied = new Violation(ViolationKind.NETWORK, "denied CONNECT evil.example:443 at 2026-11-23T13:00:00Z"
        + " by the egress proxy: not on the allowlist", Evidence.PAYLOAD_OUTPUT);

    Judgement judgement = VerdictJudge.judge(exited(0, NETWORK_LINE), allowlist, true, List.of(denied));

    assertEquals(Verdict.VIOLATION, judgement.verdict());
    assertEquals(List.of(denied, new Violation(ViolationKind.NETWORK,
        "direct connection refused, the only way out is the egress proxy: " + NETWORK_LINE, Evidence.PAYLOAD_OUTPUT)), judgement.violations());
    assertEquals("2 forbidden action(s) refused by the sandbox: NETWORK " + denied.detail(), judgement.reason());
  }

  @Test
  void programStartRefusedIsExecViolation() {
    String detail = "program start refused (a file on the noexec /tmp, or not executable): " + EXEC_LINE;

    assertEquals(new Judgement(Verdict.VIOLATION, "1 forbidden action(s) refused by the sandbox: EXEC " + detail,
            List.of(new Violation(ViolationKind.EXEC, detail, Evidence.PAYLOAD_OUTPUT))),
        VerdictJudge.judge(exited(1, EXEC_LINE), POLICY, true));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/app/script/drop.sh: 3: /tmp/sh: Permission denied",
      "/app/script/drop.bash: line 3: /dev/shm/tool: Permission denied",
      "sh: 1: /var/tmp/x: Permission denied"})
  void aShellRefusedAProgramInAWritableFolderIsAnExecViolation(String line) {
    String detail = "program start refused (a file on the noexec /tmp, or not executable): " + line;

    assertEquals(List.of(new Violation(ViolationKind.EXEC, detail, Evidence.PAYLOAD_OUTPUT)),
        VerdictJudge.judge(exited(126, line), POLICY, false).violations());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "memfd_create: Operation not permitted",
      "execveat: Operation not permitted",
      "PermissionError: [Errno 1] Operation not permitted: '/proc/self/fd/3'"})
  void aProgramStartedFromMemoryIsAnExecViolation(String line) {
    String detail = "program start from memory refused (memfd_create and execveat would go around the noexec folders): "
        + line;

    assertEquals(List.of(new Violation(ViolationKind.EXEC, detail, Evidence.PAYLOAD_OUTPUT)), VerdictJudge.judge(exited(1, line), POLICY, false).violations());
  }

  @Test
  void evidenceIsCappedAtFivePerKind() {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      lines.add("java.nio.file.FileSystemException: /app/file" + i + ": Read-only file system");
    }
    lines.add(NETWORK_LINE);
    lines.add("java.net.NoRouteToHostException: Network is unreachable (connect failed)");
    lines.add(EXEC_LINE);

    Judgement judgement = VerdictJudge.judge(exited(1, lines.toArray(String[]::new)), POLICY, true);

    assertEquals(Verdict.VIOLATION, judgement.verdict());
    assertEquals(List.of(ViolationKind.FILE_WRITE, ViolationKind.FILE_WRITE, ViolationKind.FILE_WRITE,
        ViolationKind.FILE_WRITE, ViolationKind.FILE_WRITE, ViolationKind.NETWORK, ViolationKind.NETWORK,
        ViolationKind.EXEC), kinds(judgement));
    assertEquals("write refused, the root file system is read-only: " + lines.get(4),
        judgement.violations().get(4).detail());
    assertEquals("8 forbidden action(s) refused by the sandbox: FILE_WRITE write refused, the root file system is"
        + " read-only: " + lines.get(0), judgement.reason());
  }

  @Test
  void evidenceIsFoundInTheTailPastTheOutputLimit() {
    RunOutcome outcome = outcome(1, false, false, List.of("first lines"), List.of("...", READ_ONLY_LINE));

    Judgement judgement = VerdictJudge.judge(outcome, POLICY, true);

    assertEquals(Verdict.VIOLATION, judgement.verdict());
    assertEquals(List.of(new Violation(ViolationKind.FILE_WRITE, "write refused, the root file system is read-only: "
        + READ_ONLY_LINE, Evidence.PAYLOAD_OUTPUT)), judgement.violations());
  }

  @Test
  void heapAndThreadErrorsAreFoundInTheTail() {
    assertEquals(Verdict.OOM, VerdictJudge.judge(
        outcome(3, false, false, List.of(), List.of(HEAP_LINE)), POLICY, true).verdict());
    assertEquals(Verdict.PIDS_EXHAUSTED, VerdictJudge.judge(
        outcome(1, false, false, List.of(), List.of(THREAD_LINE)), POLICY, true).verdict());
  }

  @Test
  void aLineInBothShownAndTailCountsOnce() {
    RunOutcome outcome = outcome(1, false, false, List.of(NETWORK_LINE), List.of(NETWORK_LINE));

    assertEquals(List.of(ViolationKind.NETWORK), kinds(VerdictJudge.judge(outcome, POLICY, true)));
  }

  @Test
  void limitVerdictsCarryTheRefusalsToo() {
    RunOutcome timedOut = outcome(137, false, true, List.of(READ_ONLY_LINE), List.of());
    RunOutcome oomKilled = outcome(137, true, false, List.of(NETWORK_LINE), List.of());
    RunOutcome sigsys = outcome(159, false, false, List.of(EXEC_LINE), List.of());

    assertEquals(List.of(ViolationKind.TIMEOUT, ViolationKind.FILE_WRITE),
        kinds(VerdictJudge.judge(timedOut, POLICY, true)));
    assertEquals(List.of(ViolationKind.MEMORY, ViolationKind.NETWORK),
        kinds(VerdictJudge.judge(oomKilled, POLICY, true)));
    assertEquals(List.of(ViolationKind.SECCOMP, ViolationKind.EXEC), kinds(VerdictJudge.judge(sigsys, POLICY, false)));
  }

  private static RunOutcome exited(long exitCode, String... shownLines) {
    return outcome(exitCode, false, false, List.of(shownLines), List.of());
  }

  private static RunOutcome outcome(long exitCode, boolean oomKilled, boolean timedOut, List<String> shown,
      List<String> tail) {
    return new RunOutcome("c0ffee", exitCode, oomKilled, timedOut, Duration.ofMillis(300_123), shown, tail, 0, 0,
        null);
  }

  private static List<ViolationKind> kinds(Judgement judgement) {
    return judgement.violations().stream().map(Violation::kind).toList();
  }

  @Test
  void aHeapErrorAfterAThreadErrorIsStillOom() {
    Judgement judgement = VerdictJudge.judge(exited(3, THREAD_LINE, HEAP_LINE), POLICY, true);
    assertEquals(Verdict.OOM, judgement.verdict());
  }

  @Test
  void aPreflightRefusalIsErrorNotTheVerdictOfThePayload() {
    Judgement judgement = VerdictJudge.judge(exited(86,
        "sandbox preflight refused to start the payload: root file system is not read-only (rw,relatime)"), POLICY, true);
    assertEquals(new Judgement(Verdict.ERROR, "the hardening was not in effect, so the payload was not started:"
        + " root file system is not read-only (rw,relatime)", List.of()), judgement);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "sh: 1: cannot create /planted: Read-only file system",
      "OSError: [Errno 30] Read-only file system: '/planted'",
      "Error: EROFS: read-only file system, open '/planted'"})
  void scriptWritesToTheRootAreFileWriteViolations(String line) {
    assertEquals(List.of(new Violation(ViolationKind.FILE_WRITE, "write refused, the root file system is read-only: " + line, Evidence.PAYLOAD_OUTPUT)),
        VerdictJudge.judge(exited(1, line), POLICY, false).violations());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Connecting to 198.51.100.7:80... failed: Network is unreachable.",
      "urllib.error.URLError: <urlopen error [Errno 101] Network is unreachable>",
      "Error: connect ENETUNREACH 198.51.100.7:80 - Local (0.0.0.0:0)"})
  void scriptConnectionsWithoutNetworkAreNetworkViolations(String line) {
    Judgement judgement = VerdictJudge.judge(exited(1, line), POLICY, false);

    assertEquals(Verdict.VIOLATION, judgement.verdict());
    assertEquals(List.of(new Violation(ViolationKind.NETWORK, "connection refused, the sandbox has no network: " + line, Evidence.PAYLOAD_OUTPUT)),
        judgement.violations());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "/app/script/probe.sh: 1: Cannot fork",
      "BlockingIOError: [Errno 11] Resource temporarily unavailable",
      "RuntimeError: can't start new thread",
      "Error: spawn sleep EAGAIN",
      "Error: spawnSync /bin/sh EAGAIN"})
  void scriptForkAndSpawnRefusalsArePidsExhausted(String line) {
    Judgement judgement = VerdictJudge.judge(exited(1, line), POLICY, false);

    assertEquals(Verdict.PIDS_EXHAUSTED, judgement.verdict());
    assertEquals(List.of(new Violation(ViolationKind.PIDS, "no new process or thread at the limit of 128: " + line, Evidence.PAYLOAD_OUTPUT)),
        judgement.violations());
  }

  @Test
  void eagainOutsideASpawnIsNotAPidsLimit() {
    assertEquals(Verdict.FAILED, VerdictJudge.judge(exited(1, "Error: EAGAIN: resource temporarily unavailable, read"),
        POLICY, false).verdict());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "mount: /mnt: must be superuser to use mount.",
      "PermissionError: [Errno 1] mount failed: Operation not permitted",
      "umount: /proc: must be superuser to unmount."})
  void mountAttemptsAreMountViolations(String line) {
    String detail = "mount refused (no capabilities, and the seccomp profile denies mount): " + line;

    assertEquals(new Judgement(Verdict.VIOLATION, "1 forbidden action(s) refused by the sandbox: MOUNT " + detail,
            List.of(new Violation(ViolationKind.MOUNT, detail, Evidence.PAYLOAD_OUTPUT))),
        VerdictJudge.judge(exited(32, line), POLICY, false));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "chown: changing ownership of '/tmp/x': Operation not permitted",
      "cat: /proc/1/mountinfo: Operation not permitted",
      "java.nio.file.AccessDeniedException: /mnt/mountpoint: Operation not permitted"})
  void operationNotPermittedWithoutAMountIsAPrivilegedCallNotAMount(String line) {
    Judgement judged = VerdictJudge.judge(exited(1, line), POLICY, false);
    assertEquals(Verdict.VIOLATION, judged.verdict());
    assertEquals(List.of(ViolationKind.SYSCALL), judged.violations().stream().map(Violation::kind).toList());
  }
}
