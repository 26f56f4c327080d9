package dev.sandboxplugin.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/configuration.md}'s generated tables are what the built plugin descriptor (the Mojos' javadoc) and
 * the policy schema give today. {@code scripts/config-reference} runs this test with {@value #WRITE}{@code =true},
 * which writes the tables instead of comparing them.
 */
class ConfigurationReferenceTest {

  static final String WRITE = "config-reference.write";
  private static final Path REPOSITORY = Path.of(System.getProperty("user.dir")).getParent();
  private static final Path DOC = REPOSITORY.resolve("docs/configuration.md");
  private static final Path SCHEMA = REPOSITORY.resolve("schema/sandbox-policy.schema.json");
  // Written by maven-plugin-plugin's descriptor goal (process-classes), before the tests run.
  private static final Path PLUGIN_XML = Path.of("target/classes/META-INF/maven/plugin.xml").toAbsolutePath();

  @Test
  void configurationMdHasTheTablesOfTheDescriptorAndTheSchema() throws IOException {
    assertTrue(Files.isRegularFile(PLUGIN_XML), "no " + PLUGIN_XML + ": build the plugin first (mvn process-classes)");
    Map<MarkedSection, String> generated = new LinkedHashMap<>();
    generated.put(new MarkedSection("parameters"), ParameterTable.markdown(PluginDescriptor.read(PLUGIN_XML)));
    generated.put(new MarkedSection("policy"), PolicyTable.markdown(SCHEMA));
    String doc = Files.readString(DOC);
    if (Boolean.getBoolean(WRITE)) {
      String written = doc;
      for (Map.Entry<MarkedSection, String> section : generated.entrySet()) {
        written = section.getKey().replace(written, section.getValue());
      }
      if (!written.equals(doc)) {
        Files.writeString(DOC, written);
      }
      return;
    }
    List<String> stale = new ArrayList<>();
    for (Map.Entry<MarkedSection, String> section : generated.entrySet()) {
      String inDoc = section.getKey().content(doc);
      if (!inDoc.equals(section.getValue())) {
        stale.add("the " + section.getKey().name() + " table, " + firstDifference(section.getValue(), inDoc));
      }
    }
    if (!stale.isEmpty()) {
      fail("docs/configuration.md is stale: run scripts/config-reference (" + String.join("; ", stale) + ")");
    }
  }

  private static String firstDifference(String generated, String inDoc) {
    List<String> expected = generated.lines().toList();
    List<String> actual = inDoc.lines().toList();
    for (int line = 0; line < Math.max(expected.size(), actual.size()); line++) {
      String want = line < expected.size() ? expected.get(line) : "(nothing)";
      String have = line < actual.size() ? actual.get(line) : "(nothing)";
      if (!want.equals(have)) {
        return "line " + (line + 1) + ": generated " + want + " but the file has " + have;
      }
    }
    return "no line differs";
  }
}
