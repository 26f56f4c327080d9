package dev.sandboxplugin.verdict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    List<Violation> merged = new ArrayList<>();
    for (Violation violation : violations) {
      String key = destination(violation);
      if (key != null && violation.source() != null && !violation.source().outsideThePayload()) {
        insideAt.putIfAbsent(key, merged.size());
      }
      merged.add(violation);
    }
    List<Violation> result = new ArrayList<>(merged);
    List<Violation> seconded = new ArrayList<>();
    for (Violation violation : merged) {
      String key = destination(violation);
      Integer inside = key == null ? null : insideAt.get(key);
      if (inside != null && violation.source() == Evidence.NETWORK_SINK) {
        Violation agent = merged.get(inside);
        result.set(inside, new Violation(agent.kind(), agent.detail(), agent.test(), agent.stack(), violation.source()));
        seconded.add(violation);
      }
    }
    seconded.forEach(violation -> result.remove(violation));
    return result;
  }

  // "connection to 198.51.100.7:80 (TCP)" and "connection to 198.51.100.7:80" name the same place.
  private static String destination(Violation violation) {
    if (!violation.kind().equals("NETWORK") || violation.detail() == null
        || !violation.detail().startsWith(CONNECTION)) {
      return null;
    }
    String rest = violation.detail().substring(CONNECTION.length());
    int end = rest.indexOf(' ');
    return end < 0 ? rest : rest.substring(0, end);
  }
}
