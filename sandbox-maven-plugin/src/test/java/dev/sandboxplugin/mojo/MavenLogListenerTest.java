package dev.sandboxplugin.mojo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sandboxplugin.progress.SandboxListener;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.monitor.logging.DefaultLog;
import org.codehaus.plexus.logging.AbstractLogger;
import org.codehaus.plexus.logging.Logger;
import org.junit.jupiter.api.Test;

class MavenLogListenerTest {

  @Test
  void noLineWePrintIsAWorkflowCommand() {
    List<String> printed = new ArrayList<>();
    MavenLogListener listener = new MavenLogListener(new DefaultLog(new Recording(printed)));

    listener.warn("  FooTest#bar failed\n::error file=pom.xml,line=1::forged");
    listener.info("##[group]fake ##vso[task.complete result=Succeeded]");
    listener.output(SandboxListener.Stream.STDOUT, "::add-mask::x");

    assertEquals(List.of("WARN   FooTest#bar failed\n\\x3a:error file=pom.xml,line=1::forged",
        "INFO #\\x23[group]fake #\\x23vso[task.complete result=Succeeded]",
        "INFO [sandbox] \\x3a:add-mask::x"), printed);
  }

  /** Maven's log as lines; Maven itself prefixes each with its level. */
  private static final class Recording extends AbstractLogger {
    private final List<String> lines;

    Recording(List<String> lines) {
      super(Logger.LEVEL_DEBUG, "test");
      this.lines = lines;
    }

    @Override
    public void debug(String message, Throwable throwable) {
      lines.add("DEBUG " + message);
    }

    @Override
    public void info(String message, Throwable throwable) {
      lines.add("INFO " + message);
    }

    @Override
    public void warn(String message, Throwable throwable) {
      lines.add("WARN " + message);
    }

    @Override
    public void error(String message, Throwable throwable) {
      lines.add("ERROR " + message);
    }

    @Override
    public void fatalError(String message, Throwable throwable) {
      lines.add("FATAL " + message);
    }

    @Override
    public Logger getChildLogger(String name) {
      return this;
    }
  }
}
