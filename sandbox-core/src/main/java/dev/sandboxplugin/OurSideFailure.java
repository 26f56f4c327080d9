package dev.sandboxplugin;

import com.github.dockerjava.api.exception.DockerException;
import dev.sandboxplugin.engine.EngineLostException;
import dev.sandboxplugin.engine.EngineMessage;
import dev.sandboxplugin.engine.EngineUnavailableException;
import dev.sandboxplugin.image.ImageBuildException;
import dev.sandboxplugin.network.EgressProxyException;
import java.util.Optional;

/**
 * Failures on our side (engine, image, proxy) that end a run with verdict ERROR and one line saying why, instead
 * of an exception: mapped here once, for every kind of run.
 */
final class OurSideFailure {

  private OurSideFailure() {}

  /** The reason to report for {@code failure}, or empty when it is not ours to report (a bug: rethrow it). */
  static Optional<String> reasonFor(RuntimeException failure) {
    if (failure instanceof EngineUnavailableException || failure instanceof ImageBuildException
        || failure instanceof EgressProxyException || failure instanceof EngineLostException) {
      return Optional.of(failure.getMessage());
    }
    if (failure instanceof DockerException) {
      return Optional.of("the Docker engine refused or failed a request: " + EngineMessage.of(failure)
          + "; is the engine healthy and does it have disk space?");
    }
    if (EngineLostException.isConnectionFailure(failure)) {
      return Optional.of("the Docker engine stopped answering (" + EngineLostException.rootMessage(failure)
          + "); is it running? Any container of this run is removed by the next run once the engine is back");
    }
    return Optional.empty();
  }
}
