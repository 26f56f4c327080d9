package dev.sandboxplugin.mavenext;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.eclipse.aether.spi.connector.transport.AbstractTransporter;
import org.eclipse.aether.spi.connector.transport.GetTask;
import org.eclipse.aether.spi.connector.transport.PeekTask;
import org.eclipse.aether.spi.connector.transport.PutTask;

/** Gets and peeks through the {@link ArtifactChannel}; the sandbox never uploads. */
final class ChannelTransporter extends AbstractTransporter {

  private final ArtifactChannel channel;

  ChannelTransporter(ArtifactChannel channel) {
    this.channel = channel;
  }

  @Override
  public int classify(Throwable error) {
    return error instanceof NotOnHost ? ERROR_NOT_FOUND : ERROR_OTHER;
  }

  @Override
  protected void implPeek(PeekTask task) throws Exception {
    answer(task.getLocation().toString(), true);
  }

  @Override
  protected void implGet(GetTask task) throws Exception {
    ArtifactChannel.Answer answer = answer(task.getLocation().toString(), false);
    try (InputStream in = Files.newInputStream(answer.data())) {
      answer.checksums().forEach(task::setChecksum);
      utilGet(task, in, true, Files.size(answer.data()), false);
    } finally {
      Files.deleteIfExists(answer.data());
    }
  }

  private ArtifactChannel.Answer answer(String path, boolean peek) throws IOException, InterruptedException {
    ArtifactChannel.Answer answer = channel.fetch(path, peek);
    if (answer.error() != null) {
      throw new IOException("the host could not fetch " + path + ": " + answer.error());
    }
    if (!answer.found()) {
      throw new NotOnHost(path);
    }
    return answer;
  }

  @Override
  protected void implPut(PutTask task) {
    throw new UnsupportedOperationException("nothing is uploaded from the sandbox");
  }

  @Override
  protected void implClose() {
    // The channel belongs to the run, not to one transporter.
  }

  /** The host's trusted repositories do not have the path. */
  static final class NotOnHost extends IOException {
    NotOnHost(String path) {
      super(path + " is not in the repositories the host trusts");
    }
  }
}
