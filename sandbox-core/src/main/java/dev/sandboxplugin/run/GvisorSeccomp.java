package dev.sandboxplugin.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The seccomp profile as gVisor needs it. gVisor (runsc, seen with release 20221219) ignores a rule's
 * {@code errnoRet} and answers EPERM; the profile's {@code clone3} rule asks for ENOSYS so that libc falls back to
 * {@code clone}, and with EPERM instead no thread can be created: the JVM does not even start. gVisor's kernel has
 * no {@code clone3} of its own (it answers ENOSYS), so under gVisor the filter lets {@code clone3} through to it
 * (left out, a profile that refuses by default would answer EPERM for it). It also refuses to start with
 * {@code SCMP_ACT_KILL_PROCESS}, the strict profile's action for escape calls; its {@code SCMP_ACT_KILL} ends the
 * caller with SIGSYS all the same (exit 159, verdict SECCOMP_KILLED). Every other rule is kept as it is.
 */
public final class GvisorSeccomp {

  private static final ObjectMapper JSON = new ObjectMapper();

  private GvisorSeccomp() {}

  /** True for the runtimes we treat as gVisor: those whose name says runsc. */
  public static boolean isGvisor(String runtime) {
    return runtime != null && runtime.contains("runsc");
  }

  static String adapt(String profileJson) {
    try {
      JsonNode root = JSON.readTree(profileJson);
      if (!(root.get("syscalls") instanceof ArrayNode rules)) {
        return profileJson;
      }
      ArrayNode kept = JSON.createArrayNode();
      for (JsonNode rule : rules) {
        boolean onlyClone3 = rule.path("names").size() == 1 && rule.path("names").get(0).asText().equals("clone3");
        if (onlyClone3) {
          kept.add(JSON.createObjectNode().put("action", "SCMP_ACT_ALLOW").put("comment",
              "gVisor's own kernel answers ENOSYS for clone3").set("names", JSON.createArrayNode().add("clone3")));
          continue;
        }
        if (rule.path("action").asText().equals("SCMP_ACT_KILL_PROCESS")) {
          ((ObjectNode) rule).put("action", "SCMP_ACT_KILL");
        }
        kept.add(rule);
      }
      ((ObjectNode) root).set("syscalls", kept);
      return JSON.writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the seccomp profile to adapt it to gVisor", e);
    }
  }
}
