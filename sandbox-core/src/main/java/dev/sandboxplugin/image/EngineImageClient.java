package dev.sandboxplugin.image;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.DockerClient;
import com.google.cloud.tools.jib.api.ImageDetails;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.image.ImageTarball;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Jib's engine client implemented on docker-java: Jib would otherwise shell out to the {@code docker} CLI,
 * which a CI image need not have and which would not follow our engine discovery.
 */
final class EngineImageClient implements DockerClient {

  private final com.github.dockerjava.api.DockerClient engine;

  EngineImageClient(com.github.dockerjava.api.DockerClient engine) {
    this.engine = engine;
  }

  @Override
  public boolean supported(Map<String, String> parameters) {
    return true;
  }

  @Override
  public String load(ImageTarball imageTarball, Consumer<Long> writtenByteCountListener)
      throws InterruptedException, IOException {
    AtomicReference<IOException> writeFailure = new AtomicReference<>();
    try (PipedInputStream fromJib = new PipedInputStream(1 << 16)) {
      PipedOutputStream toEngine = new PipedOutputStream(fromJib);
      Thread writer = new Thread(() -> {
        try (OutputStream out = toEngine) {
          imageTarball.writeTo(out);
        } catch (IOException e) {
          writeFailure.set(e);
        }
      }, "sandbox-image-load");
      writer.setDaemon(true);
      writer.start();
      // The async form, because the engine reports a failed load (a full disk, say) only in the response's stream,
      // which the plain load call drops: the image would then be missing with no word why.
      LoadErrors errors = new LoadErrors();
      try {
        engine.loadImageAsyncCmd(fromJib).exec(errors).awaitCompletion();
      } catch (DockerException e) {
        throw new IOException("the engine refused the image: " + e.getMessage(), e);
      } finally {
        writer.join(60_000);
      }
      if (errors.message != null) {
        throw new IOException("the engine could not load the image: " + errors.message
            + (errors.message.contains("no space left") ? " (the engine's disk is full)" : ""));
      }
    }
    if (writeFailure.get() != null) {
      throw writeFailure.get();
    }
    writtenByteCountListener.accept(imageTarball.getTotalLayerSize());
    return "";
  }

  @Override
  public void save(ImageReference imageReference, Path outputPath, Consumer<Long> writtenByteCountListener)
      throws IOException {
    try (InputStream saved = engine.saveImageCmd(imageReference.toString()).exec()) {
      long bytes = Files.copy(saved, outputPath, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      writtenByteCountListener.accept(bytes);
    } catch (DockerException e) {
      throw new IOException("the engine cannot save " + imageReference + ": " + e.getMessage(), e);
    }
  }

  @Override
  public ImageDetails inspect(ImageReference imageReference) throws IOException {
    InspectImageResponse image;
    try {
      image = engine.inspectImageCmd(imageReference.toString()).exec();
    } catch (DockerException e) {
      throw new IOException("the engine has no image " + imageReference + ": " + e.getMessage(), e);
    }
    long size = image.getSize() == null ? 0L : image.getSize();
    String imageId = image.getId();
    List<String> layers = image.getRootFS() == null || image.getRootFS().getLayers() == null
        ? List.of() : image.getRootFS().getLayers();
    return new ImageDetails() {
      @Override
      public long getSize() {
        return size;
      }

      @Override
      public DescriptorDigest getImageId() throws DigestException {
        return DescriptorDigest.fromDigest(imageId);
      }

      @Override
      public List<DescriptorDigest> getDiffIds() throws DigestException {
        List<DescriptorDigest> diffIds = new ArrayList<>();
        for (String layer : layers) {
          diffIds.add(DescriptorDigest.fromDigest(layer.trim()));
        }
        return diffIds;
      }
    };
  }

  /** Keeps the first error the engine reports while loading. */
  private static final class LoadErrors
      extends com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.LoadResponseItem> {
    private volatile String message;

    @Override
    public void onNext(com.github.dockerjava.api.model.LoadResponseItem item) {
      if (message == null && item.getErrorDetail() != null) {
        message = item.getErrorDetail().getMessage();
      } else if (message == null && item.getError() != null) {
        message = item.getError();
      }
    }

    @Override
    public void onError(Throwable throwable) {
      if (message == null) {
        message = throwable.getMessage();
      }
      try {
        close();
      } catch (IOException ignored) {
        // Nothing left to release.
      }
    }
  }
}
