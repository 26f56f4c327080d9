package dev.sandboxplugin.image;

import java.time.Duration;

/**
 * An image in the engine, ready to run.
 *
 * @param reference the tag it was loaded under
 * @param imageId the engine's image id ({@code sha256:...}), which names its exact content
 * @param reused true when an image with the same fingerprint was already there and nothing was built
 * @param buildTime time spent finding or building it
 */
public record PayloadImage(String reference, String imageId, boolean reused, Duration buildTime) {

  /** The payload runs as this uid:gid, which every base image names in its passwd; never root. */
  public static final String USER = "65532:65532";
}
