package dev.sandboxplugin.image;

/** The payload image could not be made; the message says which input and what to do. */
public class ImageBuildException extends RuntimeException {

  public ImageBuildException(String message) {
    super(message);
  }

  public ImageBuildException(String message, Throwable cause) {
    super(message, cause);
  }
}
