package dev.sandboxplugin.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.run.CollectedFiles;
import dev.sandboxplugin.verdict.Evidence;
import dev.sandboxplugin.verdict.Judgement;
import dev.sandboxplugin.verdict.Verdict;
import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveRecordsTest {

  private static final String PASSING = "{\"test\":{\"class\":\"a.ATest\",\"name\":\"adds\",\"outcome\":\"passed\",\"seconds\":0.01}}";
  private static final String FAILING = "{\"test\":{\"class\":\"a.ATest\",\"name\":\"fails\",\"outcome\":\"failure\","
      + "\"seconds\":0.02,\"message\":\"expected: <1> but was: <2>\",\"type\":\"org.opentest4j.AssertionFailedError\","
      + "\"trace\":\"org.opentest4j.AssertionFailedError: expected\"}}";
  private static final String END = "{\"end\":{\"tests\":2}}";

  @TempDir
  Path dir;

  @Test
  void onlyLinesWithThisRunsTokenAreRecords() {
    LiveRecords live = new LiveRecords();
    String token = live.environment().get(LiveRecords.TOKEN_VARIABLE);

    assertFalse(live.onStdoutLine("[sandbox-record] not-the-token " + PASSING, null));
    assertTrue(live.onStdoutLine("half a line printed without a break[sandbox-record] " + token + " " + PASSING, null));
    assertTrue(live.onStdoutLine("[sandbox-record] " + token + " {not json", null));

    assertEquals(1, live.tests().size());
    assertEquals(1, live.unreadable());
    assertFalse(live.ended());
  }

  @Test
  void anEndWhoseCountIsNotTheResultsThatCameIsARefusal() throws Exception {
    // One result lost on the way (or, the same to the host, one forged end): the run does not add up.
    TestRun run = TestReports.write(handedOver(Map.of()), dir, live(PASSING, END));

    assertEquals(List.of(new Violation(ViolationKind.REPORT, "the runner's end record says 2 test(s) ran, but 1"
        + " result(s) came while the tests ran: records were lost on the way, or forged by a test", Evidence.HOST)), run.refused());
    assertNull(live(PASSING, FAILING, END).countMismatch());
  }

  @Test
  void anAgreeingReportIsKeptAsItCame() throws Exception {
    byte[] report = report("<testcase name=\"adds\" classname=\"a.ATest\"/>"
        + "<testcase name=\"fails\" classname=\"a.ATest\"><failure message=\"m\"/></testcase>");
    LiveRecords live = live(PASSING, FAILING, END);

    TestRun run = TestReports.write(handedOver(Map.of("TEST-a.ATest.xml", report)), dir, live);

    assertArrayEquals(report, Files.readAllBytes(dir.resolve("TEST-a.ATest.xml")));
    assertEquals(List.of(), run.refused());
    assertEquals(2, run.run());
    assertEquals(1, run.failures());
    assertNull(run.stoppedEarly());
  }

  @Test
  void aReportRewrittenToPassIsRefusedAndTheHostWritesTheLiveOne() throws Exception {
    byte[] forged = report("<testcase name=\"adds\" classname=\"a.ATest\"/><testcase name=\"fails\" classname=\"a.ATest\"/>");

    TestRun run = TestReports.write(handedOver(Map.of("TEST-a.ATest.xml", forged)), dir, live(PASSING, FAILING, END));

    assertEquals(1, run.refused().size());
    Violation refusal = run.refused().get(0);
    assertEquals(ViolationKind.REPORT, refusal.kind());
    assertEquals(Evidence.HOST, refusal.source());
    assertTrue(refusal.detail().startsWith("report file 'TEST-a.ATest.xml' refused: it says 'a.ATest#fails passed'"),
        refusal.detail());
    String written = Files.readString(dir.resolve("TEST-a.ATest.xml"));
    assertTrue(written.contains("<failure message=\"expected: &lt;1&gt; but was: &lt;2&gt;\""), written);
    assertTrue(written.contains("sandbox.source"), written);
    assertEquals(1, run.failures());
  }

  @Test
  void resultsThatNeverCameInAFileStillCount() throws Exception {
    TestRun run = TestReports.write(CollectedFiles.none(), dir, live(PASSING, FAILING, END));

    assertTrue(run.reported());
    assertEquals(2, run.run());
    assertEquals(List.of("a.ATest#fails failure: expected: <1> but was: <2>"), run.failed());
    assertTrue(Files.exists(dir.resolve("TEST-a.ATest.xml")));
  }

  @Test
  void aStreamThatStopsBeforeItsEndIsNeverAPass() throws Exception {
    byte[] report = report("<testcase name=\"adds\" classname=\"a.ATest\"/>");

    TestRun run = TestReports.write(handedOver(Map.of("TEST-a.ATest.xml", report)), dir, live(PASSING));
    Judgement judged = TestVerdict.judge(new Judgement(Verdict.PASSED, "exited 0", List.of()), run, 0L, null);

    assertEquals("after 1 test(s), the last a.ATest#adds", run.stoppedEarly());
    assertEquals(Verdict.FAILED, judged.verdict());
    assertTrue(judged.reason().startsWith("the test run stopped after 1 test(s)"), judged.reason());
  }

  @Test
  void theSameTestTwiceWithTwoOutcomesIsAForgeryAndTheFailureCounts() throws Exception {
    String forgedPass = FAILING.replace("\"failure\"", "\"passed\"");

    TestRun run = TestReports.write(CollectedFiles.none(), dir, live(FAILING, forgedPass, END));

    assertEquals(1, run.run());
    assertEquals(1, run.failures());
    assertTrue(run.refused().get(0).detail().startsWith("test a.ATest#fails was reported twice"),
        run.refused().toString());
  }

  @Test
  void attemptsSentLiveSurviveAnEmptiedFile() throws Exception {
    String attempt = "{\"attempt\":{\"kind\":\"NETWORK\",\"detail\":\"connection to 198.51.100.7:80\","
        + "\"test\":\"a.ATest#adds\",\"time\":\"2026-01-01T00:00:00Z\",\"stack\":[\"a.ATest.adds(ATest.java:9)\"]}}";
    CollectedFiles erased = handedOver(Map.of("attempts.jsonl", new byte[0]));

    TestRun run = TestReports.write(erased, dir, live(attempt, PASSING, END));

    assertEquals(List.of(new Violation(ViolationKind.NETWORK, "connection to 198.51.100.7:80", "a.ATest#adds",
        List.of("a.ATest.adds(ATest.java:9)"), Evidence.AGENT)), run.attempts());
  }

  private static LiveRecords live(String... records) {
    LiveRecords live = new LiveRecords();
    for (String record : records) {
      live.accept(record);
    }
    return live;
  }

  private static CollectedFiles handedOver(Map<String, byte[]> files) {
    return new CollectedFiles(true, files, List.of());
  }

  private static byte[] report(String cases) {
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><testsuite name=\"a.ATest\">" + cases + "</testsuite>")
        .getBytes(StandardCharsets.UTF_8);
  }
}
