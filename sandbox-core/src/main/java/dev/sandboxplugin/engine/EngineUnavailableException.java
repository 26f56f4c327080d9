package dev.sandboxplugin.engine;

/** No Docker engine answers where we looked; the message says where and what to do. */
public class EngineUnavailableException extends RuntimeException {

  public EngineUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
