package dev.sandboxplugin.scan;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which commits a scan looks at, as the user wrote it: a range {@code origin/main..HEAD} (the commits of the second
 * that the first does not have, as {@code git log A..B}), one commit ({@code HEAD}, {@code a1b2c3d}, a tag), or the
 * last N commits of HEAD ({@code last:5}).
 *
 * @param since commits reachable from here are left out; null for none
 * @param until the newest commit
 * @param limit at most this many commits, newest first; 0 for no limit
 */
public record CommitRange(String since, String until, int limit) {

  private static final Pattern LAST = Pattern.compile("last:(\\d{1,6})");

  /** @throws IllegalArgumentException saying what to write */
  public static CommitRange parse(String text) {
    String spec = text == null ? "" : text.trim();
    if (spec.isEmpty()) {
      throw new IllegalArgumentException("no commits given; write a range (origin/main..HEAD), a commit (HEAD, a1b2c3d)"
          + " or the last N commits (last:5)");
    }
    Matcher last = LAST.matcher(spec);
    if (last.matches()) {
      int count = Integer.parseInt(last.group(1));
      if (count == 0) {
        throw new IllegalArgumentException("'" + spec + "' names no commit; write last:1 or more");
      }
      return new CommitRange(null, "HEAD", count);
    }
    if (spec.contains("...")) {
      throw new IllegalArgumentException("'" + spec + "': the symmetric range A...B is not supported; write A..B");
    }
    int dots = spec.indexOf("..");
    if (dots >= 0) {
      String since = spec.substring(0, dots).trim();
      String until = spec.substring(dots + 2).trim();
      return new CommitRange(since.isEmpty() ? "HEAD" : since, until.isEmpty() ? "HEAD" : until, 0);
    }
    return new CommitRange(null, spec, 1);
  }

  @Override
  public String toString() {
    if (since != null) {
      return since + ".." + until;
    }
    return limit == 1 ? until : "last:" + limit;
  }
}
