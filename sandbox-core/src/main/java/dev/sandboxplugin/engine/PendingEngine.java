package dev.sandboxplugin.engine;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A connection to the engine made in the background while the caller does work that needs no engine (reading the
 * tree, fingerprinting its inputs): loading the client and the first round trip take a moment in a fresh JVM.
 * {@link #get} waits for it and throws what connecting threw; {@link #close} closes what was connected, however
 * far the caller got.
 */
public final class PendingEngine implements AutoCloseable {

  private final CompletableFuture<DockerEngine> connection;

  private PendingEngine(CompletableFuture<DockerEngine> connection) {
    this.connection = connection;
  }

  /** Starts connecting with {@code engines} beside the caller. */
  public static PendingEngine connect(Supplier<DockerEngine> engines) {
    return new PendingEngine(Background.supply("sandbox-engine-connect", engines));
  }

  /** The engine, once connected; throws what connecting threw. */
  public DockerEngine get() {
    return Background.await(connection,
        interrupted -> new EngineUnavailableException("interrupted while connecting to the Docker engine", interrupted));
  }

  @Override
  public void close() {
    Background.closeWhenDone(connection, DockerEngine::close);
  }
}
