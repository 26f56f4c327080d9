package dev.sandboxplugin.run;

import dev.sandboxplugin.verdict.Evidence;
import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
public final class ReportPickup implements RunAttachment {

  /** Must match the test runner's hand-over line. */
  static final String READY = "[sandbox-reports-ready] ";
  static final String COLLECTED = ".collected";
  static final String TOKEN_VARIABLE = "SANDBOX_REPORTS_TOKEN";
  private static final long VOLUME_BYTES = 48L * 1024 * 1024;
  private static final int VOLUME_INODES = 4096;

  private final String containerPath;
  private final ReportArchive.Limits limits;
  private final String token = UUID.randomUUID().toString();
  private final AtomicBoolean picked = new AtomicBoolean();
  private volatile CollectedFiles collected = CollectedFiles.none();

  /** The reports of one test JVM: at most 8 MB a file and 32 MB in all. */
  public ReportPickup(String containerPath) {
    this(containerPath, ReportArchive.Limits.TEST_RUN);
  }

  /** @param limits how much may come out: a whole build's reports are larger than one test JVM's */
  public ReportPickup(String containerPath, ReportArchive.Limits limits) {
    this.containerPath = containerPath;
    this.limits = limits;
  }

  @Override
  public Map<String, String> environment() {
    return Map.of(TOKEN_VARIABLE, token);
  }

  @Override
  public Optional<TmpfsVolume> volume() {
    return Optional.of(new TmpfsVolume(containerPath, Math.max(VOLUME_BYTES, limits.totalBytes() + limits.totalBytes() / 2),
        Math.max(VOLUME_INODES, limits.files() + 100)));
  }

  @Override
  public boolean onStdoutLine(String line, ContainerFiles files) {
    if (!line.equals(READY + token)) {
      return false;
    }
    pickUp(files);
    return true;
  }

  /** Copies the reports out and lets the payload go on; once per run, later ready lines are ignored. */
  private void pickUp(ContainerFiles files) {
    if (!picked.compareAndSet(false, true)) {
      return;
    }
    String folderName = containerPath.substring(containerPath.lastIndexOf('/') + 1);
    try (InputStream tar = files.read(containerPath)) {
      collected = ReportArchive.read(new BoundedInputStream(tar, limits.totalBytes() * 2), folderName,
          List.of(COLLECTED), limits);
    } catch (IOException | RuntimeException e) {
      collected = new CollectedFiles(true, Map.of(), List.of(new Violation(ViolationKind.REPORT,
          "the reports could not be read out of the container: " + e.getMessage(), Evidence.HOST)));
    }
    try {
      files.write(containerPath, collectedMarker());
    } catch (RuntimeException e) {
      // The payload then waits out its own hand-over limit, and exits.
    }
  }

  /** What was handed over; {@link CollectedFiles#none()} when the payload never said its reports were ready. */
  public CollectedFiles collected() {
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
    private final long limit;
    private long left;

    BoundedInputStream(InputStream in, long limit) {
      super(in);
      this.limit = limit;
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        throw new IOException("the reports archive is larger than " + limit + " bytes");
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
        throw new IOException("the reports archive is larger than " + limit + " bytes");
      }
      int read = super.read(buffer, offset, (int) Math.min(length, left));
      if (read > 0) {
        left -= read;
      }
      return read;
    }
  }
}
