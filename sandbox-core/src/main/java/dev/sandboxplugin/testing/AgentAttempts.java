package dev.sandboxplugin.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandboxplugin.verdict.Evidence;
import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code attempts.jsonl}, the agent's record from inside the sandbox. The payload could have written it
 * too, so it is read as untrusted text: known kinds only, bounded counts and lengths, control characters escaped.
 * A line whose kind is not one the agent records (any other name, another case, a kind only the host reports) is
 * skipped, as a line that is not JSON is.
 */
final class AgentAttempts {

  static final String FILE = "attempts.jsonl";
  private static final Set<ViolationKind> KINDS = EnumSet.of(ViolationKind.NETWORK, ViolationKind.DNS,
      ViolationKind.FILE_WRITE, ViolationKind.FILE_READ, ViolationKind.PROCESS, ViolationKind.EXIT,
      ViolationKind.LOOKUP, ViolationKind.JVM);
  private static final int MAX_ATTEMPTS = 200;
  private static final int MAX_TEXT = 500;
  private static final int MAX_FRAMES = 8;
  private static final ObjectMapper JSON = new ObjectMapper();

  record Parsed(List<Violation> attempts, String unavailable, int dropped) {

    /** Two JVMs' records as one (a build's Maven and its forks): bounded as one. */
    Parsed and(Parsed other) {
      List<Violation> all = new ArrayList<>(attempts);
      for (Violation attempt : other.attempts()) {
        if (all.size() < MAX_ATTEMPTS && !all.contains(attempt)) {
          all.add(attempt);
        }
      }
      return new Parsed(all, unavailable != null ? unavailable : other.unavailable(), dropped + other.dropped());
    }
  }

  /** The runner's {@code attempts.jsonl}, or a build JVM's {@code attempts-<pid>.jsonl}. */
  static boolean isRecord(String name) {
    return name.equals(FILE) || name.matches("attempts-[0-9]{1,10}\\.jsonl");
  }

  private AgentAttempts() {}

  static Parsed parse(byte[] content) {
    List<Violation> attempts = new ArrayList<>();
    String unavailable = null;
    int dropped = 0;
    for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (java.io.IOException notJson) {
        continue;
      }
      if (node == null || !node.isObject()) {
        continue;
      }
      if (node.hasNonNull("unavailable")) {
        unavailable = clean(node.get("unavailable").asText());
        continue;
      }
      if (node.has("dropped")) {
        dropped = Math.max(0, node.get("dropped").asInt());
        continue;
      }
      ViolationKind kind = ViolationKind.named(node.path("kind").asText("")).filter(KINDS::contains).orElse(null);
      if (kind == null || attempts.size() >= MAX_ATTEMPTS) {
        continue;
      }
      List<String> stack = new ArrayList<>();
      for (JsonNode frame : node.path("stack")) {
        if (stack.size() < MAX_FRAMES) {
          stack.add(clean(frame.asText()));
        }
      }
      String test = node.hasNonNull("test") ? clean(node.get("test").asText()) : null;
      attempts.add(new Violation(kind, clean(node.path("detail").asText("")), test, stack, Evidence.AGENT));
    }
    return new Parsed(attempts, unavailable, dropped);
  }

  private static String clean(String text) {
    String escaped = dev.sandboxplugin.run.SafeText.forLog(text);
    return escaped.length() > MAX_TEXT ? escaped.substring(0, MAX_TEXT) + "..." : escaped;
  }
}
