package dev.sandboxplugin.progress;

/** Where a run reports progress and the payload's output; the plugin maps it onto Maven's log. */
public interface SandboxListener {

  /** Which output stream of the payload a line came from. */
  enum Stream {
    STDOUT,
    STDERR
  }

  void info(String message);

  void warn(String message);

  /** One line of payload output, already made safe to print (control characters escaped, workflow commands inert). */
  void output(Stream stream, String line);

  /** A listener that drops everything; for callers that only want the result. */
  static SandboxListener silent() {
    return new SandboxListener() {
      @Override
      public void info(String message) {}

      @Override
      public void warn(String message) {}

      @Override
      public void output(Stream stream, String line) {}
    };
  }
}
