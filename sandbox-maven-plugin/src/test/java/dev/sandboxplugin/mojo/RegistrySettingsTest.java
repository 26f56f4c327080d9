package dev.sandboxplugin.mojo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.image.RegistryAccess;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.DefaultSettingsProblem;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.junit.jupiter.api.Test;

/** What the registry pull takes from the user's Maven settings: server logins and proxies. */
class RegistrySettingsTest {

  // Stands in for Maven's decrypter: "{enc}" passwords decrypt to "plain", "{bad}" ones fail as a wrong master does.
  private static final SettingsDecrypter DECRYPTER = request -> {
    List<Server> servers = request.getServers().stream().map(server -> {
      Server copy = server.clone();
      copy.setPassword(server.getPassword().replace("{enc}", "plain"));
      return copy;
    }).toList();
    List<Proxy> proxies = request.getProxies().stream().map(proxy -> {
      Proxy copy = proxy.clone();
      copy.setPassword(proxy.getPassword().replace("{enc}", "plain"));
      return copy;
    }).toList();
    List<SettingsProblem> problems = Stream.concat(
            request.getServers().stream().map(Server::getPassword), request.getProxies().stream().map(Proxy::getPassword))
        .filter(password -> password.contains("{bad}"))
        .<SettingsProblem>map(password -> new DefaultSettingsProblem("cannot decrypt", SettingsProblem.Severity.ERROR,
            "settings", -1, -1, null)).toList();
    return new SettingsDecryptionResult() {
      @Override public Server getServer() { return servers.isEmpty() ? null : servers.get(0); }
      @Override public List<Server> getServers() { return servers; }
      @Override public Proxy getProxy() { return proxies.isEmpty() ? null : proxies.get(0); }
      @Override public List<Proxy> getProxies() { return proxies; }
      @Override public List<SettingsProblem> getProblems() { return problems; }
    };
  };

  @Test
  void serversWithALoginAreKeyedByTheirIdWithDecryptedPasswords() {
    Settings settings = new Settings();
    settings.addServer(server("ghcr.io", "ci", "{enc}"));
    settings.addServer(server("central-deploy", null, null));
    settings.addServer(server("quay.io", "ci", "{bad}"));

    RegistryAccess access = RegistryLogins.of(settings, true, DECRYPTER, Map.of());

    assertEquals(List.of("ghcr.io"), List.copyOf(access.servers().keySet()));
    assertEquals("plain", access.servers().get("ghcr.io").secret());
    assertTrue(access.offline());
  }

  @Test
  void anActiveHttpProxyServesHttpsToo() {
    Settings settings = new Settings();
    settings.addProxy(proxy("off", "http", "unused.invalid", false));
    settings.addProxy(proxy("corp", "http", "proxy.invalid", true));
    Properties properties = new Properties();

    List<String> set = RegistryProxies.activate(settings, DECRYPTER, properties);

    assertEquals(2, set.size(), set::toString);
    assertEquals("proxy.invalid", properties.getProperty("https.proxyHost"));
    assertEquals("3128", properties.getProperty("https.proxyPort"));
    assertEquals("plain", properties.getProperty("https.proxyPassword"));
    assertEquals("proxy.invalid", properties.getProperty("http.proxyHost"));
    assertEquals("*.internal.invalid", properties.getProperty("http.nonProxyHosts"));
  }

  @Test
  void aProxyPasswordThatDoesNotDecryptIsNeverSent() {
    Settings settings = new Settings();
    Proxy corp = proxy("corp", "https", "proxy.invalid", true);
    corp.setPassword("{bad}");
    settings.addProxy(corp);
    Properties properties = new Properties();

    RegistryProxies.activate(settings, DECRYPTER, properties);

    assertEquals("proxy.invalid", properties.getProperty("https.proxyHost"));
    assertNull(properties.getProperty("https.proxyUser"));
    assertNull(properties.getProperty("https.proxyPassword"));
  }

  @Test
  void anHttpsProxyIsPreferredForTheRegistry() {
    Settings settings = new Settings();
    settings.addProxy(proxy("plain", "http", "http-proxy.invalid", true));
    settings.addProxy(proxy("tls", "https", "https-proxy.invalid", true));
    Properties properties = new Properties();

    RegistryProxies.activate(settings, DECRYPTER, properties);

    assertEquals("https-proxy.invalid", properties.getProperty("https.proxyHost"));
    assertEquals("http-proxy.invalid", properties.getProperty("http.proxyHost"));
  }

  @Test
  void whatTheUserSetOnTheCommandLineWins() {
    Settings settings = new Settings();
    settings.addProxy(proxy("corp", "http", "proxy.invalid", true));
    Properties properties = new Properties();
    properties.setProperty("https.proxyHost", "mine.invalid");

    List<String> set = RegistryProxies.activate(settings, DECRYPTER, properties);

    assertEquals(1, set.size(), set::toString);
    assertEquals("mine.invalid", properties.getProperty("https.proxyHost"));
    assertNull(properties.getProperty("https.proxyPort"));
  }

  private static Server server(String id, String user, String password) {
    Server server = new Server();
    server.setId(id);
    server.setUsername(user);
    server.setPassword(password);
    return server;
  }

  private static Proxy proxy(String id, String protocol, String host, boolean active) {
    Proxy proxy = new Proxy();
    proxy.setId(id);
    proxy.setProtocol(protocol);
    proxy.setHost(host);
    proxy.setPort(3128);
    proxy.setActive(active);
    proxy.setUsername("ci");
    proxy.setPassword("{enc}");
    proxy.setNonProxyHosts("*.internal.invalid");
    return proxy;
  }
}
