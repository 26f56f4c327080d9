package dev.sandboxplugin.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What {@link PolicyTable} makes of a JSON schema: nested keys, types, defaults, escaped descriptions. */
class PolicyTableTest {

  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text);
  }

  @Test
  void keysNestedKeysTypesDefaultsAndTheDefinedTypes() throws Exception {
    JsonNode schema = json("""
        {"properties": {
          "memory": {"description": "Memory.", "default": "512m", "$ref": "#/definitions/size"},
          "mode": {"description": "How.", "type": "string", "enum": ["enforce", "audit"], "default": "enforce"},
          "cpus": {"description": "CPUs.", "type": ["number", "string"], "default": 1},
          "scan": {"description": "The scan.", "type": "object", "properties": {
            "rules": {"description": "Rules.", "type": "array", "items": {"type": "object", "properties": {
              "field": {"description": "Where.", "enum": ["author", "committer", "message"]}}}},
            "scripts": {"description": "Folders.", "type": "array", "items": {"type": "string"},
                        "default": ["scripts", "tools"]}}},
          "writablePaths": {"description": "Folders.", "type": "array", "items": {"oneOf": [
            {"$ref": "#/definitions/path"},
            {"type": "object", "properties": {"path": {"description": "The folder.", "$ref": "#/definitions/path"}}}]}}
        },
        "definitions": {
          "size": {"title": "size", "description": "Bytes, or 64m.", "type": ["string", "integer"]},
          "path": {"title": "absolute path", "type": "string"}}}
        """);
    assertEquals("""
        | Key | Type | Default | Meaning |
        |---|---|---|---|
        | `memory` | size | `512m` | Memory. |
        | `mode` | `enforce` or `audit` | `enforce` | How. |
        | `cpus` | number | `1` | CPUs. |
        | `scan` | object | — | The scan. |
        | `scan.rules` | list of objects | — | Rules. |
        | `scan.rules[].field` | `author`, `committer` or `message` | — | Where. |
        | `scan.scripts` | list of strings | `[scripts, tools]` | Folders. |
        | `writablePaths` | list of absolute paths or objects | — | Folders. |
        | `writablePaths[].path` | absolute path | — | The folder. |

        - size: Bytes, or 64m.""", PolicyTable.markdown(schema));
  }

  @Test
  void whatMarkdownWouldReadAsMarkupIsEscaped() throws Exception {
    String markdown = PolicyTable.markdown(json("""
        {"properties": {"allow": {"type": "string",
          "description": "*.example.com | Name <email> | [x](y) | `c` | snake_case _x_ | a\\\\b"}}}
        """));
    assertTrue(markdown.endsWith("| \\*.example.com \\| Name &lt;email> \\| \\[x\\](y) \\| \\`c\\` \\| snake_case \\_x\\_"
        + " \\| a\\\\b |"), markdown);
  }

  @Test
  void aKeyWithoutDescriptionIsRefusedByName() throws Exception {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> PolicyTable.markdown(json(
        "{\"properties\": {\"scan\": {\"description\": \"s\", \"properties\": {\"rules\": {\"type\": \"array\"}}}}}")));
    assertEquals("the schema's scan.rules has no description", refused.getMessage());
  }
}
