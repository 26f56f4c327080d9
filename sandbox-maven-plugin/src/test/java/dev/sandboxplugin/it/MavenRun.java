package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandboxplugin.engine.DockerEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One real {@code mvn} run on a copy of an example, as a user would start it: its own JVM, the plugin from an
 * isolated local repository that {@code invoker:install} filled with this build's artifacts, the real engine.
 */
final class MavenRun {

  private static final Path MAVEN_HOME = Path.of(required("sandbox.it.mavenHome"));
  private static final Path REPO = Path.of(required("sandbox.it.repo"));
  private static final Path USER_REPO = Path.of(required("sandbox.it.userRepo"));
  private static final Path EXAMPLES = Path.of(required("sandbox.it.examples")).normalize();
  private static final Path WORK = Path.of(required("sandbox.it.work"));
  static final String PLUGIN_VERSION = required("sandbox.it.pluginVersion");
  static final String PLUGIN = "dev.sandboxplugin:sandbox-maven-plugin:" + PLUGIN_VERSION;
  private static final long MAX_MINUTES = 5;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SETTINGS = writeSettings();

  final Path dir;
  final int exitCode;
  final String log;

  private MavenRun(Path dir, int exitCode, String log) {
    this.dir = dir;
    this.exitCode = exitCode;
    this.log = log;
  }

  /** Copies {@code examples/<example>} (without its {@code target/}) to a fresh folder named after the case. */
  static Path copyOfExample(String example, String caseName) {
    return copyOf(EXAMPLES.resolve(example), WORK.resolve(caseName));
  }

  /** The repository's own folder (examples/ and attacks/ are in it). */
  static Path repository() {
    return EXAMPLES.getParent();
  }

  /** The ITs' fresh folder for {@code name}, emptied. */
  static Path workFolder(String name) throws IOException {
    Path folder = WORK.resolve(name);
    deleteTree(folder);
    return Files.createDirectories(folder);
  }

