package dev.sandboxplugin.build;

import dev.sandboxplugin.files.SafeTree;
import dev.sandboxplugin.run.ContainerFiles;
import dev.sandboxplugin.run.RunAttachment;
import dev.sandboxplugin.run.TmpfsVolume;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The project's files, put into the running container's {@code /work} (a size-capped tmpfs volume: noexec, nosuid,
 * nodev) through the engine's archive API, then {@code /work/.project-ready}, which the build waits for. Only the
 * files the {@link SafeTree} walk took: links that leave the project never reach the sandbox. Owned by the sandbox's
 * user, so the build can write beside them ({@code target/}), as it would in a checkout.
 */
final class ProjectUpload implements RunAttachment {

  static final String WORK = "/work";
  static final String READY = ".project-ready";
  private static final int SANDBOX_UID = 65532;

  private final SafeTree.Listing tree;
  private final long workBytes;
  private final int workInodes;
  private final AtomicReference<String> failure = new AtomicReference<>();

  ProjectUpload(SafeTree.Listing tree, long workBytes, int workInodes) {
    this.tree = tree;
    this.workBytes = workBytes;
    this.workInodes = workInodes;
  }

  @Override
  public Map<String, String> environment() {
    return Map.of();
  }

  @Override
  public Optional<TmpfsVolume> volume() {
    return Optional.of(new TmpfsVolume(WORK, workBytes, workInodes));
  }

  @Override
  public boolean onStdoutLine(String line, ContainerFiles files) {
    return false;
  }

  @Override
  public void started(ContainerFiles files) {
    try (InputStream tar = archive()) {
      files.write(WORK, tar);
    } catch (IOException | RuntimeException e) {
      // The build then says the project never arrived; this says why.
      failure.set(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
  }

  /** Why the project could not be put into the container, or null. */
  String failure() {
    return failure.get();
  }

  private InputStream archive() throws IOException {
    PipedInputStream in = new PipedInputStream(1 << 16);
    PipedOutputStream out = new PipedOutputStream(in);
    Thread writer = new Thread(() -> {
      try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        // Every folder its own entry, owned by the sandbox's user: the engine would make missing ones root's.
        for (String folder : folders()) {
          tar.putArchiveEntry(directory("project/" + folder));
          tar.closeArchiveEntry();
        }
        for (SafeTree.TreeFile file : tree.files()) {
          TarArchiveEntry entry = new TarArchiveEntry("project/" + file.relativePath());
          entry.setSize(Files.size(file.source()));
          entry.setMode(file.executable() ? 0755 : 0644);
          entry.setIds(SANDBOX_UID, SANDBOX_UID);
          entry.setModTime(Files.getLastModifiedTime(file.source()).toMillis());
          tar.putArchiveEntry(entry);
          Files.copy(file.source(), tar);
          tar.closeArchiveEntry();
        }
        TarArchiveEntry ready = new TarArchiveEntry(READY);
        ready.setSize(0);
        ready.setMode(0644);
        ready.setIds(SANDBOX_UID, SANDBOX_UID);
        tar.putArchiveEntry(ready);
        tar.closeArchiveEntry();
      } catch (IOException readerGone) {
        failure.compareAndSet(null, readerGone.getMessage());
      }
    }, "sandbox-project-upload");
    writer.setDaemon(true);
    writer.start();
    return in;
  }

  private java.util.SortedSet<String> folders() {
    java.util.SortedSet<String> folders = new java.util.TreeSet<>();
    folders.add("");
    // "" stands for project/ itself.
    for (String folder : tree.emptyDirectories()) {
      addWithParents(folders, folder);
    }
    for (SafeTree.TreeFile file : tree.files()) {
      int slash = file.relativePath().lastIndexOf('/');
      if (slash > 0) {
        addWithParents(folders, file.relativePath().substring(0, slash));
      }
    }
    return folders;
  }

  private static void addWithParents(java.util.Set<String> folders, String folder) {
    for (String current = folder; !current.isEmpty(); ) {
      if (!folders.add(current + "/")) {
        return;
      }
      int slash = current.lastIndexOf('/');
      current = slash < 0 ? "" : current.substring(0, slash);
    }
  }

  private static TarArchiveEntry directory(String name) {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setMode(040755);
    entry.setIds(SANDBOX_UID, SANDBOX_UID);
    return entry;
  }
}
