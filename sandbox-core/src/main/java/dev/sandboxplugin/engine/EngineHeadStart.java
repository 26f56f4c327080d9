package dev.sandboxplugin.engine;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The engine connections of one goal, the first begun at once: a goal's own preparation (its policy, its payload's
 * files, its tree) needs no engine, and loading the client and its first round trip take most of a second in
 * Maven's fresh JVM. The first {@link #get} takes that connection, waiting for it if need be; later ones connect
 * anew. Whoever takes a connection closes it; {@link #close} closes the first if nobody took it.
 */
public final class EngineHeadStart implements Supplier<DockerEngine>, AutoCloseable {

  private final Supplier<DockerEngine> engines;
  private CompletableFuture<DockerEngine> first;

  private EngineHeadStart(Supplier<DockerEngine> engines) {
    this.engines = engines;
    this.first = Background.supply("sandbox-engine-head-start", engines);
  }

  /** Begins connecting with {@code engines} beside the caller. */
  public static EngineHeadStart begin(Supplier<DockerEngine> engines) {
    return new EngineHeadStart(engines);
  }

  @Override
  public synchronized DockerEngine get() {
    if (first == null) {
      return engines.get();
    }
    CompletableFuture<DockerEngine> taken = first;
    first = null;
    return Background.await(taken,
        interrupted -> new EngineUnavailableException("interrupted while connecting to the Docker engine", interrupted));
  }

  @Override
  public synchronized void close() {
    if (first != null) {
      // Not waited for: a goal that ends before any run (a bad setting, nothing to scan) ends at once.
      first.thenAccept(DockerEngine::close);
      first = null;
    }
  }
}
