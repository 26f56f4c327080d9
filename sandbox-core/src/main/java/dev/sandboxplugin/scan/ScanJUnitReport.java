package dev.sandboxplugin.scan;

import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;

/**
 * The scan as one JUnit XML suite, a test case per flagged commit that fails unless its code passed in the sandbox,
 * so a merge request's test widget (GitLab {@code artifacts:reports:junit}) lists the AI commits and their verdicts
 * beside the sandboxed tests' own {@code TEST-*.xml}.
 */
public final class ScanJUnitReport {

  private ScanJUnitReport() {}

  public static String render(ScanReport report) {
    int failures = 0;
    int skipped = 0;
    StringBuilder cases = new StringBuilder();
    for (ScanReport.CommitResult commit : report.commits()) {
      String name = commit.shortId() + " " + commit.subject() + " (" + commit.author() + ")";
      cases.append("  <testcase classname=\"sandbox.scan\" name=\"").append(xml(name)).append("\" time=\"0\"");
      if (commit.verdict() == null) {
        skipped++;
        String why = commit.notes().isEmpty() ? "it changed no test, tested class or script"
            : String.join("; ", commit.notes());
        cases.append(">\n    <skipped message=\"").append(xml("nothing of it could run: " + why))
            .append("\"/>\n  </testcase>\n");
      } else if (commit.verdict().passed()) {
        cases.append("/>\n");
      } else {
        failures++;
        StringBuilder text = new StringBuilder("rules: ").append(String.join(", ",
            commit.rules().stream().map(r -> r.rule() + " (" + r.matched() + ")").toList())).append('\n');
        for (Violation violation : commit.violations()) {
          text.append(violation.kind()).append(": ").append(violation.detail())
              .append(violation.test() == null ? "" : " in " + violation.test()).append('\n');
        }
        cases.append(">\n    <failure type=\"").append(commit.verdict()).append("\" message=\"")
            .append(xml("sandbox verdict " + commit.verdict() + ", " + commit.violations().size() + " violation(s), "
                + (commit.failures() + commit.errors()) + " failing test(s)"))
            .append("\">").append(xml(text.toString())).append("</failure>\n  </testcase>\n");
      }
    }
    for (ScanReport.ConfigChange change : report.configChanges()) {
      failures++;
      String name = change.shortId() + " changes " + change.path() + " (" + change.author() + ")";
      cases.append("  <testcase classname=\"sandbox.scan.config\" name=\"").append(xml(name))
          .append("\" time=\"0\">\n    <failure type=\"").append(ViolationKind.CONFIG_CHANGE).append("\" message=\"")
          .append(xml(change.what() + " changed at line " + change.line())).append("\"/>\n  </testcase>\n");
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"sandbox-scan\" tests=\""
        + (report.commits().size() + report.configChanges().size()) + "\" failures=\"" + failures
        + "\" errors=\"0\" skipped=\"" + skipped + "\">\n" + cases + "</testsuite>\n";
  }

  // Commit text is anyone's: markup escaped, and characters XML 1.0 cannot carry dropped.
  static String xml(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        case '\n' -> out.append("&#10;");
        case '\t' -> out.append("&#9;");
        default -> {
          if ((c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000) {
            out.appendCodePoint(c);
          }
        }
      }
    });
    return out.toString();
  }
}
