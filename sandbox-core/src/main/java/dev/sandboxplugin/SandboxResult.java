package dev.sandboxplugin;

import dev.sandboxplugin.report.RunReport;
import java.nio.file.Path;

/** The report of a run and where it was written. */
public record SandboxResult(RunReport report, Path reportFile) {

  public boolean passed() {
    return report.verdict().passed();
  }
}
