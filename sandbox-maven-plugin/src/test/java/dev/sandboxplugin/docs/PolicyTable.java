package dev.sandboxplugin.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * The policy file's settings in {@code docs/configuration.md}, from {@code schema/sandbox-policy.schema.json}: one
 * row per key (nested ones as {@code scan.rules[].field}) with its type or allowed values, the schema's
 * {@code default} and its {@code description}, then the types the schema defines. Descriptions there are plain text
 * (IDEs show them as such), so whatever Markdown would read as markup is escaped.
 */
final class PolicyTable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NONE = "—";

  private PolicyTable() {}

  record Row(String path, String type, String defaultValue, String description) {}

  static String markdown(Path schemaFile) throws IOException {
    return markdown(JSON.readTree(schemaFile.toFile()));
  }

  static String markdown(JsonNode schema) {
    StringBuilder table = new StringBuilder("| Key | Type | Default | Meaning |\n|---|---|---|---|\n");
    for (Row row : rows(schema)) {
      table.append("| ").append(Markdown.code(row.path())).append(" | ").append(row.type()).append(" | ")
          .append(row.defaultValue()).append(" | ").append(row.description()).append(" |\n");
    }
    List<String> types = new ArrayList<>();
    for (Map.Entry<String, JsonNode> definition : fields(schema.path("definitions"))) {
      JsonNode node = definition.getValue();
      if (node.has("title") && node.has("description")) {
        types.add("- " + Markdown.plain(node.get("title").asText()) + ": "
            + Markdown.plain(node.get("description").asText()));
      }
    }
    if (!types.isEmpty()) {
      table.append("\n").append(String.join("\n", types)).append("\n");
    }
    return table.toString().strip();
  }

  static List<Row> rows(JsonNode schema) {
    List<Row> rows = new ArrayList<>();
    addRows(schema, schema, "", rows);
    return rows;
  }

  // Depth first, in the schema's order: an object's keys right after it; a list's items' keys after the list.
  private static void addRows(JsonNode schema, JsonNode object, String prefix, List<Row> rows) {
    for (Map.Entry<String, JsonNode> property : fields(object.path("properties"))) {
      String path = prefix + property.getKey();
      JsonNode node = property.getValue();
      if (!node.hasNonNull("description")) {
        throw new IllegalArgumentException("the schema's " + path + " has no description");
      }
      rows.add(new Row(path, type(schema, node, false), defaultValue(node),
          Markdown.plain(node.get("description").asText())));
      addRows(schema, node, path + ".", rows);
      JsonNode items = node.path("items");
      addRows(schema, items, path + "[].", rows);
      for (JsonNode alternative : items.path("oneOf")) {
        addRows(schema, alternative, path + "[].", rows);
      }
    }
  }

  private static String type(JsonNode schema, JsonNode node, boolean plural) {
    String suffix = plural ? "s" : "";
    if (node.has("enum")) {
      Set<String> values = new LinkedHashSet<>();
      node.get("enum").forEach(value -> values.add(value.asText()));
      return (plural ? "each " : "") + Markdown.alternatives(List.copyOf(values));
    }
    if (node.has("$ref")) {
      String reference = node.get("$ref").asText();
      if (!reference.startsWith("#/definitions/")) {
        throw new IllegalArgumentException("the schema refers outside its definitions: " + reference);
      }
      String name = reference.substring("#/definitions/".length());
      JsonNode definition = schema.path("definitions").path(name);
      if (definition.isMissingNode()) {
        throw new IllegalArgumentException("the schema refers to no definition: " + reference);
      }
      return Markdown.plain(definition.path("title").asText(name)) + suffix;
    }
    if (node.has("oneOf")) {
      List<String> alternatives = new ArrayList<>();
      node.get("oneOf").forEach(alternative -> alternatives.add(type(schema, alternative, plural)));
      return String.join(" or ", alternatives);
    }
    JsonNode type = node.path("type");
    String name = type.isArray() ? firstNotString(type) : type.asText("any");
    if (name.equals("array")) {
      return "list of " + type(schema, node.path("items"), true);
    }
    return name + suffix;
  }

  // ["number", "string"]: a number, which may also be written as a string.
  private static String firstNotString(JsonNode types) {
    for (JsonNode type : types) {
      if (!type.asText().equals("string")) {
        return type.asText();
      }
    }
    return "string";
  }

  private static String defaultValue(JsonNode node) {
    JsonNode value = node.get("default");
    if (value == null) {
      return NONE;
    }
    if (value.isArray()) {
      List<String> items = StreamSupport.stream(value.spliterator(), false).map(JsonNode::asText).toList();
      return Markdown.code("[" + String.join(", ", items) + "]");
    }
    return Markdown.code(value.asText());
  }

  private static List<Map.Entry<String, JsonNode>> fields(JsonNode object) {
    return List.copyOf(object.properties());
  }
}
