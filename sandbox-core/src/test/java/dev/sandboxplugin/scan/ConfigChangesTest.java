package dev.sandboxplugin.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigChangesTest {

  private static final String POM = """
      <project>
        <build>
          <plugins>
            <plugin>
              <artifactId>maven-surefire-plugin</artifactId>
              <configuration><argLine>%s</argLine></configuration>
            </plugin>
            <plugin>
              <groupId>dev.sandboxplugin</groupId>
              <artifactId>sandbox-maven-plugin</artifactId>
              <configuration>
                <timeout>5m</timeout>%s
              </configuration>
            </plugin>
          </plugins>
        </build>
      </project>
      """;

  @Test
  void theFilesThatConfigureTheSandboxOrStartTheBuild() {
    for (String path : Set.of("sandbox-policy.yaml", "module/sandbox-policy.yaml", ".mvn/jvm.config",
        ".mvn/extensions.xml", ".mvn/wrapper/maven-wrapper.properties", "mvnw", "app/mvnw.cmd", ".mvn/settings.xml",
        "settings.xml", ".github/workflows/ci.yml", ".gitlab-ci.yml", "Jenkinsfile", "profiles/tight.json")) {
      assertTrue(ConfigChanges.what(path, Set.of("profiles/tight.json")).isPresent(), path);
    }
    for (String path : Set.of("pom.xml", "src/main/java/A.java", "docs/sandbox-policy.md", "profiles/other.json",
        "my.mvn/x", "github/workflows/x.yml")) {
      assertEquals(Optional.empty(), ConfigChanges.what(path, Set.of("profiles/tight.json")), path);
    }
  }

  @Test
  void aPomCountsOnlyWhereItConfiguresTheSandboxPlugin() {
    String base = POM.formatted("-Xmx1g", "");
    assertEquals(Optional.empty(), ConfigChanges.pluginConfigurationChange(base, POM.formatted("-Xmx2g", "")));
    String audited = POM.formatted("-Xmx1g", "\n            <mode>audit</mode>");
    int line = audited.lines().toList().indexOf("            <mode>audit</mode>") + 1;
    assertEquals(Optional.of(line), ConfigChanges.pluginConfigurationChange(base, audited));
    assertEquals(Optional.of(1), ConfigChanges.pluginConfigurationChange(base, "<project/>"));
  }

  @Test
  void theFirstChangedLine() {
    assertEquals(Optional.of(2), ConfigChanges.firstChangedLine("a\nb\nc\n", "a\nB\nc\n"));
    assertEquals(Optional.of(4), ConfigChanges.firstChangedLine("a\nb\nc\n", "a\nb\nc\nd\n"));
    assertEquals(Optional.of(1), ConfigChanges.firstChangedLine(null, "new\n"));
    assertEquals(Optional.of(1), ConfigChanges.firstChangedLine("gone\n", null));
    assertEquals(Optional.empty(), ConfigChanges.firstChangedLine("same\n", "same\n"));
  }
}
