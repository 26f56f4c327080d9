package dev.sandboxplugin.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.DockerDaemonImage;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.RegistryImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A registry base pulled as a user's registry asks: a real registry (Debian's {@code docker-registry}) on loopback,
 * over TLS with a certificate Maven's JVM is told to trust, refusing anyone without a login. The base is a payload
 * image of {@code examples/hello} pushed there first; {@code sandbox:exec} then runs on it with the login from the
 * Maven settings, from a Docker configuration, with none, through the settings' proxy (a real Squid asking for its
 * own login), and offline.
 */
class RegistryBaseIT {

  private static final String USER = "ci";
  private static final String SECRET = "s3cret-for-the-test";

  private static final String PROXIED_HOST = "sandbox-registry.invalid";

  private static Path folder;
  private static int registryPort;
  private static Process registry;
  private static String base;
  private static String mavenOpts;

  @BeforeAll
  static void startRegistryWithABase() throws Exception {
    folder = MavenRun.workFolder("registry");
    registryPort = MavenRun.freePort();
    run(folder, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem",
        "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,DNS:" + PROXIED_HOST + ",IP:127.0.0.1");
    run(folder, "keytool", "-importcert", "-noprompt", "-file", "cert.pem", "-keystore", "trust.p12",
        "-storepass", "changeit", "-storetype", "PKCS12");
    Files.writeString(folder.resolve("htpasswd"), run(folder, "htpasswd", "-Bbn", USER, SECRET));
    Files.writeString(folder.resolve("config.yml"), String.join("\n", "version: 0.1", "log:", "  level: warn",
        "storage:", "  filesystem:", "    rootdirectory: " + folder.resolve("data"), "http:",
        "  addr: 127.0.0.1:" + registryPort, "  tls:", "    certificate: " + folder.resolve("cert.pem"),
        "    key: " + folder.resolve("key.pem"), "auth:", "  htpasswd:", "    realm: sandbox-test",
        "    path: " + folder.resolve("htpasswd"), ""));
    registry = new ProcessBuilder("docker-registry", "serve", folder.resolve("config.yml").toString())
        .redirectErrorStream(true).redirectOutput(folder.resolve("registry.log").toFile()).start();
    mavenOpts = "-Djavax.net.ssl.trustStore=" + folder.resolve("trust.p12") + " -Djavax.net.ssl.trustStorePassword=changeit";

    MavenRun first = MavenRun.mvn(MavenRun.copyOfExample("hello", "registry-seed"), "compile", "sandbox:exec");
    assertEquals(0, first.exitCode, first::describe);
    String payloadImage = first.report().path("imageBuild").path("reference").asText();
    base = "localhost:" + registryPort + "/sandbox-test/base:1";
    // The test's own push may skip the certificate check; the plugin's pull below may not.
    Jib.from(DockerDaemonImage.named(payloadImage)).containerize(Containerizer
        .to(RegistryImage.named(base).addCredential(USER, SECRET)).setAllowInsecureRegistries(true));
  }

