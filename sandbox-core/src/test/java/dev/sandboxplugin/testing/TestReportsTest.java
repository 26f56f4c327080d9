package dev.sandboxplugin.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sandboxplugin.run.CollectedFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports with no live record beside them: a build's, whose Surefire wrote them. */
class TestReportsTest {

  @TempDir
  Path dir;

  @Test
  void surefiresReportsAreCountedAndWrittenAsTheyCame() throws Exception {
    byte[] report = ("<testsuite name=\"a.ATest\"><testcase name=\"adds\" classname=\"a.ATest\"/>"
        + "<testcase name=\"fails\" classname=\"a.ATest\"><failure message=\"expected: &lt;1&gt;&#10;but was 2\"/></testcase>"
        + "<testcase name=\"breaks\" classname=\"a.ATest\"><error/></testcase>"
        + "<testcase name=\"later\" classname=\"a.ATest\"><skipped/></testcase></testsuite>")
        .getBytes(StandardCharsets.UTF_8);

    TestRun run = TestReports.write(new CollectedFiles(true, Map.of("TEST-a.ATest.xml", report), List.of()), dir);

    assertEquals(4, run.run());
    assertEquals(1, run.failures());
    assertEquals(1, run.errors());
    assertEquals(1, run.skipped());
    assertEquals(List.of("a.ATest#fails failure: expected: <1>", "a.ATest#breaks error"), run.failed());
    assertNull(run.stoppedEarly());
    assertArrayEquals(report, Files.readAllBytes(dir.resolve("TEST-a.ATest.xml")));
  }
}
