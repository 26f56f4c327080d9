package dev.sandboxplugin.network;

import dev.sandboxplugin.engine.Background;
import dev.sandboxplugin.engine.DockerEngine;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.progress.SandboxListener;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * A run's network opened in the background while the payload's image is found or built: starting the witness
 * or the proxy needs no image of the payload's, and takes a few hundred milliseconds. {@link #get} waits for it
 * and throws what opening threw; {@link #close} removes what was opened, however far the caller got.
 */
public final class PendingNetwork implements AutoCloseable {

  private final CompletableFuture<PayloadNetwork> opening;

  private PendingNetwork(CompletableFuture<PayloadNetwork> opening) {
    this.opening = opening;
  }

  /** Starts {@link PayloadNetwork#open} beside the caller. */
  public static PendingNetwork open(DockerEngine engine, SandboxPolicy policy, Path cacheDir,
      SandboxListener listener) {
    return new PendingNetwork(Background.supply("sandbox-network-open",
        () -> PayloadNetwork.open(engine, policy, cacheDir, listener)));
  }

  /** The network, once open; throws what opening threw. */
  public PayloadNetwork get() {
    return Background.await(opening,
        interrupted -> new EgressProxyException("interrupted while opening the run's network", interrupted));
  }

  @Override
  public void close() {
    // A network that failed to open cleaned up after itself.
    Background.closeWhenDone(opening, PayloadNetwork::close);
  }
}
