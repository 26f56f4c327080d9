package dev.sandboxplugin.policy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hundreds of broken policy files, made by mutating the example one (dropped, doubled and swapped characters,
 * hostile values, YAML features): each is either a valid policy or a {@link PolicyFileException} whose every problem
 * has a line and a column. Never another exception (a stack trace in the build) and never a hang.
 */
class PolicyFileFuzzTest {

  private static final List<String> HOSTILE_VALUES = List.of("-1", "0", "1e309", "NaN", "~", "null", "[]", "{}",
      "!!binary aGVsbG8=", "*alias", "&anchor x", "'unterminated", "\"\\u0000\"", "9".repeat(40), "1m1", "5 minutes",
      "|\n  block", ">-\n  folded", "[a, [b, [c]]]", "{a: {b: {c: d}}}", "\u202e", "\t", "? complex\n: key",
      "!!python/object:os.system ls", "${HOME}", "*.com", "10.0.0.1", "allowlist", "audit", "/", "/proc/x", "../x");

  private static final String SYNTAX = ":-[]{}#&*!|>'\"%@`\t\n";

  @Test
  void everyMutationIsAPolicyOrAPositionedError() throws Exception {
    String example = Files.readString(Path.of("..", "examples", "policies", "sandbox-policy.yaml"));
    Random random = new Random(7);
    List<String> files = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      files.add(mutate(example, random));
    }
    List<String> keys = List.of("memory", "cpus", "pids", "timeout", "tmpfsSize", "outputLimit", "env",
        "seccompProfile", "mode", "network", "allow", "writablePaths", "version");
    for (String key : keys) {
      for (String value : HOSTILE_VALUES) {
        files.add(key + ": " + value + "\n");
      }
    }
    int valid = 0;
    for (String text : files) {
      boolean parsed = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> parses(text), () -> "hangs on:\n" + text);
      valid += parsed ? 1 : 0;
    }
    assertTrue(files.size() > 600, files.size() + " files");
    assertTrue(valid > 0 && valid < files.size(), valid + " of " + files.size() + " valid: the mutations test both ways");
  }

  private static boolean parses(String text) {
    try {
      PolicyFile.parse(text, Path.of("sandbox-policy.yaml"));
      return true;
    } catch (PolicyFileException refused) {
      assertFalse(refused.problems().isEmpty(), "no problem listed for:\n" + text);
      for (PolicyFileException.Problem problem : refused.problems()) {
        assertTrue(problem.line() >= 1 && problem.column() >= 1, problem + " for:\n" + text);
        assertFalse(problem.message().isBlank(), "empty message for:\n" + text);
      }
      return false;
    } catch (RuntimeException other) {
      fail("not a positioned error but " + other + " for:\n" + text, other);
      return false;
    }
  }

  private static String mutate(String text, Random random) {
    StringBuilder out = new StringBuilder(text);
    int edits = 1 + random.nextInt(4);
    for (int i = 0; i < edits && out.length() > 1; i++) {
      int at = random.nextInt(out.length());
      switch (random.nextInt(5)) {
        case 0 -> out.deleteCharAt(at);
        case 1 -> out.insert(at, out.charAt(random.nextInt(out.length())));
        case 2 -> out.insert(at, SYNTAX.charAt(random.nextInt(SYNTAX.length())));
        case 3 -> {
          int other = random.nextInt(out.length());
          char c = out.charAt(at);
          out.setCharAt(at, out.charAt(other));
          out.setCharAt(other, c);
        }
        default -> out.insert(at, HOSTILE_VALUES.get(random.nextInt(HOSTILE_VALUES.size())));
      }
    }
    return out.toString();
  }
}
