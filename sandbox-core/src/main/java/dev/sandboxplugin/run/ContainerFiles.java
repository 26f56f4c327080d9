package dev.sandboxplugin.run;

import java.io.InputStream;

/**
 * The engine's archive API on one running container, and its stdin when an attachment asked for it: what
 * attachments use to move files in and out.
 */
public interface ContainerFiles {

  /** The container's stdin, to write to from any thread (whole messages under one lock); null when not asked for. */
  default java.io.OutputStream stdin() {
    return null;
  }

  /** A tar of {@code containerPath} (its entries start with the folder's own name); the caller closes it. */
  InputStream read(String containerPath);

  /** Unpacks {@code tar} into the folder {@code containerPath}. */
  void write(String containerPath, InputStream tar);
}
