package dev.sandboxplugin.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.verdict.Evidence;
import dev.sandboxplugin.verdict.Verdict;
import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarkdownSummaryTest {

  @TempDir Path dir;

  @Test
  void verdictLimitsAndAViolationsTable() throws Exception {
    RunReport report = ReportSamples.report(Verdict.VIOLATION, "1 forbidden action", "enforce",
        List.of(new Violation(ViolationKind.FILE_WRITE, "write refused: /etc/passwd", Evidence.PAYLOAD_OUTPUT)));
    Path file = MarkdownSummary.write(report, dir);

    String md = Files.readString(file);
    assertEquals(dir.resolve("summary.md"), file);
    assertTrue(md.startsWith("## Sandbox: VIOLATION\n\n1 forbidden action\n\n| | |\n|---|---|\n"), md);
    assertTrue(md.contains("| Limits | memory 256m, cpus 0\\.5, pids 64, timeout 1m, /tmp 64m |\n"), md);
    assertTrue(md.contains("| Exit code | 1 |\n| Duration | 870 ms |\n"), md);
    assertTrue(md.contains("| Writable | /tmp, /app/out \\(16m\\) |\n"), md);
    assertTrue(md.contains("| Policy | sha256\\:0123 from /work/project/sandbox\\-policy\\.yaml |\n"), md);
    assertTrue(md.contains("### Violations: 1\n\n| # | Kind | Detail | Seen by |\n|---|---|---|---|\n"
        + "| 1 | FILE\\_WRITE | write refused\\: /etc/passwd | payload-output |\n\n"), md);
    assertTrue(md.endsWith("\n1 of 1 seen only from inside the payload \\(payload\\-output\\)\\: the kernel refused them,"
        + " but a payload that hides its errors or disarms the agent leaves no such trace\n"), md);
  }

  @Test
  void noViolations() {
    String md = MarkdownSummary.toMarkdown(ReportSamples.report(Verdict.PASSED, "exit 0", "enforce", List.of()));
    assertTrue(md.endsWith("### Violations: 0\n\nNone seen.\n"), md);
  }

  @Test
  void hostileDetailsStayInTheirCell() {
    String hostile = "a | b |\n| injected | row |\r\n`code` <script>alert(1)</script> <img src=x onerror=y>"
        + " [click](https://evil.example) ![i](x) **bold** @octocat # heading \u001b[31mred \u202eevil";
    RunReport report = ReportSamples.report(Verdict.VIOLATION, hostile, "enforce",
        List.of(new Violation(ViolationKind.NETWORK, hostile, Evidence.PAYLOAD_OUTPUT)));
    String md = MarkdownSummary.toMarkdown(report);

    String row = md.lines().filter(line -> line.startsWith("| 1 |")).findFirst().orElseThrow();
    assertEquals(md.lines().filter(line -> line.startsWith("| 1 |")).count(), 1, md);
    // Only the table's own pipes are unescaped: 4 of them, for 3 cells.
    assertEquals(5, row.replace("\\|", "").chars().filter(c -> c == '|').count(), row);
    assertFalse(md.contains("<script"), md);
    assertFalse(md.contains("<img"), md);
    assertFalse(md.contains("](https"), md);
    assertFalse(md.contains("@octocat"), md);
    assertFalse(md.replace("\\`", "").contains("`"), md);
    assertFalse(md.contains("\u001b"), md);
    assertFalse(md.contains("\u202e"), md);
    assertTrue(row.contains("&lt;script&gt;alert\\(1\\)&lt;/script&gt;"), row);
    assertTrue(row.contains("\\\\x1b\\[31mred"), row);
    assertTrue(md.lines().noneMatch(line -> line.startsWith("| injected")), md);
  }

  @ParameterizedTest
  @CsvSource(delimiterString = " => ", quoteCharacter = '\'', value = {
      "a|b => a\\|b",
      "`x` => \\`x\\`",
      "<b> => &lt;b&gt;",
      "a&b => a&amp;b",
      "\"q\" => &quot;q&quot;",
      "*_~ => \\*\\_\\~",
      "[x](y) => \\[x\\]\\(y\\)",
      "a\\b => a\\\\b",
      "@you => &#64;you",
  })
  void escapes(String raw, String escaped) {
    assertEquals(escaped, MarkdownText.escape(raw));
  }

  @Test
  void newlinesAndLongTextStayOnOneLine() {
    assertEquals("one \u21b5 two \u21b5 three \u21b5 four", MarkdownText.escape("one\ntwo\r\nthree\rfour"));
    String longText = "x".repeat(MarkdownText.MAX_LENGTH + 50);
    assertEquals("x".repeat(MarkdownText.MAX_LENGTH) + " \u2026 (50 more characters in the JSON report)",
        MarkdownText.escape(longText));
  }

  @Test
  void manyViolationsAreCut() {
    List<Violation> violations = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      violations.add(new Violation(ViolationKind.EXEC, "attempt " + i, Evidence.PAYLOAD_OUTPUT));
    }
    String md = MarkdownSummary.toMarkdown(ReportSamples.report(Verdict.VIOLATION, "many", "enforce", violations));
    assertEquals(50, md.lines().filter(line -> line.matches("\\| \\d+ \\| EXEC \\|.*")).count(), md);
    assertTrue(md.contains("\n10 more in report.json.\n"), md);
  }
}
