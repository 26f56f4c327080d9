package dev.sandboxplugin.build;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an offline build says it lacked, in Maven's words: "Cannot access sandbox (...) in offline mode and the
 * artifact g:a:jar:1.0 has not been downloaded from it before". Those are what a plugin resolves only while it runs
 * (a provider, a tool); the next resolve step fetches them up front.
 */
final class OfflineMisses {

  private static final Pattern MISSING = Pattern.compile(
      "the artifact ([A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+(?::[A-Za-z0-9_.-]+)?:[A-Za-z0-9_.+-]+)"
          + " has not been downloaded from it before");

  private OfflineMisses() {}

  static Set<String> in(Collection<String> lines) {
    Set<String> missing = new LinkedHashSet<>();
    for (String line : lines) {
      Matcher matcher = MISSING.matcher(line);
      while (matcher.find() && missing.size() < 200) {
        missing.add(matcher.group(1));
      }
    }
    return missing;
  }
}
