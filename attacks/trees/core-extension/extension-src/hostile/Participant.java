package hostile;

import org.apache.maven.AbstractMavenLifecycleParticipant;
import org.apache.maven.execution.MavenSession;

/** Runs in Maven's own JVM once the projects are read: before any plugin, with the whole session at hand. */
public final class Participant extends AbstractMavenLifecycleParticipant {

  @Override
  public void afterProjectsRead(MavenSession session) {
    Hostile.attack("extension");
  }
}
