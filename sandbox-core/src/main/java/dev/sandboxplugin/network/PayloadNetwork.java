package dev.sandboxplugin.network;

import dev.sandboxplugin.engine.DockerEngine;
import dev.sandboxplugin.policy.NetworkPolicy;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.progress.SandboxListener;
import dev.sandboxplugin.run.Hardening;
import java.nio.file.Path;
import java.util.Map;

/**
 * The network a payload runs in, open for the length of one run: no network at all, or loopback with an egress
 * proxy behind it ({@link EgressProxy}). Closing it removes whatever it created.
 */
public interface PayloadNetwork extends AutoCloseable {

  /** The payload container's network mode: {@code none} or {@code container:<forwarder id>}. */
  String networkMode();

  /** Variables the payload needs to find the way out ({@code HTTP_PROXY} ...); empty without a proxy. */
  Map<String, String> environment();

  /** Every request the proxy saw, read after the payload ended; empty without a proxy. */
  ProxyLog log();

  /** The engine's account of the proxy's and the forwarder's hardening, by role; empty without a proxy. */
  Map<String, Hardening> hardening();

  /** Removes what the run's network consists of; never throws. */
  @Override
  void close();

  /**
   * Opens the network {@code policy} asks for: nothing to do for {@code none}; for {@code allowlist} the proxy,
   * the forwarder and their volume (and network) are created and started.
   *
   * @throws EgressProxyException when the proxy could not be started
   */
  static PayloadNetwork open(DockerEngine engine, SandboxPolicy policy, Path cacheDir, SandboxListener listener) {
    if (policy.network().mode() == NetworkPolicy.Mode.NONE) {
      return none();
    }
    return EgressProxy.start(engine, policy, cacheDir, listener);
  }

  /** No interface but loopback, no proxy. */
  static PayloadNetwork none() {
    return new PayloadNetwork() {
      @Override
      public String networkMode() {
        return "none";
      }

      @Override
      public Map<String, String> environment() {
        return Map.of();
      }

      @Override
      public ProxyLog log() {
        return ProxyLog.EMPTY;
      }

      @Override
      public Map<String, Hardening> hardening() {
        return Map.of();
      }

      @Override
      public void close() {}
    };
  }
}
