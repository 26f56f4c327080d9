package dev.sandboxplugin.runnerimage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandboxplugin.engine.DockerEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The Maven local repository baked into the runner image: this build's plugin and everything a job needs to run
 * {@code mvn -o compile sandbox:exec}, {@code test sandbox:test} or {@code install} on the examples without a
 * download. It is filled the honest way: by running real Maven on copies of the examples with an empty local
 * repository, so whatever Maven and the plugin resolve at run time (plugins, providers, the JUnit Platform
 * artifacts {@code sandbox:test} adds) is there.
 */
final class PrefilledRepository {

  private static final long MAX_MINUTES = 10;

  /** One Maven run: an example and the goals run on it. */
  record Fill(String example, List<String> goals) {}

  /** What is run: the lifecycle plugins of a jar project, and each goal of the plugin in both test flavours. */
  static final List<Fill> FILLS = List.of(
      new Fill("hello", List.of("install", "sandbox:help")),
      // Failing and exfiltrating tests are part of these examples: record them, do not fail the fill on them.
      new Fill("tests-demo", List.of("verify", "sandbox:test", "-Dmaven.test.failure.ignore=true",
          "-Dsandbox.mode=audit", "-Dsandbox.failOnError=false")),
      new Fill("junit4-demo", List.of("verify", "sandbox:test", "-Dmaven.test.failure.ignore=true",
          "-Dsandbox.mode=audit", "-Dsandbox.failOnError=false")));

  private final Path mavenHome;
  private final Path pluginRepo;
  private final Path userRepo;
  private final Path examples;
  private final String version;

  /**
   * @param mavenHome the Maven that runs the fills
   * @param pluginRepo a local repository holding this build's plugin (the plugin module's {@code target/it-repo})
   * @param userRepo the build user's own local repository, read before Central so that a warm machine needs no
   *     network
   * @param examples the {@code examples/} folder
   * @param version the plugin's version
   */
  PrefilledRepository(Path mavenHome, Path pluginRepo, Path userRepo, Path examples, String version) {
    this.mavenHome = mavenHome;
    this.pluginRepo = pluginRepo;
    this.userRepo = userRepo;
    this.examples = examples;
    this.version = version;
  }

  /** Fills {@code work/repository} afresh and returns it. */
  Path fill(Path work, Consumer<String> log) throws IOException, InterruptedException {
    Path plugin = pluginRepo.resolve("dev/sandboxplugin/sandbox-maven-plugin/" + version
        + "/sandbox-maven-plugin-" + version + ".jar");
    if (!Files.isRegularFile(plugin)) {
      throw new IOException("no plugin at " + plugin + "; build the plugin module first: mvn -B verify -pl"
          + " sandbox-maven-plugin -am -DskipITs (its invoker:install fills target/it-repo)");
    }
    Path repository = work.resolve("repository");
    deleteTree(repository);
    Files.createDirectories(repository);
    // This build's artifacts as if installed here: local snapshots that resolve offline without metadata games.
    copyTree(pluginRepo.resolve("dev/sandboxplugin"), repository.resolve("dev/sandboxplugin"));
    Path settings = writeSettings(work);
    for (Fill fill : FILLS) {
      long started = System.nanoTime();
      Path project = work.resolve("projects").resolve(fill.example());
      deleteTree(project);
      copyTree(examples.resolve(fill.example()), project);
      deleteTree(project.resolve("target"));
      run(project, repository, settings, fill.goals());
      removeBuiltImage(project);
      log.accept("Runner image: local repository filled by mvn " + String.join(" ", fill.goals()) + " on "
          + fill.example() + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    }
    clean(repository);
    // The group's plugin prefix, as a deploy would publish it: `mvn sandbox:exec` without the plugin in the POM.
    Files.writeString(repository.resolve("dev/sandboxplugin/maven-metadata-local.xml"), """
        <?xml version="1.0" encoding="UTF-8"?>
        <metadata>
          <plugins>
            <plugin><name>Sandbox Maven plugin</name><prefix>sandbox</prefix><artifactId>sandbox-maven-plugin</artifactId></plugin>
          </plugins>
        </metadata>
        """, StandardCharsets.UTF_8);
    return repository;
  }

  private void run(Path project, Path repository, Path settings, List<String> goals)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(mavenHome.resolve("bin/mvn").toString(), "-B", "-s",
        settings.toString(), "-Dmaven.repo.local=" + repository, "-Dstyle.color=never"));
    command.addAll(goals);
    Path logFile = project.resolveSibling(project.getFileName() + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
        .redirectErrorStream(true).redirectOutput(logFile.toFile());
    builder.environment().remove("MAVEN_OPTS");
    builder.environment().remove("MAVEN_ARGS");
    Process process = builder.start();
    if (!process.waitFor(MAX_MINUTES, TimeUnit.MINUTES)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new IOException("mvn " + String.join(" ", goals) + " did not finish within " + MAX_MINUTES
          + " minutes; see " + logFile);
    }
    if (process.exitValue() != 0) {
      List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
      throw new IOException("mvn " + String.join(" ", goals) + " failed (exit " + process.exitValue() + ") in "
          + project + ": " + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()))
          + "\nFull log: " + logFile);
    }
  }

  // Each fill compiles afresh, so sandbox:test builds a new payload image: drop it, or every build leaves two.
  private static void removeBuiltImage(Path project) throws IOException {
    Path report = project.resolve("target/sandbox/report.json");
    if (!Files.isRegularFile(report)) {
      return;
    }
    JsonNode build = new ObjectMapper().readTree(report.toFile()).path("imageBuild");
    if (!build.path("reference").isTextual() || build.path("reused").asBoolean(true)) {
      return;
    }
    try (DockerEngine engine = DockerEngine.connect()) {
      engine.client().removeImageCmd(build.path("reference").asText()).exec();
    } catch (RuntimeException inUseGoneOrNoEngine) {
      // Housekeeping only.
    }
  }

  // Releases from the build user's repository before Central (as the ITs do); snapshots never from there, so
  // a stale install cannot stand in for this build's plugin.
  private Path writeSettings(Path work) throws IOException {
    Path file = work.resolve("fill-settings.xml");
    String repository = "<id>user-repo</id><url>" + userRepo.toUri() + "</url>"
        + "<releases><checksumPolicy>ignore</checksumPolicy></releases><snapshots><enabled>false</enabled></snapshots>";
    Files.writeString(file, "<settings>\n  <profiles>\n    <profile>\n      <id>user-repo</id>\n"
        + "      <activation><activeByDefault>true</activeByDefault></activation>\n"
        + "      <repositories><repository>" + repository + "</repository></repositories>\n"
        + "      <pluginRepositories><pluginRepository>" + repository + "</pluginRepository></pluginRepositories>\n"
        + "    </profile>\n  </profiles>\n</settings>\n");
    return file;
  }

  /**
   * Removes what ties artifacts to the repository they came from: Maven 3.8 refuses, offline, an artifact whose
   * {@code _remote.repositories} names a repository the job's build does not declare (our {@code user-repo}).
   * Without those files every artifact counts as installed locally. The examples' own artifacts go too.
   */
  private static void clean(Path repository) throws IOException {
    deleteTree(repository.resolve("dev/sandboxplugin/examples"));
    try (Stream<Path> walk = Files.walk(repository)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        String name = file.getFileName().toString();
        if (name.equals("_remote.repositories") || name.endsWith(".lastUpdated")
            || name.equals("resolver-status.properties")) {
          Files.delete(file);
        }
      }
    }
  }

  static void copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path from : walk.toList()) {
        Path to = target.resolve(source.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
