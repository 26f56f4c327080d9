package dev.sandboxplugin.engine;

/**
 * The engine stopped answering while a run was under way (stopped, crashed, its socket gone). The run's verdict is
 * then ERROR with this message: what the payload did is unknown, and its container may still exist on that engine
 * until the engine is back and the next run sweeps it.
 */
public class EngineLostException extends RuntimeException {

  public EngineLostException(String message, Throwable cause) {
    super(message, cause);
  }

  /** True when {@code failure} is a broken connection to the engine rather than an answer from it. */
  public static boolean isConnectionFailure(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.io.IOException) {
        return true;
      }
    }
    return false;
  }

  /** The innermost message, which names what broke (connection refused, premature end of stream). */
  public static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }
}
