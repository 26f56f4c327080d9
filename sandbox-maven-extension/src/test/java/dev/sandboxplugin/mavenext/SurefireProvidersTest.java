package dev.sandboxplugin.mavenext;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.junit.jupiter.api.Test;

class SurefireProvidersTest {

  @Test
  void theJUnitPlatformProviderAndTheLauncherOfThePlatformsVersion() {
    List<String> providers = names(SurefireProviders.forClasspath("3.5.2", List.of(
        new DefaultArtifact("org.junit.jupiter:junit-jupiter-api:5.13.4"),
        new DefaultArtifact("org.junit.platform:junit-platform-engine:1.13.4"))));
    assertEquals(List.of("org.apache.maven.surefire:surefire-junit-platform:jar:3.5.2",
        "org.junit.platform:junit-platform-launcher:jar:1.13.4"), providers);
  }

  @Test
  void jUnit4BothItsProvidersAndTestNg() {
    assertEquals(List.of("org.apache.maven.surefire:surefire-junit4:jar:3.2.5",
        "org.apache.maven.surefire:surefire-junit47:jar:3.2.5", "org.apache.maven.surefire:surefire-testng:jar:3.2.5"),
        names(SurefireProviders.forClasspath("3.2.5", List.of(new DefaultArtifact("junit:junit:4.13.2"),
            new DefaultArtifact("org.testng:testng:7.10.2")))));
  }

  @Test
  void noFrameworkIsThePlainProvider() {
    assertEquals(List.of("org.apache.maven.surefire:surefire-junit3:jar:3.5.2"),
        names(SurefireProviders.forClasspath("3.5.2", List.of())));
  }

  private static List<String> names(List<Artifact> artifacts) {
    return artifacts.stream().map(Artifact::toString).toList();
  }
}
