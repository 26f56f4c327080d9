package dev.sandboxplugin.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A policy file has problems: each with the line and column it is at, written {@code file:line:column: message}
 * as compilers do, so IDEs and CI logs link to the place. All problems of the file at once, not only the first.
 */
public final class PolicyFileException extends InvalidPolicyException {

  /** One problem and where it is; line and column are 1-based. */
  public record Problem(int line, int column, String message) {}

  private final Path file;
  private final List<Problem> problems;

  public PolicyFileException(Path file, List<Problem> problems) {
    super(describe(file, problems));
    this.file = file;
    this.problems = List.copyOf(problems);
  }

  private static String describe(Path file, List<Problem> problems) {
    if (problems.size() == 1) {
      return where(file, problems.get(0));
    }
    return "policy file " + file + " has " + problems.size() + " problems:"
        + problems.stream().map(problem -> "\n  " + where(file, problem)).collect(Collectors.joining());
  }

  private static String where(Path file, Problem problem) {
    return file + ":" + problem.line() + ":" + problem.column() + ": " + problem.message();
  }

  public Path file() {
    return file;
  }

  public List<Problem> problems() {
    return problems;
  }
}
