package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plugin as a user obtains it: {@code scripts/release-repository} lays out a release repository (the layout a
 * deploy to Central makes), then a Maven with an empty local repository, whose settings name only that repository
 * and {@code <pluginGroup>dev.sandboxplugin</pluginGroup>}, runs {@code mvn sandbox:help} and
 * {@code mvn sandbox:exec} in an empty folder. Everything else comes from Maven Central.
 */
class ReleaseRepositoryIT {

  @Test
  void aUserWithOnlyTheReleaseRepositoryAndThePluginGroupRunsSandboxGoalsByPrefix() throws Exception {
    Path work = MavenRun.workFolder("release-repository");
    Path repository = work.resolve("repository");
    // A copy of the sources: the release build must not rewrite this build's own target folders under it.
    Path source = MavenRun.copyOfSources(work.resolve("source"));
    Run release = run(source, 15, "bash", "scripts/release-repository", repository.toString());
    assertEquals(0, release.exitCode, release.log);

    String groupMetadata = Files.readString(repository.resolve("dev/sandboxplugin/maven-metadata.xml"));
    assertTrue(groupMetadata.contains("<prefix>sandbox</prefix>")
        && groupMetadata.contains("<artifactId>sandbox-maven-plugin</artifactId>"), groupMetadata);
    List<String> pluginFiles = files(repository.resolve("dev/sandboxplugin/sandbox-maven-plugin"));
    for (String classifier : List.of("-sources.jar", "-javadoc.jar", ".pom", ".jar")) {
      assertTrue(pluginFiles.stream().anyMatch(name -> name.endsWith(classifier)), classifier + " in " + pluginFiles);
    }
    assertTrue(files(repository.resolve("dev/sandboxplugin")).stream().noneMatch(name -> name.contains("runner-image")),
        "the CI image is not an artifact");

    Path settings = work.resolve("settings.xml");
    String remote = "<id>sandbox-release</id><url>" + repository.toUri() + "</url>"
        + "<releases><enabled>true</enabled></releases><snapshots><enabled>true</enabled></snapshots>";
    Files.writeString(settings, "<settings>\n  <pluginGroups><pluginGroup>dev.sandboxplugin</pluginGroup></pluginGroups>\n"
        + "  <profiles><profile><id>sandbox-release</id>\n"
        + "    <repositories><repository>" + remote + "</repository></repositories>\n"
        + "    <pluginRepositories><pluginRepository>" + remote + "</pluginRepository></pluginRepositories>\n"
        + "  </profile></profiles>\n  <activeProfiles><activeProfile>sandbox-release</activeProfile></activeProfiles>\n"
        + "</settings>\n");
    Path empty = Files.createDirectories(work.resolve("empty-folder"));
    String mvn = MavenRun.mavenHome().resolve("bin/mvn").toString();
    List<String> user = List.of(mvn, "-B", "-s", settings.toString(), "-Dmaven.repo.local=" + work.resolve("local-repo"),
        "-Dstyle.color=never");

    Run help = run(empty, 10, with(user, "sandbox:help"));
    assertEquals(0, help.exitCode, help.log);
    assertTrue(help.log.contains("sandbox:exec"), help.log);

    Files.writeString(empty.resolve("hello.sh"), "echo \"hello from the released plugin\"\n");
    Run exec = run(empty, 10, with(user, "sandbox:exec", "-Dsandbox.script=hello.sh"));
    assertEquals(0, exec.exitCode, exec.log);
    assertTrue(exec.log.contains("hello from the released plugin"), exec.log);
    assertEquals("PASSED", new ObjectMapper().readTree(empty.resolve("target/sandbox/report.json").toFile())
        .path("verdict").asText(), exec.log);
  }

  private static List<String> with(List<String> command, String... more) {
    List<String> all = new ArrayList<>(command);
    all.addAll(List.of(more));
    return all;
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).map(path -> path.getFileName().toString()).toList();
    }
  }

  private record Run(int exitCode, String log) {}

  private static Run run(Path dir, long minutes, String... command) throws IOException, InterruptedException {
    return run(dir, minutes, List.of(command));
  }

  private static Run run(Path dir, long minutes, List<String> command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("release-it-", ".log");
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
    }
    String text = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    return new Run(process.isAlive() ? -1 : process.exitValue(), String.join(" ", command) + "\n" + text);
  }
}