  @AfterAll
  static void stopRegistry() throws InterruptedException {
    if (registry != null) {
      registry.destroy();
      registry.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aLoginOfTheMavenSettingsPullsTheBase() throws Exception {
    Path settings = settingsWithLogin("");

    MavenRun run = MavenRun.mvn(MavenRun.copyOfExample("hello", "registry-settings"), Map.of("MAVEN_OPTS", mavenOpts),
        "-gs", settings.toString(), "compile", "sandbox:exec", "-Dsandbox.baseImage=" + base);

    assertEquals("PASSED", run.report().path("verdict").asText(), run::describe);
    assertTrue(run.log.contains("Hello from the sandbox"), run::describe);
    assertFalse(run.log.contains(SECRET), "the secret is in the log\n" + run.describe());
    assertFalse(Files.readString(run.reportFile()).contains(SECRET), "the secret is in the report");
  }

  @Test
  void aLoginOfTheDockerConfigurationPullsTheBase() throws Exception {
    Path dockerConfig = Files.createDirectories(folder.resolve("docker-config"));
    String auth = Base64.getEncoder().encodeToString((USER + ":" + SECRET).getBytes());
    Files.writeString(dockerConfig.resolve("config.json"), "{\"auths\":{\"" + base.substring(0, base.indexOf('/'))
        + "\":{\"auth\":\"" + auth + "\"}}}\n");

    MavenRun run = MavenRun.mvn(MavenRun.copyOfExample("hello", "registry-docker-config"),
        Map.of("MAVEN_OPTS", mavenOpts, "DOCKER_CONFIG", dockerConfig.toString()),
        "compile", "sandbox:exec", "-Dsandbox.baseImage=" + base);

    assertEquals("PASSED", run.report().path("verdict").asText(), run::describe);
  }

  @Test
  void withoutALoginTheRunIsAnErrorThatSaysSo() throws Exception {
    MavenRun run = MavenRun.mvn(MavenRun.copyOfExample("hello", "registry-no-login"), Map.of("MAVEN_OPTS", mavenOpts),
        "compile", "sandbox:exec", "-Dsandbox.baseImage=" + base);

    assertEquals("ERROR", run.report().path("verdict").asText(), run::describe);
    assertTrue(run.report().path("reason").asText().contains("Unauthorized"), run::describe);
  }

  @Test
  void anActiveProxyOfTheMavenSettingsCarriesThePullWithItsLogin() throws Exception {
    // Java never proxies loopback names, so the registry is named on a reserved domain that only the proxy resolves.
    String proxied = PROXIED_HOST + ":" + registryPort;
    try (SquidProxy proxy = SquidProxy.start(folder.resolve("proxy"), PROXIED_HOST, "proxy-user", "proxy-secret")) {
      Path settings = settings(proxied, "<proxies><proxy><id>corp</id><active>true</active><protocol>http</protocol>"
          + "<host>127.0.0.1</host><port>" + proxy.port + "</port><username>proxy-user</username>"
          + "<password>proxy-secret</password></proxy></proxies>");

      MavenRun run = MavenRun.mvn(MavenRun.copyOfExample("hello", "registry-proxy"), Map.of("MAVEN_OPTS", mavenOpts),
          "-gs", settings.toString(), "compile", "sandbox:exec", "-Dsandbox.baseImage=" + proxied + "/sandbox-test/base:1");

      assertEquals("PASSED", run.report().path("verdict").asText(), run::describe);
      assertTrue(run.log.contains("through the https proxy 127.0.0.1:" + proxy.port + " (settings proxy corp)"),
          run::describe);
      assertTrue(proxy.accessLog().contains("TCP_TUNNEL/200") && proxy.accessLog().contains("CONNECT " + proxied
          + " proxy-user"), "the proxy did not carry the pull:\n" + proxy.accessLog() + run.describe());
      assertFalse(run.log.contains("proxy-secret"), "the proxy's secret is in the log\n" + run.describe());
    }
  }

  @Test
  void offlineTheBaseComesFromTheCacheOrNotAtAll() throws Exception {
    Path cache = folder.resolve("offline-cache");
    Path settings = settingsWithLogin("");
    Path project = MavenRun.copyOfExample("hello", "registry-offline");
    List<String> goals = List.of("-gs", settings.toString(), "compile", "sandbox:exec",
        "-Dsandbox.baseImage=" + base, "-Dsandbox.cacheDir=" + cache);

    MavenRun before = MavenRun.mvn(project, Map.of("MAVEN_OPTS", mavenOpts), withOffline(goals));
    assertEquals("ERROR", before.report().path("verdict").asText(), before::describe);
    assertTrue(before.report().path("reason").asText().contains("Maven is offline (-o)"), before::describe);

    MavenRun online = MavenRun.mvn(project, Map.of("MAVEN_OPTS", mavenOpts), goals.toArray(String[]::new));
    assertEquals("PASSED", online.report().path("verdict").asText(), online::describe);

    MavenRun after = MavenRun.mvn(project, Map.of("MAVEN_OPTS", mavenOpts), withOffline(goals));
    assertEquals("PASSED", after.report().path("verdict").asText(), after::describe);
  }

  private static String[] withOffline(List<String> goals) {
    List<String> arguments = new java.util.ArrayList<>(goals);
    arguments.add(0, "-o");
    return arguments.toArray(String[]::new);
  }

  private static Path settingsWithLogin(String more) throws IOException {
    return settings(base.substring(0, base.indexOf('/')), more);
  }

  private static Path settings(String registry, String more) throws IOException {
    Path settings = Files.createTempFile(folder, "settings", ".xml");
    Files.writeString(settings, "<settings><servers><server><id>" + registry + "</id><username>" + USER + "</username><password>" + SECRET + "</password></server></servers>" + more
        + "</settings>\n");
    return settings;
  }

  private static String run(Path dir, String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertEquals(0, process.waitFor(), String.join(" ", command) + ":\n" + output);
    return output;
  }
}
