package dev.sandboxplugin.payload;

/** A file to run is a link: refused, since it could point at any file of the host. */
public final class LinkedFileException extends IllegalArgumentException {

  public LinkedFileException(String message) {
    super(message);
  }
}