  /** A loopback port nothing listens on now, for a server the test starts (or for one that is never there). */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** The Maven home the ITs run (its lib/ has Maven's API, for tests that compile against it). */
  static Path mavenHome() {
    return MAVEN_HOME;
  }

  /** The isolated local repository of the ITs' Maven runs. */
  static Path localRepository() {
    return REPO;
  }

  /** Copies {@code source} (without a top {@code target/}) to {@code copy}, emptied first. */
  static Path copyOf(Path source, Path copy) {
    try {
      deleteTree(copy);
      return copyTree(source, copy, relative -> relative.startsWith("target"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + source + " to " + copy, e);
    }
  }

  /**
   * Copies this repository's sources (no {@code target/} at any depth, no {@code .git}, no links) to {@code to}: for
   * tests that build the plugin as a user or the Action would, without touching this build's own target folders.
   */
  static Path copyOfSources(Path to) throws IOException {
    Path from = repository();
    return copyTree(from, to, relative -> Files.isSymbolicLink(from.resolve(relative))
        || java.util.stream.StreamSupport.stream(relative.spliterator(), false)
            .anyMatch(part -> part.toString().equals("target") || part.toString().equals(".git")));
  }

  // Every file and folder under from whose path relative to it is not skipped (nor under a skipped folder).
  private static Path copyTree(Path from, Path to, java.util.function.Predicate<Path> skipped) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path path : walk.toList()) {
        Path relative = from.relativize(path);
        if (!relative.toString().isEmpty() && skipped.test(relative)) {
          continue;
        }
        Path copy = to.resolve(relative.toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    return to;
  }

  /** Runs {@code mvn -B <arguments>} in {@code dir}; its whole output goes to {@code dir/../<dir>.log}. */
  static MavenRun mvn(Path dir, String... arguments) throws IOException, InterruptedException {
    return start(dir, arguments).await();
  }

  /** As {@link #mvn(Path, String...)}, with {@code environment} set for Maven. */
  static MavenRun mvn(Path dir, java.util.Map<String, String> environment, String... arguments)
      throws IOException, InterruptedException {
    return start(dir, environment, arguments).await();
  }

  /**
   * The JVM options of every Maven the ITs start. C1 alone: a Maven run here is seconds long, where C2's compiling
   * only costs CPU (it halves the outer Maven's CPU time on this 2-core machine); nothing under test depends on it.
   */
  static final String JVM_OPTIONS = "-XX:TieredStopAtLevel=1";

  /** What the Action's steps need to start the ITs' Maven their way: its command line and its JVM options. */
  static java.util.Map<String, String> actionEnvironment(Path localRepository, java.util.Map<String, String> more) {
    java.util.Map<String, String> environment = new java.util.HashMap<>(more);
    environment.put("SANDBOX_MAVEN", String.join(" ", command(localRepository)));
    environment.put("MAVEN_OPTS", JVM_OPTIONS);
    return environment;
  }

  /** As {@link #actionEnvironment(Path, java.util.Map)} with the ITs' local repository. */
  static java.util.Map<String, String> actionEnvironment(java.util.Map<String, String> more) {
    return actionEnvironment(REPO, more);
  }

  /** The Maven command line the ITs run, up to the goals: for callers that start Maven their own way. */
  static List<String> command() {
    return command(REPO);
  }

  /** As {@link #command()}, with another local repository (releases still come from the user's). */
  static List<String> command(Path localRepository) {
    return List.of(MAVEN_HOME.resolve("bin/mvn").toString(), "-s", SETTINGS.toString(),
        "-Dmaven.repo.local=" + localRepository, "-Dstyle.color=never");
  }

  /** Starts what {@link #mvn} runs and returns at once, for tests that signal Maven while it runs. */
  static Running start(Path dir, String... arguments) throws IOException {
    return start(dir, java.util.Map.of(), arguments);
  }

  /** As {@link #start(Path, String...)}, with {@code environment} set for Maven (e.g. another DOCKER_HOST). */
  static Running start(Path dir, java.util.Map<String, String> environment, String... arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(MAVEN_HOME.resolve("bin/mvn").toString());
    command.add("-B");
    command.add("-s");
    command.add(SETTINGS.toString());
    command.add("-Dmaven.repo.local=" + REPO);
    command.add("-Dstyle.color=never");
    command.addAll(List.of(arguments));
    Path logFile = dir.resolveSibling(dir.getFileName() + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(logFile.toFile());
    // Options meant for the outer build (a debugger port, say) must not leak into the inner ones.
    builder.environment().remove("MAVEN_ARGS");
    builder.environment().putAll(environment);
    builder.environment().put("MAVEN_OPTS", (JVM_OPTIONS + " " + environment.getOrDefault("MAVEN_OPTS", "")).trim());
    return new Running(dir, builder.start(), logFile, List.of(arguments));
  }

  /**
   * A {@code mvn} process not yet waited for. {@code bin/mvn} execs {@code java}, so {@link #process} is Maven's
   * JVM itself: a signal sent to it reaches Maven, not a shell in between.
   */
  static final class Running {

    final Path dir;
    final Process process;
    private final Path logFile;
    private final List<String> arguments;

    private Running(Path dir, Process process, Path logFile, List<String> arguments) {
      this.dir = dir;
      this.process = process;
      this.logFile = logFile;
      this.arguments = arguments;
    }

    long pid() {
      return process.pid();
    }

    /** Waits for Maven to end (at most the same minutes as {@link #mvn}); the image the run built goes at the end. */
    MavenRun await() throws IOException, InterruptedException {
      if (!process.waitFor(MAX_MINUTES, TimeUnit.MINUTES)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        fail("mvn " + String.join(" ", arguments) + " in " + dir + " did not finish within " + MAX_MINUTES
            + " minutes; see " + logFile);
      }
      MavenRun run = new MavenRun(dir, process.exitValue(), Files.readString(logFile));
      run.removeBuiltImageAtExit();
      return run;
    }

    /** What to show when an assertion fails while Maven may still run. */
    String describe() {
      String log;
      try {
        log = Files.readString(logFile);
      } catch (IOException e) {
        log = "(cannot read " + logFile + ": " + e.getMessage() + ")";
      }
      return "mvn " + String.join(" ", arguments) + " in " + dir + " (pid " + pid() + ", "
          + (process.isAlive() ? "running" : "exit " + process.exitValue()) + "); its log so far:\n" + log;
    }
  }

  // Images the runs built, dropped when the test JVM ends rather than after each run: runs of tests side by side
  // reuse one another's images (same tools, same dependencies), and one removed under a run makes it an ERROR.
  private static final java.util.Set<String> BUILT_IMAGES = java.util.concurrent.ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(MavenRun::removeBuiltImages, "it-image-housekeeping"));
  }

  /** Drops the image a report names when the test JVM ends: housekeeping only. */
  static void removeImage(JsonNode report) {
    String reference = report.path("imageBuild").path("reference").asText("");
    if (!reference.isEmpty()) {
      BUILT_IMAGES.add(reference);
    }
  }

  // Every copy compiles to new file times, hence a new payload image: drop it, or each `mvn verify` leaves a few.
  private void removeBuiltImageAtExit() throws IOException {
    if (!Files.isRegularFile(reportFile())) {
      return;
    }
    JsonNode build = JSON.readTree(reportFile().toFile()).path("imageBuild");
    if (build.path("reference").isTextual() && !build.path("reused").asBoolean(true)) {
      BUILT_IMAGES.add(build.path("reference").asText());
    }
  }

  private static void removeBuiltImages() {
    if (BUILT_IMAGES.isEmpty()) {
      return;
    }
    try (DockerEngine engine = DockerEngine.connect()) {
      for (String reference : BUILT_IMAGES) {
        try {
          engine.client().removeImageCmd(reference).exec();
        } catch (RuntimeException inUseOrGone) {
          // Housekeeping only: a test is not about whether an image could be removed.
        }
      }
    } catch (RuntimeException noEngine) {
      // As above.
    }
  }

  Path reportFile() {
    return dir.resolve("target/sandbox/report.json");
  }

  JsonNode report() throws IOException {
    return report(reportFile());
  }

  /** The report at {@code file} (a sandbox:build writes it into the project it was given). */
  JsonNode report(Path file) throws IOException {
    return report(file, log);
  }

  /** The report at {@code file}, which must be there; {@code describe} says what ran, when it is not. */
  static JsonNode report(Path file, String describe) throws IOException {
    assertTrue(Files.isRegularFile(file), () -> "no report at " + file + "\n" + describe);
    return JSON.readTree(file.toFile());
  }

  List<String> lines() {
    return log.lines().toList();
  }

  /** What to show when an assertion on this run fails. */
  String describe() {
    return "exit " + exitCode + " of mvn in " + dir + "; its log:\n" + log;
  }

  // Resolve releases from the user's repository before Central, so the inner builds need no network once the
  // outer one ran; snapshots only from the isolated repository, so a stale install cannot stand in for this build.
  private static Path writeSettings() {
    Path file = WORK.resolve("settings.xml");
    String repository = "<id>user-repo</id><url>" + USER_REPO.toUri() + "</url>"
        + "<releases><checksumPolicy>ignore</checksumPolicy></releases><snapshots><enabled>false</enabled></snapshots>";
    try {
      Files.createDirectories(WORK);
      Files.writeString(file, "<settings>\n  <profiles>\n    <profile>\n      <id>user-repo</id>\n"
          + "      <activation><activeByDefault>true</activeByDefault></activation>\n"
          + "      <repositories><repository>" + repository + "</repository></repositories>\n"
          + "      <pluginRepositories><pluginRepository>" + repository + "</pluginRepository></pluginRepositories>\n"
          + "    </profile>\n  </profiles>\n</settings>\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return file;
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static String required(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + name + " is not set; run the ITs through `mvn verify`"
          + " (failsafe sets it)");
    }
    return value;
  }
}
