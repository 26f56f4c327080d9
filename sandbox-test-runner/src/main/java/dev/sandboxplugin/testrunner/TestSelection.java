package dev.sandboxplugin.testrunner;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Which tests run, in Surefire's {@code -Dtest=} syntax: comma-separated {@code Class[#method[+method]]} patterns
 * with {@code *} wildcards, a class by simple or qualified name ({@code MyTest}, {@code com.x.My*Test},
 * {@code com/x/MyTest.java}, {@code **}{@code /It*}), and {@code !} to exclude. Without a selection, Surefire's
 * default: classes named {@code Test*}, {@code *Test}, {@code *Tests} or {@code *TestCase}.
 */
final class TestSelection implements PostDiscoveryFilter {

  private record Rule(boolean exclude, Pattern classPath, List<Pattern> methods) {}

  private static final List<String> DEFAULT_INCLUDES = List.of("Test*", "*Test", "*Tests", "*TestCase");

  private final List<Rule> includes = new ArrayList<>();
  private final List<Rule> excludes = new ArrayList<>();
  private final boolean explicit;

  private TestSelection(boolean explicit) {
    this.explicit = explicit;
  }

  /** @param selection the {@code -Dtest=} value, or null/blank for Surefire's default includes */
  static TestSelection parse(String selection) {
    if (selection == null || selection.isBlank()) {
      TestSelection defaults = new TestSelection(false);
      for (String include : DEFAULT_INCLUDES) {
        defaults.includes.add(rule(false, include, null));
      }
      return defaults;
    }
    TestSelection selected = new TestSelection(true);
    for (String item : selection.split(",")) {
      String text = item.trim();
      if (text.isEmpty()) {
        continue;
      }
      boolean exclude = text.startsWith("!");
      if (exclude) {
        text = text.substring(1).trim();
      }
      if (text.startsWith("%regex[")) {
        throw new IllegalArgumentException("test = '" + item + "': %regex[] patterns are not supported; use * wildcards");
      }
      int hash = text.indexOf('#');
      String classPart = hash < 0 ? text : text.substring(0, hash);
      String methodPart = hash < 0 ? null : text.substring(hash + 1);
      Rule rule = rule(exclude, classPart.isEmpty() ? "*" : classPart, methodPart);
      (exclude ? selected.excludes : selected.includes).add(rule);
    }
    if (selected.includes.isEmpty()) {
      for (String include : DEFAULT_INCLUDES) {
        selected.includes.add(rule(false, include, null));
      }
    }
    return selected;
  }

  boolean explicit() {
    return explicit;
  }

  private static Rule rule(boolean exclude, String classPattern, String methodPattern) {
    String path = classPattern.trim();
    if (path.endsWith(".java") || path.endsWith(".class")) {
      path = path.substring(0, path.lastIndexOf('.'));
    }
    path = path.replace('.', '/');
    if (!path.contains("/")) {
      path = "**/" + path;
    }
    List<Pattern> methods = new ArrayList<>();
    if (methodPattern != null && !methodPattern.isBlank()) {
      for (String method : methodPattern.split("\\+")) {
        methods.add(Pattern.compile(glob(method.trim(), false)));
      }
    }
    return new Rule(exclude, Pattern.compile(glob(path, true)), methods);
  }

  // '**' spans folders, '*' stays within one; in method names '*' is anything.
  private static String glob(String pattern, boolean path) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        if (path && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
          boolean slashAfter = i + 2 < pattern.length() && pattern.charAt(i + 2) == '/';
          regex.append(slashAfter ? "(.*/)?" : ".*");
          i += slashAfter ? 2 : 1;
        } else {
          regex.append(path ? "[^/]*" : ".*");
        }
      } else if (c == '?') {
        regex.append(path ? "[^/]" : ".");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return regex.toString();
  }

  @Override
  public FilterResult apply(TestDescriptor descriptor) {
    TestSource source = descriptor.getSource().orElse(null);
    String className;
    String method = null;
    if (source instanceof MethodSource methodSource) {
      className = methodSource.getClassName();
      method = methodSource.getMethodName();
    } else if (source instanceof ClassSource classSource) {
      className = classSource.getClassName();
    } else {
      return FilterResult.included("not a class or method");
    }
    return selects(className, method) ? FilterResult.included("selected") : FilterResult.excluded("not selected");
  }

  /** @param method null for a whole class: kept when any of its methods might be selected */
  boolean selects(String className, String method) {
    // Nested classes are selected through their outermost class, as Surefire's file patterns do.
    int dollar = className.indexOf('$');
    String path = (dollar < 0 ? className : className.substring(0, dollar)).replace('.', '/');
    boolean included = false;
    for (Rule rule : includes) {
      if (rule.classPath().matcher(path).matches() && methodMatches(rule, method)) {
        included = true;
        break;
      }
    }
    if (!included) {
      return false;
    }
    for (Rule rule : excludes) {
      if (rule.classPath().matcher(path).matches() && (rule.methods().isEmpty()
          || (method != null && methodMatches(rule, method)))) {
        return false;
      }
    }
    return true;
  }

  private static boolean methodMatches(Rule rule, String method) {
    if (rule.methods().isEmpty() || method == null) {
      return true;
    }
    return rule.methods().stream().anyMatch(pattern -> pattern.matcher(method).matches());
  }
}
