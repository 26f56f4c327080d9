package dev.sandboxplugin.network;

/** The egress proxy of an allowlist run could not be set up; the run ends with verdict ERROR naming why. */
public class EgressProxyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public EgressProxyException(String message) {
    super(message);
  }

  public EgressProxyException(String message, Throwable cause) {
    super(message, cause);
  }
}
