package dev.sandboxplugin.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandboxplugin.run.ContainerFiles;
import dev.sandboxplugin.run.RunAttachment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the test runner and the agent inside said while the tests ran: each attempt and each test result, sent as a
 * line of stdout the moment it happened (the runner's {@code LiveRecord}). Kept apart from the files handed over at
 * the end, which a test can erase or rewrite after the fact; {@link TestReports} checks those against this.
 *
 * <p>The lines carry this run's token, which the payload's environment holds: code of the payload can read it and
 * send records too. A forged record can add evidence or contradict the runner's own (both end in a verdict that is
 * not PASSED), not take the runner's records back.
 */
public final class LiveRecords implements RunAttachment {

  static final String PREFIX = "[sandbox-record] ";
  static final String TOKEN_VARIABLE = "SANDBOX_RECORDS_TOKEN";
  private static final int MAX_ATTEMPT_LINES = 400;
  private static final int MAX_TESTS = 500_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String token = UUID.randomUUID().toString();
  private final List<String> attemptLines = new ArrayList<>();
  private final List<LiveTest> tests = new ArrayList<>();
  private boolean ended;
  private final List<Long> endCounts = new ArrayList<>();
  private int unreadable;
  private int beyondLimit;

  @Override
  public Map<String, String> environment() {
    return Map.of(TOKEN_VARIABLE, token);
  }

  /**
   * A record may follow text a test printed without a line break, so it is looked for anywhere in the line; that
   * text is then not shown.
   */
  @Override
  public boolean onStdoutLine(String line, ContainerFiles files) {
    int at = line.indexOf(PREFIX + token + " ");
    if (at < 0) {
      return false;
    }
    accept(line.substring(at + PREFIX.length() + token.length() + 1));
    return true;
  }

  synchronized void accept(String json) {
    JsonNode record;
    try {
      record = JSON.readTree(json);
    } catch (IOException e) {
      unreadable++;
      return;
    }
    if (record == null || !record.isObject()) {
      unreadable++;
    } else if (record.has("attempt")) {
      if (attemptLines.size() < MAX_ATTEMPT_LINES) {
        attemptLines.add(record.get("attempt").toString());
      }
    } else if (record.has("test")) {
      if (tests.size() < MAX_TESTS) {
        tests.add(LiveTest.of(record.get("test")));
      } else {
        beyondLimit++;
      }
    } else if (record.has("end")) {
      ended = true;
      JsonNode count = record.get("end").get("tests");
      if (count != null && count.canConvertToLong() && endCounts.size() < 10) {
        endCounts.add(count.asLong());
      }
    } else {
      unreadable++;
    }
  }

  /** The attempts as {@link AgentAttempts} reads them: the same bounds and cleaning as the file's. */
  synchronized AgentAttempts.Parsed attempts() {
    return AgentAttempts.parse(String.join("\n", attemptLines).getBytes(StandardCharsets.UTF_8));
  }

  synchronized List<LiveTest> tests() {
    return List.copyOf(tests);
  }

  /** Whether the runner said its run was over, after its last result. */
  synchronized boolean ended() {
    return ended;
  }

  /**
   * What does not add up: an end record whose count of tests is not the number of results that came before it
   * (records lost on the way, or results or an end forged by a test); null when all agree.
   */
  synchronized String countMismatch() {
    long received = tests.size() + beyondLimit;
    for (long count : endCounts) {
      if (count != received) {
        return "the runner's end record says " + count + " test(s) ran, but " + received + " result(s) came while"
            + " the tests ran: records were lost on the way, or forged by a test";
      }
    }
    return null;
  }

  /** Whether anything came at all (a payload that is not our runner sends nothing). */
  synchronized boolean heardAnything() {
    return !tests.isEmpty() || !attemptLines.isEmpty() || ended();
  }

  /** Records that could not be read, or results past what is kept. */
  synchronized int unreadable() {
    return unreadable + beyondLimit;
  }
}
