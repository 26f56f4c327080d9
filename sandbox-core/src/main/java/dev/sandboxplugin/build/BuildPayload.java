package dev.sandboxplugin.build;

import dev.sandboxplugin.payload.Payload;
import dev.sandboxplugin.payload.PayloadFile;
import dev.sandboxplugin.payload.PayloadKind;
import dev.sandboxplugin.payload.PayloadLayer;
import dev.sandboxplugin.preflight.Preflight;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step of {@code sandbox:build} as a payload: the image has our tools and, for the build, the repository the
 * resolve step fetched; the project itself is not in the image but put into the running container
 * ({@link ProjectUpload}), so a new commit does not make a new image.
 */
final class BuildPayload implements Payload {

  /** Which of the two runs. */
  enum Step {
    /** Maven reads the project and fetches what the goals need through the artifact channel, then stops. */
    RESOLVE("resolve"),
    /** Maven runs the goals offline; the reports are handed over. */
    BUILD("build");

    final String word;

    Step(String word) {
      this.word = word;
    }
  }

  static final String REPOSITORY = "/app/repository";
  static final String REPORTS_PATH = "/sandbox/reports";

  private final Step step;
  private final Path projectDir;
  private final List<String> mavenArguments;
  private final Map<String, Path> repository;
  private final Path cacheDir;

  /**
   * @param mavenArguments Maven's command line inside, goals included
   * @param repository local repository path to host file: the repository layer (empty for none)
   */
  BuildPayload(Step step, Path projectDir, List<String> mavenArguments, Map<String, Path> repository, Path cacheDir) {
    this.step = step;
    this.projectDir = projectDir;
    this.mavenArguments = List.copyOf(mavenArguments);
    // Sorted: the layer's order is part of the image's fingerprint.
    this.repository = new java.util.TreeMap<>(repository);
    this.cacheDir = cacheDir;
  }

  @Override
  public PayloadKind kind() {
    return PayloadKind.BUILD;
  }

  @Override
  public String description() {
    return (step == Step.RESOLVE ? "the resolve step of the Maven build of " : "the Maven build of ") + projectDir;
  }

  // Both steps run on the same image when they have the same repository: the step is the command, not a layer.
  @Override
  public String origin() {
    return "build " + projectDir;
  }

  int repositoryFiles() {
    return repository.size();
  }

  @Override
  public List<PayloadLayer> layers() {
    List<PayloadLayer> layers = new ArrayList<>();
    layers.add(BuildTools.layer(cacheDir));
    if (!repository.isEmpty()) {
      List<PayloadFile> files = new ArrayList<>();
      repository.forEach((local, host) -> files.add(new PayloadFile(host, REPOSITORY + "/" + local)));
      layers.add(new PayloadLayer("repository", files));
    }
    return layers;
  }

  @Override
  public List<String> command() {
    List<String> command = new ArrayList<>(List.of("/bin/sh", Preflight.SHELL_FORM, "/bin/sh",
        BuildTools.LAUNCHER, step.word));
    command.addAll(mavenArguments);
    return command;
  }

  @Override
  public boolean runsOnJvm() {
    // The build's own output is full of Java's words (a test that expects an OutOfMemoryError, say): only the
    // kernel's facts and the agent's records decide.
    return false;
  }

  @Override
  public boolean needsScriptInterpreters() {
    return true;
  }

  @Override
  public Optional<String> reportsPath() {
    return step == Step.BUILD ? Optional.of(REPORTS_PATH) : Optional.empty();
  }
}
