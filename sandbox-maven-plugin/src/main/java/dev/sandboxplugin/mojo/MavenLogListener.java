package dev.sandboxplugin.mojo;

import dev.sandboxplugin.progress.SandboxListener;
import dev.sandboxplugin.run.SafeText;
import org.apache.maven.plugin.logging.Log;

/**
 * Shows a run on Maven's log. Payload output is prefixed so it cannot pass for Maven's own lines: untrusted code
 * must not be able to print a fake {@code BUILD SUCCESS}. Every line, ours too (they quote test names and
 * evidence), has CI workflow commands made inert, whoever runs Maven.
 */
final class MavenLogListener implements SandboxListener {

  static final String STDOUT_PREFIX = "[sandbox] ";
  static final String STDERR_PREFIX = "[sandbox:err] ";

  private final Log log;

  MavenLogListener(Log log) {
    this.log = log;
  }

  @Override
  public void info(String message) {
    log.info(inert(message));
  }

  @Override
  public void warn(String message) {
    log.warn(inert(message));
  }

  // Both streams at info: a payload's stderr is its business, not a warning about the build.
  @Override
  public void output(Stream stream, String line) {
    log.info((stream == Stream.STDERR ? STDERR_PREFIX : STDOUT_PREFIX) + SafeText.neutralizeCommands(line));
  }

  private static String inert(String message) {
    return message.lines().map(SafeText::neutralizeCommands).collect(java.util.stream.Collectors.joining("\n"));
  }
}
