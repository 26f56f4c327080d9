package dev.sandboxplugin.verdict;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Joins what a witness inside the payload and one outside it saw of the same attempt. A connection the agent
 * named (with the test and the code) and the network witness also saw is one violation: the agent's words, the
 * outside witness as its source, since the payload could not have hidden it. Everything else is kept as it is.
 */
public final class Corroboration {

  private static final String CONNECTION = "connection to ";

  private Corroboration() {}

  public static List<Violation> merge(List<Violation> violations) {
    Map<String, Integer> insideAt = new HashMap<>();
    for (int i = 0; i < violations.size(); i++) {
      Violation violation = violations.get(i);
      String key = destination(violation);
      if (key != null && violation.source() != null && !violation.source().outsideThePayload()) {
        insideAt.putIfAbsent(key, i);
      }
    }
    Violation[] kept = violations.toArray(Violation[]::new);
    for (int i = 0; i < kept.length; i++) {
      Violation violation = violations.get(i);
      Integer inside = violation.source() == Evidence.NETWORK_SINK ? insideAt.get(destination(violation)) : null;
      if (inside != null) {
        Violation agent = violations.get(inside);
        kept[inside] = new Violation(agent.kind(), agent.detail(), agent.test(), agent.stack(), violation.source());
        kept[i] = null; // seconded: said once, by the agent's words
      }
    }
    return Arrays.stream(kept).filter(Objects::nonNull).toList();
  }

  // "connection to 198.51.100.7:80 (TCP)" and "connection to 198.51.100.7:80" name the same place.
  private static String destination(Violation violation) {
    if (violation.kind() != ViolationKind.NETWORK || violation.detail() == null
        || !violation.detail().startsWith(CONNECTION)) {
      return null;
    }
    String rest = violation.detail().substring(CONNECTION.length());
    int end = rest.indexOf(' ');
    return end < 0 ? rest : rest.substring(0, end);
  }
}
