package dev.sandboxplugin.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link ParameterTable} makes of a plugin descriptor, on small descriptors of the shape plugin.xml has. */
class ParameterTableTest {

  private static String descriptor(String... mojos) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plugin><name>p</name><mojos>" + String.join("", mojos)
        + "</mojos></plugin>";
  }

  private static String mojo(String goal, String parameters, String configuration) {
    return "<mojo><goal>" + goal + "</goal><parameters>" + parameters + "</parameters><configuration>"
        + configuration + "</configuration></mojo>";
  }

  private static String parameter(String name, String description) {
    return "<parameter><name>" + name + "</name><type>java.lang.String</type><required>false</required>"
        + "<editable>true</editable><description>" + description + "</description></parameter>";
  }

  private static final String MEMORY = parameter("memory", "Memory, e.g. `1g`. Default `512m`.");
  private static final String MEMORY_PROPERTY = "<memory implementation=\"java.lang.String\">${sandbox.memory}</memory>";

  @Test
  void aParameterOfSeveralGoalsIsOneRowNamingThem() throws IOException {
    PluginDescriptor plugin = PluginDescriptor.parse(descriptor(
        mojo("build", MEMORY + parameter("goals", "Goals inside."), MEMORY_PROPERTY
            + "<goals implementation=\"java.lang.String\" default-value=\"verify\">${sandbox.goals}</goals>"),
        mojo("exec", MEMORY, MEMORY_PROPERTY),
        mojo("help", parameter("detail", "All of it."), "<detail default-value=\"false\">${detail}</detail>")));
    assertEquals("""
        | Property | POM | Goals | Default | Meaning |
        |---|---|---|---|---|
        | `sandbox.memory` | `<memory>` | all goals | `512m` | Memory, e.g. `1g`. |
        | `sandbox.goals` | `<goals>` | `build` | `verify` | Goals inside. |""", ParameterTable.markdown(plugin));
  }

  @Test
  void theSameParameterWithAnotherMeaningIsARowOfItsOwn() throws IOException {
    String build = parameter("test", "Handed to the build inside.");
    String test = parameter("test", "Which tests run.");
    String property = "<test>${test}</test>";
    List<ParameterTable.Row> rows = ParameterTable.rows(PluginDescriptor.parse(descriptor(
        mojo("build", build, property), mojo("scan", test, property), mojo("test", test, property))));
    assertEquals(List.of(
        new ParameterTable.Row("test", "test", List.of("scan", "test"), "—", "Which tests run."),
        new ParameterTable.Row("test", "test", List.of("build"), "—", "Handed to the build inside.")), rows);
  }

  @Test
  void aParameterWithoutPropertyIsThePomsOnly() throws IOException {
    String markdown = ParameterTable.markdown(PluginDescriptor.parse(descriptor(
        mojo("exec", parameter("arguments", "One per element."), ""))));
    assertTrue(markdown.endsWith("| — | `<arguments>` | all goals | — | One per element. |"), markdown);
  }

  @Test
  void pipesAreEscapedAndLinesJoined() throws IOException {
    String markdown = ParameterTable.markdown(PluginDescriptor.parse(descriptor(mojo("exec",
        parameter("mode", "`a|b`: either.\n\nSecond paragraph."), "<mode>${sandbox.mode}</mode>"))));
    assertTrue(markdown.endsWith("| `a\\|b`: either. Second paragraph. |"), markdown);
  }

  @Test
  void aTagOutsideBackticksIsRefusedNamingTheParameter() throws IOException {
    PluginDescriptor plugin = PluginDescriptor.parse(descriptor(mojo("exec",
        parameter("args", "After those of &lt;arguments&gt;."), "<args>${sandbox.args}</args>")));
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> ParameterTable.markdown(plugin));
    assertTrue(refused.getMessage().startsWith("exec parameter args: "), refused.getMessage());
  }

  @Test
  void aMavenDefaultAndADefaultSentenceAreOneTooMany() throws IOException {
    PluginDescriptor plugin = PluginDescriptor.parse(descriptor(mojo("scan",
        parameter("commits", "The commits. Default `HEAD`."), "<commits default-value=\"HEAD\">${sandbox.commits}</commits>")));
    assertThrows(IllegalArgumentException.class, () -> ParameterTable.markdown(plugin));
  }

  @Test
  void aDescriptorWithADoctypeIsRefused() {
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE plugin [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>"
        + "<plugin><mojos>" + mojo("exec", parameter("memory", "&secret;"), MEMORY_PROPERTY) + "</mojos></plugin>";
    IOException refused = assertThrows(IOException.class, () -> PluginDescriptor.parse(xxe));
    assertTrue(refused.getMessage().contains("DOCTYPE"), refused.getMessage());
  }
}
