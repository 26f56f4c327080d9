package dev.sandboxplugin.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code schema/sandbox-policy.schema.json} (what IDEs complete with) agrees with the parser on the examples. */
class PolicySchemaTest {

  private static final Path SCHEMA = Path.of("..", "schema", "sandbox-policy.schema.json");
  private static final Path EXAMPLES = Path.of("..", "examples", "policies");
  private static final YAMLMapper YAML = new YAMLMapper();
  private static JsonSchema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    JsonNode node = new ObjectMapper().readTree(SCHEMA.toFile());
    schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(node);
  }

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      List<Path> yaml = files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
      assertFalse(yaml.isEmpty(), "no examples under " + EXAMPLES);
      return yaml.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleIsValidForTheSchemaAndTheParser(Path example) throws IOException {
    Set<ValidationMessage> errors = schema.validate(YAML.readTree(example.toFile()));
    assertEquals(Set.of(), errors, example.toString());
    PolicyFile.load(example); // throws on any problem
  }

  // The schema's defaults are what IDEs offer and docs/configuration.md shows: a file of them is the parser's defaults.
  @Test
  void theSchemasDefaultsAreTheParsersDefaults() throws IOException {
    JsonNode properties = new ObjectMapper().readTree(SCHEMA.toFile()).path("properties");
    ObjectNode defaults = YAML.createObjectNode();
    properties.properties().forEach(property -> {
      if (property.getValue().has("default")) {
        defaults.set(property.getKey(), property.getValue().get("default"));
      }
    });
    assertTrue(defaults.size() > 10, "the schema has defaults: " + defaults);
    assertEquals(Set.of(), schema.validate(defaults), defaults.toString());
    SandboxPolicy parsed = PolicyFile.parse(YAML.writeValueAsString(defaults), Path.of(PolicyFile.DEFAULT_NAME));
    SandboxPolicy builtIn = SandboxPolicy.builder().build();
    assertEquals(PolicyFingerprint.canonicalJson(builtIn), PolicyFingerprint.canonicalJson(parsed));
    assertEquals(builtIn.runtime(), parsed.runtime());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "memroy: 1g",
      "memory: lots",
      "mode: lenient",
      "network: open",
      "env: LANG",
      "env: [MY-TOKEN]",
      "writablePaths: [relative/out]",
      "writablePaths: [{path: /app/out, mode: 777}]",
      "writablePaths: [{size: 1m}]",
      "timeout: soon",
      "pids: many",
      "allow: ['http://example.com']",
  })
  void whatTheParserRefusesTheSchemaRefusesToo(String yaml) throws IOException {
    Set<ValidationMessage> errors = schema.validate(YAML.readTree(yaml));
    assertFalse(errors.isEmpty(), yaml + " passed the schema");
    assertTrue(refusedByParser(yaml), yaml + " passed the parser");
  }

  private static boolean refusedByParser(String yaml) {
    try {
      PolicyFile.parse(yaml, Path.of(PolicyFile.DEFAULT_NAME));
      return false;
    } catch (InvalidPolicyException expected) {
      return true;
    }
  }
}
