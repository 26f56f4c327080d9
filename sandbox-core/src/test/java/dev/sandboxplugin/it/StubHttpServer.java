package dev.sandboxplugin.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.sandboxplugin.SandboxSpec;
import dev.sandboxplugin.engine.DockerEngine;
import dev.sandboxplugin.image.BaseImage;
import dev.sandboxplugin.image.PayloadImage;
import dev.sandboxplugin.image.PayloadImageBuilder;
import dev.sandboxplugin.payload.SourceFilePayload;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.run.HardenedHostConfig;
import dev.sandboxplugin.run.RunLabels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The tests' own "internet": a network of the test's own with one HTTP server container on it, answering on port
 * 8080 under the names it is given as network aliases. Built offline on the same base as the payloads, labelled
 * with a run of its own so that a killed test run is swept like any other.
 */
final class StubHttpServer implements AutoCloseable {

  static final int PORT = 8080;
  private static final String SOURCE = """
      import com.sun.net.httpserver.HttpServer;
      import java.net.InetSocketAddress;
      public class Stub {
        public static void main(String[] args) throws Exception {
          HttpServer server = HttpServer.create(new InetSocketAddress(8080), 16);
          server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("stub says hello to " + exchange.getRequestHeaders().getFirst("Host")).getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
          server.start();
          System.out.println("stub ready");
        }
      }
      """;

  final String runId = UUID.randomUUID().toString();
  final String network = "sandbox-it-net-" + runId;
  private final String container = "sandbox-it-stub-" + runId;
  private final DockerEngine engine = DockerEngine.connect();
  private final DockerClient client = engine.client();
  private String imageId;
  private String address;

  /** Starts the server under {@code aliases} on a fresh network; the image is built from source in {@code dir}. */
  StubHttpServer(Path dir, String... aliases) throws IOException {
    var labels = RunLabels.forRun(runId, Instant.now().plus(Duration.ofMinutes(30)));
    try {
      client.createNetworkCmd().withName(network).withDriver("bridge").withLabels(labels).exec();
      Path source = dir.resolve("Stub.java");
      Files.writeString(source, SOURCE);
      PayloadImage image = new PayloadImageBuilder(engine, SandboxRuns.CACHE)
          .build(BaseImage.offlineJava(), new SourceFilePayload(source, List.of()));
      imageId = image.imageId();
      client.createContainerCmd(image.reference()).withName(container)
          .withEntrypoint("java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "/app/src/Stub.java")
          .withCmd(List.of()).withLabels(labels).withAliases(aliases)
          .withHostConfig(HardenedHostConfig.from(SandboxPolicy.builder().build(), engine.kind()).withNetworkMode(network)
              .withMounts(List.of()))
          .exec();
      client.startContainerCmd(container).exec();
      awaitReady();
      address = client.inspectContainerCmd(container).exec().getNetworkSettings().getNetworks().get(network)
          .getIpAddress();
    } catch (RuntimeException | IOException e) {
      close();
      throw e;
    }
  }

  /** The server's address on its network: reachable only by what joins that network. */
  String address() {
    return address;
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      StringBuilder text = new StringBuilder();
      try {
        client.logContainerCmd(container).withStdOut(true).withStdErr(true)
            .exec(new ResultCallback.Adapter<Frame>() {
              @Override
              public void onNext(Frame frame) {
                text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
              }
            }).awaitCompletion(5, TimeUnit.SECONDS);
        if (text.toString().contains("stub ready")) {
          return;
        }
        if (!Boolean.TRUE.equals(client.inspectContainerCmd(container).exec().getState().getRunning())) {
          throw new IllegalStateException("the stub server stopped: " + text);
        }
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("the stub server did not start within 60 s");
  }

  @Override
  public void close() {
    try {
      client.removeContainerCmd(container).withForce(true).exec();
    } catch (RuntimeException neverCreated) {
      // Nothing to remove.
    }
    try {
      client.removeNetworkCmd(network).exec();
    } catch (RuntimeException neverCreated) {
      // Nothing to remove.
    }
    if (imageId != null) {
      try {
        client.removeImageCmd(imageId).withForce(true).exec();
      } catch (RuntimeException inUse) {
        // Another test's image of the same content; it goes with that one.
      }
    }
    engine.close();
  }
}
