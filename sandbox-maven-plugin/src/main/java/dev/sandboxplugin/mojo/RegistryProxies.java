package dev.sandboxplugin.mojo;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * The active proxies of the user's Maven settings, handed to the registry pull the way Jib's Maven plugin hands them:
 * as the JVM's {@code http.*} and {@code https.*} proxy properties, which jib's HTTP client reads, and only where
 * the user has not set them on the command line or in {@code MAVEN_OPTS}. A registry is reached over https, so an
 * {@code https} proxy is used for it, else the {@code http} one, as Maven itself uses an http proxy for https
 * repositories.
 */
final class RegistryProxies {

  private RegistryProxies() {}

  /** Sets the proxy properties of {@code properties} (the JVM's) from {@code settings}; returns what it set. */
  static List<String> activate(Settings settings, SettingsDecrypter decrypter, Properties properties) {
    List<Proxy> active = settings.getProxies().stream().filter(Proxy::isActive).toList();
    Proxy http = first(active, "http");
    Proxy https = first(active, "https");
    List<String> set = new ArrayList<>();
    if (http != null) {
      set.addAll(setFor("http", decrypted(http, decrypter), properties));
    }
    Proxy forHttps = https != null ? https : http;
    if (forHttps != null) {
      set.addAll(setFor("https", decrypted(forHttps, decrypter), properties));
    }
    return set;
  }

  private static Proxy first(List<Proxy> proxies, String protocol) {
    return proxies.stream().filter(proxy -> protocol.equalsIgnoreCase(proxy.getProtocol())).findFirst().orElse(null);
  }

  private static Proxy decrypted(Proxy proxy, SettingsDecrypter decrypter) {
    if (proxy.getPassword() == null || decrypter == null) {
      return proxy;
    }
    // A password that does not decrypt is left out: the proxy then asks for a login, and its answer says so.
    return SettingsSecrets.decrypt(decrypter, new DefaultSettingsDecryptionRequest(proxy))
        .map(SettingsDecryptionResult::getProxy).orElseGet(() -> withoutLogin(proxy));
  }

  private static Proxy withoutLogin(Proxy proxy) {
    Proxy anonymous = proxy.clone();
    anonymous.setUsername(null);
    anonymous.setPassword(null);
    return anonymous;
  }

  // One scheme's properties, all or none: a host the user set keeps the port, login and exceptions they set with it.
  private static List<String> setFor(String scheme, Proxy proxy, Properties properties) {
    if (properties.getProperty(scheme + ".proxyHost") != null || proxy.getHost() == null) {
      return List.of();
    }
    properties.setProperty(scheme + ".proxyHost", proxy.getHost());
    properties.setProperty(scheme + ".proxyPort", Integer.toString(proxy.getPort()));
    if (proxy.getUsername() != null) {
      properties.setProperty(scheme + ".proxyUser", proxy.getUsername());
    }
    if (proxy.getPassword() != null) {
      properties.setProperty(scheme + ".proxyPassword", proxy.getPassword());
    }
    // Java reads the exceptions of both schemes from http.nonProxyHosts.
    if (proxy.getNonProxyHosts() != null && properties.getProperty("http.nonProxyHosts") == null) {
      properties.setProperty("http.nonProxyHosts", proxy.getNonProxyHosts());
    }
    return List.of(scheme + " proxy " + proxy.getHost() + ":" + proxy.getPort() + " (settings proxy " + proxy.getId()
        + ")");
  }
}
