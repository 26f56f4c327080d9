package dev.sandboxplugin.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sandboxplugin.run.SafeText;
import java.util.Set;

/**
 * One test's result as the runner sent it while the tests ran.
 *
 * @param outcome {@code passed}, {@code failure}, {@code error} or {@code skipped}
 */
record LiveTest(String className, String name, String outcome, double seconds, String message, String type,
    String trace) {

  private static final Set<String> OUTCOMES = Set.of("passed", "failure", "error", "skipped");
  private static final int MAX_NAME = 1000;
  private static final int MAX_TRACE = 4000;

  static LiveTest of(JsonNode test) {
    String outcome = test.path("outcome").asText("");
    return new LiveTest(text(test, "class", MAX_NAME), text(test, "name", MAX_NAME),
        // An outcome we do not know is no pass.
        OUTCOMES.contains(outcome) ? outcome : "error", Math.max(0, test.path("seconds").asDouble(0)),
        text(test, "message", MAX_NAME), text(test, "type", MAX_NAME), text(test, "trace", MAX_TRACE));
  }

  private static String text(JsonNode test, String field, int most) {
    if (!test.hasNonNull(field)) {
      return null;
    }
    String value = test.get(field).asText();
    return value.length() <= most ? value : value.substring(0, most) + "...";
  }

  boolean failed() {
    return outcome.equals("failure") || outcome.equals("error");
  }

  /** As the reports' {@code classname#name}, shown safe for a log. */
  String id() {
    return SafeText.forLog(className + "#" + name);
  }
}
