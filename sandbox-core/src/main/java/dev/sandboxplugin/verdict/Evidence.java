package dev.sandboxplugin.verdict;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Who saw a violation happen. A witness outside the payload's reach cannot be silenced by the payload; one inside
 * it can, so a report says which it was, and a reader knows how much an absence of evidence proves.
 */
public enum Evidence {

  /** The container engine's own record: the exit status, an OOM kill, the deadline it enforced. */
  ENGINE(true),
  /** The kernel's own counters, read at the end of the run (the pids cgroup's refusals). */
  KERNEL(true),
  /** The egress proxy's log: a container of ours that the payload only reaches as a client. */
  PROXY(true),
  /**
   * The network witness of a {@code network: none} run: a container of ours that owns the payload's network
   * namespace and records every packet the payload sends towards an address that is not its own.
   */
  NETWORK_SINK(true),
  /** What the host found in the files it read: links in the tree, refused reports, commits of the history. */
  HOST(true),
  /** Our agent inside the payload's JVMs: it names the test and the code, but code in the same JVM could disarm it. */
  AGENT(false),
  /** A line the payload printed: the kernel's refusal in the payload's words, which it could also have kept quiet. */
  PAYLOAD_OUTPUT(false);

  private final boolean outsideThePayload;

  Evidence(boolean outsideThePayload) {
    this.outsideThePayload = outsideThePayload;
  }

  /** True when the payload could neither forge nor suppress it. */
  public boolean outsideThePayload() {
    return outsideThePayload;
  }

  /** As reports write it: {@code engine}, {@code payload-output}. */
  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @JsonCreator
  public static Evidence ofLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
