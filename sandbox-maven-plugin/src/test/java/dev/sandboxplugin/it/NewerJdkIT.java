package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Maven on a JDK of 24 or later, as CI images now often have (Temurin 25 here): such a JDK may ship without jmods
 * (the offline base is then linked from its run-time image), its source launcher class has another name, it
 * refuses to start a JVM that allows a Security Manager, and it has none to install. Each goal must still run, and
 * {@code sandbox:test} must still attribute a breach to its test. The JDK is the newest under {@code /usr/lib/jvm} of version 24
 * or later, or {@code -Dsandbox.it.newerJdk=<java home>}; without one these cases are skipped.
 */
class NewerJdkIT {

  private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)");
  private static Map<String, String> newerJdk;
  private static int feature;

  @BeforeAll
  static void findANewerJdk() throws IOException {
    Optional<Path> home = Optional.ofNullable(System.getProperty("sandbox.it.newerJdk")).filter(s -> !s.isBlank())
        .map(Path::of).or(NewerJdkIT::newestInstalled);
    assumeTrue(home.isPresent(), "no JDK 24+ under /usr/lib/jvm; -Dsandbox.it.newerJdk=<java home> names one");
    feature = featureOf(home.get());
    assumeTrue(feature >= 24, () -> home.get() + " is JDK " + feature + ", not 24 or later");
    newerJdk = Map.of("JAVA_HOME", home.get().toString());
  }

  @Test
  void execRunsAMainClassAndASourceFileOnTheNewerJdksRuntime() throws Exception {
    MavenRun main = MavenRun.mvn(MavenRun.copyOfExample("hello", "newer-jdk-main"), newerJdk, "compile", "sandbox:exec");
    assertEquals(0, main.exitCode, main::describe);
    // The offline base is the build's own JDK, jlinked: the payload runs on that very version.
    assertTrue(main.log.contains("[INFO] [sandbox] Hello from the sandbox, running as sandbox on Java " + feature),
        main::describe);

    Path single = MavenRun.copyOfExample("single-file", "newer-jdk-source");
    MavenRun source = MavenRun.mvn(single, newerJdk, MavenRun.PLUGIN + ":exec", "-Dsandbox.source=Hello.java");
    assertEquals(0, source.exitCode, source::describe);
    assertEquals("PASSED", source.report().path("verdict").asText(), source::describe);
    assertTrue(source.log.contains("[INFO] [sandbox] Hello from a single source file"), source::describe);
  }

  @Test
  void testsRunAndTheBreachIsAttributedWithoutASecurityManager() throws Exception {
    MavenRun run = MavenRun.mvn(MavenRun.copyOfExample("tests-demo", "newer-jdk-tests"), newerJdk,
        "test-compile", "sandbox:test");

    assertEquals(1, run.exitCode, run::describe);
    assertFalse(run.log.contains("Enabling a Security Manager is not supported"), run::describe);
    JsonNode report = run.report();
    assertEquals("VIOLATION", report.path("verdict").asText(), run::describe);
    assertEquals(5, report.path("tests").path("run").asInt(), run::describe);
    assertEquals(1, report.path("tests").path("failures").asInt(), run::describe);
    // The JDK has no Security Manager: the agent's hooks in the JDK's own methods saw the connection.
    assertTrue(report.path("tests").path("attribution").isNull() || report.path("tests").path("attribution").isMissingNode(),
        run::describe);
    JsonNode violation = report.path("violations").get(0);
    assertEquals("NETWORK", violation.path("kind").asText(), run::describe);
    assertEquals("connection to 198.51.100.7:80", violation.path("detail").asText(), run::describe);
    assertEquals("dev.sandboxplugin.examples.tests.ExfiltrationTest#environmentIsSane", violation.path("test").asText(),
        run::describe);
    assertTrue(violation.path("stack").get(0).asText().startsWith(
        "dev.sandboxplugin.examples.tests.ExfiltrationTest.environmentIsSane(ExfiltrationTest.java:"), run::describe);
  }

  private static Optional<Path> newestInstalled() {
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    try (Stream<Path> homes = Files.list(jvms)) {
      return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")) && Files.isExecutable(home.resolve("bin/jlink")))
          .filter(home -> featureOf(home) >= 24)
          .max(Comparator.comparingInt(NewerJdkIT::featureOf));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int featureOf(Path home) {
    try {
      Matcher matcher = JAVA_VERSION.matcher(Files.readString(home.resolve("release")));
      return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
