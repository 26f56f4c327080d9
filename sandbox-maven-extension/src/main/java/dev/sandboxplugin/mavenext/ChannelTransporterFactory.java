package dev.sandboxplugin.mavenext;

import javax.inject.Named;
import javax.inject.Singleton;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.spi.connector.transport.Transporter;
import org.eclipse.aether.spi.connector.transport.TransporterFactory;
import org.eclipse.aether.transfer.NoTransporterException;

/**
 * Serves repositories whose URL has the {@code sandbox-channel:} scheme, the only one the Maven inside the
 * sandbox is given (a mirror of everything, in the settings the host writes): each file comes through the
 * {@link ArtifactChannel}. Any other repository gets no transporter from us.
 */
@Named("sandbox-channel")
@Singleton
public final class ChannelTransporterFactory implements TransporterFactory {

  static final String SCHEME = "sandbox-channel";

  @Override
  public Transporter newInstance(RepositorySystemSession session, RemoteRepository repository)
      throws NoTransporterException {
    if (!SCHEME.equals(repository.getProtocol())) {
      throw new NoTransporterException(repository);
    }
    ArtifactChannel channel = ArtifactChannel.fromEnvironment();
    if (channel == null) {
      // The build itself runs offline with no channel at all; only the resolve step has one.
      throw new NoTransporterException(repository, "no artifact channel in this run: the build runs offline");
    }
    return new ChannelTransporter(channel);
  }

  @Override
  public float getPriority() {
    return 100;
  }
}
