package dev.sandboxplugin.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * A YAML value and where it was written, so that every complaint about a policy file can point at a line and a
 * column. Jackson's tree model forgets locations; this small tree keeps them.
 *
 * @param value a {@code String} for a scalar, {@code null} for YAML's null, a {@code List<YamlNode>} for a
 *     sequence, a {@code Map<YamlNode, YamlNode>} (keys are scalars, in file order) for a mapping
 * @param line 1-based
 * @param column 1-based
 */
record YamlNode(Object value, int line, int column) {

  private static final YAMLFactory YAML = YAMLFactory.builder().loaderOptions(limits()).build();

  /** Reads one YAML document; null for an empty one. Throws Jackson's exceptions, which carry a location. */
  static YamlNode read(String text) throws IOException {
    try (JsonParser parser = YAML.createParser(text)) {
      if (parser.nextToken() == null) {
        return null;
      }
      YamlNode root = node(parser);
      if (parser.nextToken() != null) {
        JsonLocation at = parser.currentTokenLocation();
        return new YamlNode(new SecondDocument(), at.getLineNr(), at.getColumnNr());
      }
      return root;
    }
  }

  /** Stands for a second document in the same file, which a policy file must not have. */
  record SecondDocument() {}

  private static YamlNode node(JsonParser parser) throws IOException {
    JsonLocation at = parser.currentTokenLocation();
    JsonToken token = parser.currentToken();
    if (token == JsonToken.START_OBJECT) {
      Map<YamlNode, YamlNode> fields = new LinkedHashMap<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        JsonLocation keyAt = parser.currentTokenLocation();
        YamlNode key = new YamlNode(parser.currentName(), keyAt.getLineNr(), keyAt.getColumnNr());
        parser.nextToken();
        fields.put(key, node(parser));
      }
      return new YamlNode(fields, at.getLineNr(), at.getColumnNr());
    }
    if (token == JsonToken.START_ARRAY) {
      List<YamlNode> items = new ArrayList<>();
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        items.add(node(parser));
      }
      return new YamlNode(items, at.getLineNr(), at.getColumnNr());
    }
    return new YamlNode(token == JsonToken.VALUE_NULL ? null : parser.getText(), at.getLineNr(), at.getColumnNr());
  }

  // A policy file is small: refuse alias bombs and huge documents before they cost memory.
  private static LoaderOptions limits() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(10);
    options.setCodePointLimit(256 * 1024);
    options.setAllowDuplicateKeys(true); // reported by the policy file with both places
    return options;
  }

  boolean isScalar() {
    return value == null || value instanceof String;
  }

  boolean isList() {
    return value instanceof List;
  }

  boolean isMap() {
    return value instanceof Map;
  }

  String text() {
    return (String) value;
  }

  @SuppressWarnings("unchecked")
  List<YamlNode> items() {
    return (List<YamlNode>) value;
  }

  @SuppressWarnings("unchecked")
  Map<YamlNode, YamlNode> fields() {
    return (Map<YamlNode, YamlNode>) value;
  }

  /** What a user would call this value, for messages: "a list", "a mapping", "no value". */
  String kind() {
    if (value == null) {
      return "no value";
    }
    if (isList()) {
      return "a list";
    }
    return isMap() ? "a mapping" : "a single value";
  }
}
