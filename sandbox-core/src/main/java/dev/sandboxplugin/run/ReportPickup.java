package dev.sandboxplugin.run;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Driver;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.VolumeOptions;
import dev.sandboxplugin.verdict.Violation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Gets the payload's reports out of the container. They are written to a folder of their own: a size-capped tmpfs
 * volume (noexec, nosuid, nodev), which the engine can read while the container runs but drops when it stops. So
 * the payload says on stdout when they are ready ({@link #READY} and this run's token); then they are copied out
 * through the engine's archive API, checked entry by entry ({@link ReportArchive}), and a {@code .collected} file
 * is put beside them, on which the payload exits.
 */
final class ReportPickup {

  /** Must match the test runner's hand-over line. */
  static final String READY = "[sandbox-reports-ready] ";
  static final String COLLECTED = ".collected";
  static final String TOKEN_VARIABLE = "SANDBOX_REPORTS_TOKEN";
  private static final long VOLUME_BYTES = 48L * 1024 * 1024;

  private final String containerPath;
  private final String token = UUID.randomUUID().toString();
  private final AtomicBoolean picked = new AtomicBoolean();
  private volatile CollectedFiles collected = CollectedFiles.none();

  ReportPickup(String containerPath) {
    this.containerPath = containerPath;
  }

  Map<String, String> environment() {
    return Map.of(TOKEN_VARIABLE, token);
  }

  Mount mount() {
    return new Mount().withType(MountType.VOLUME).withTarget(containerPath)
        .withVolumeOptions(new VolumeOptions().withDriverConfig(new Driver().withName("local").withOptions(Map.of(
            "type", "tmpfs", "device", "tmpfs",
            "o", "size=" + VOLUME_BYTES + ",nr_inodes=4096,mode=0700,uid=65532,gid=65532,noexec,nosuid,nodev"))));
  }

  boolean isReadyLine(String line) {
    return line.equals(READY + token);
  }

  /** Copies the reports out and lets the payload go on; once per run, later ready lines are ignored. */
  void pickUp(DockerClient client, String containerId) {
    if (!picked.compareAndSet(false, true)) {
      return;
    }
    String folderName = containerPath.substring(containerPath.lastIndexOf('/') + 1);
    try (InputStream tar = client.copyArchiveFromContainerCmd(containerId, containerPath).exec()) {
      collected = ReportArchive.read(new BoundedInputStream(tar, ReportArchive.MAX_TOTAL_BYTES * 2), folderName,
          List.of(COLLECTED));
    } catch (IOException | RuntimeException e) {
      collected = new CollectedFiles(true, Map.of(), List.of(new Violation("REPORT",
          "the reports could not be read out of the container: " + e.getMessage())));
    }
    try {
      client.copyArchiveToContainerCmd(containerId).withTarInputStream(collectedMarker())
          .withRemotePath(containerPath).exec();
    } catch (RuntimeException e) {
      // The payload then waits out its own hand-over limit, and exits.
    }
  }

  CollectedFiles collected() {
    return collected;
  }

  private static InputStream collectedMarker() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      TarArchiveEntry entry = new TarArchiveEntry(COLLECTED);
      entry.setSize(0);
      entry.setMode(0444);
      tar.putArchiveEntry(entry);
      tar.closeArchiveEntry();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return new ByteArrayInputStream(bytes.toByteArray());
  }

  /** Stops reading after {@code limit} bytes: the archive stream is as big as the payload made it. */
  private static final class BoundedInputStream extends java.io.FilterInputStream {
    private long left;

    BoundedInputStream(InputStream in, long limit) {
      super(in);
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        throw new IOException("the reports archive is larger than " + ReportArchive.MAX_TOTAL_BYTES * 2 + " bytes");
      }
      int b = super.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (left <= 0) {
        throw new IOException("the reports archive is larger than " + ReportArchive.MAX_TOTAL_BYTES * 2 + " bytes");
      }
      int read = super.read(buffer, offset, (int) Math.min(length, left));
      if (read > 0) {
        left -= read;
      }
      return read;
    }
  }
}
