package dev.sandboxplugin.docs;

import dev.sandboxplugin.docs.PluginDescriptor.Goal;
import dev.sandboxplugin.docs.PluginDescriptor.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameter table of {@code docs/configuration.md}, from the plugin descriptor: one row per parameter and
 * meaning, with every goal that has it (most parameters are shared). The meaning is the parameter's javadoc, which
 * is Markdown; its last sentence, when it starts with {@code Default}, is the default column, unless Maven has a
 * default value of its own. Rows shared by all goals come first, then by goal; within that by property.
 */
final class ParameterTable {

  // The generated help goal documents itself; its parameters are not the sandbox's.
  private static final Set<String> LEFT_OUT = Set.of("help");
  private static final Pattern DEFAULT_SENTENCE = Pattern.compile("^(?:(.*\\.)\\s+)?Default:?\\s+(.+?)\\.?$");
  private static final String NONE = "—";

  private ParameterTable() {}

  /** One row: a parameter as some goals have it. */
  record Row(String property, String element, List<String> goals, String defaultValue, String meaning) {}

  static String markdown(PluginDescriptor descriptor) {
    List<String> allGoals = descriptor.goals().stream().map(Goal::name).filter(goal -> !LEFT_OUT.contains(goal))
        .toList();
    StringBuilder table = new StringBuilder("| Property | POM | Goals | Default | Meaning |\n|---|---|---|---|---|\n");
    for (Row row : rows(descriptor)) {
      String goals = row.goals().equals(allGoals) ? "all goals"
          : String.join(", ", row.goals().stream().map(Markdown::code).toList());
      table.append("| ").append(row.property() == null ? NONE : Markdown.code(row.property()))
          .append(" | ").append(Markdown.code("<" + row.element() + ">"))
          .append(" | ").append(goals)
          .append(" | ").append(row.defaultValue())
          .append(" | ").append(row.meaning())
          .append(" |\n");
    }
    return table.toString().strip();
  }

  /** The rows, each parameter once per distinct meaning; its goals in the descriptor's order. */
  static List<Row> rows(PluginDescriptor descriptor) {
    Map<List<String>, List<String>> goalsOf = new LinkedHashMap<>();
    Map<List<String>, Row> rowOf = new LinkedHashMap<>();
    for (Goal goal : descriptor.goals()) {
      if (LEFT_OUT.contains(goal.name())) {
        continue;
      }
      for (Parameter parameter : goal.parameters()) {
        if (!parameter.editable()) {
          continue;
        }
        Row row = row(goal, parameter);
        List<String> key = Arrays.asList(row.property(), row.element(), row.defaultValue(), row.meaning());
        goalsOf.computeIfAbsent(key, k -> new ArrayList<>()).add(goal.name());
        rowOf.putIfAbsent(key, row);
      }
    }
    List<Row> rows = new ArrayList<>();
    rowOf.forEach((key, row) -> rows.add(new Row(row.property(), row.element(), List.copyOf(goalsOf.get(key)),
        row.defaultValue(), row.meaning())));
    rows.sort(Comparator.comparing((Row row) -> -row.goals().size())
        .thenComparing(row -> String.join(",", row.goals()))
        .thenComparing(row -> row.property() != null ? row.property() : row.element()));
    return rows;
  }

  private static Row row(Goal goal, Parameter parameter) {
    String description;
    try {
      description = Markdown.cell(parameter.description());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(goal.name() + " parameter " + parameter.name() + ": " + e.getMessage()
          + " (write the tag in backticks, with &lt; for <, in its javadoc)", e);
    }
    if (description.isEmpty()) {
      throw new IllegalArgumentException(goal.name() + " parameter " + parameter.name() + " has no javadoc");
    }
    String meaning = description;
    String defaultValue = NONE;
    Matcher sentence = DEFAULT_SENTENCE.matcher(description);
    if (sentence.matches()) {
      meaning = sentence.group(1) == null ? "" : sentence.group(1);
      defaultValue = sentence.group(2);
    }
    if (parameter.defaultValue() != null) {
      if (sentence.matches()) {
        throw new IllegalArgumentException(goal.name() + " parameter " + parameter.name() + " has a default value ("
            + parameter.defaultValue() + ") and a Default sentence in its javadoc: keep one");
      }
      defaultValue = Markdown.code(parameter.defaultValue());
    }
    return new Row(parameter.property(), parameter.name(), List.of(), defaultValue, meaning);
  }
}
