package dev.sandboxplugin.network;

import dev.sandboxplugin.engine.DockerEngine;
import dev.sandboxplugin.policy.NetworkPolicy;
import dev.sandboxplugin.policy.SandboxPolicy;
import dev.sandboxplugin.progress.SandboxListener;
import dev.sandboxplugin.run.GvisorSeccomp;
import dev.sandboxplugin.run.Hardening;
import dev.sandboxplugin.verdict.Evidence;
import java.nio.file.Path;
import java.util.Map;

/**
 * The network a payload runs in, open for the length of one run: loopback only, watched by a witness
 * ({@link NetworkWitness}), or loopback with an egress proxy behind it ({@link EgressProxy}). Closing it removes
 * whatever it created.
 */
public interface PayloadNetwork extends AutoCloseable {

  /** The payload container's network mode: {@code none} or {@code container:<forwarder id>}. */
  String networkMode();

  /** Variables the payload needs to find the way out ({@code HTTP_PROXY} ...); empty without a proxy. */
  default Map<String, String> environment() {
    return Map.of();
  }

  /** Every request the proxy saw, read after the payload ended; empty without a proxy. */
  default ProxyLog log() {
    return ProxyLog.EMPTY;
  }

  /** The engine's account of the proxy's and the forwarder's hardening, by role; empty without a proxy. */
  default Map<String, Hardening> hardening() {
    return Map.of();
  }

  /**
   * Who witnesses the payload's connection attempts from outside it: {@code proxy}, {@code network-sink}, or a
   * sentence saying why nothing does.
   */
  default String witness() {
    return Evidence.PROXY.label();
  }

  /** What the network witness saw, read after the payload ended; {@link NetworkWitnessLog#NONE} without one. */
  default NetworkWitnessLog witnessed() {
    return NetworkWitnessLog.NONE;
  }

  /** Removes what the run's network consists of; never throws. */
  @Override
  void close();

  /**
   * Opens the network {@code policy} asks for: for {@code none} the network witness ({@link NetworkWitness}), or
   * nothing under gVisor, whose own network stack a witness on the host's cannot see into; for {@code allowlist}
   * the proxy, the forwarder and their volume (and network) are created and started.
   *
   * @throws EgressProxyException when the proxy or the witness could not be started
   */
  static PayloadNetwork open(DockerEngine engine, SandboxPolicy policy, Path cacheDir, SandboxListener listener) {
    if (policy.network().mode() == NetworkPolicy.Mode.NONE) {
      if (GvisorSeccomp.isGvisor(policy.runtime())) {
        return none("no network witness under gVisor: its network stack is its own, out of a host witness's sight;"
            + " connection attempts are seen only from inside the payload");
      }
      return NetworkWitness.start(engine, policy, cacheDir, listener);
    }
    return EgressProxy.start(engine, policy, cacheDir, listener);
  }

  /** No interface but loopback, no proxy, no witness, for {@code reason}. */
  static PayloadNetwork none(String reason) {
    return new PayloadNetwork() {
      @Override
      public String witness() {
        return reason;
      }

      @Override
      public String networkMode() {
        return "none";
      }

      @Override
      public void close() {}
    };
  }
}
