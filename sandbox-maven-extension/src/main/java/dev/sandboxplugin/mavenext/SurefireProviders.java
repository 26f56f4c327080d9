package dev.sandboxplugin.mavenext;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecution;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;

/**
 * The providers Surefire and Failsafe resolve only when they run, by the test framework they find on the test
 * class path: the JUnit Platform (with the launcher matching the platform's version), JUnit 4 (and 4.7+ for
 * parallel runs and categories), TestNG, else the plain JUnit 3 provider. Fetching one too many costs a download;
 * one too few would fail the offline build.
 */
final class SurefireProviders {

  private static final String GROUP = "org.apache.maven.surefire";

  private SurefireProviders() {}

  static List<Artifact> forExecution(MojoExecution execution, List<Artifact> testClasspath) {
    String plugin = execution.getArtifactId();
    if (!"org.apache.maven.plugins".equals(execution.getGroupId())
        || !("maven-surefire-plugin".equals(plugin) || "maven-failsafe-plugin".equals(plugin))) {
      return List.of();
    }
    return forClasspath(execution.getVersion(), testClasspath);
  }

  static List<Artifact> forClasspath(String surefireVersion, List<Artifact> testClasspath) {
    List<Artifact> providers = new ArrayList<>();
    String platformVersion = null;
    boolean launcherPresent = false;
    boolean junit4 = false;
    boolean testng = false;
    for (Artifact artifact : testClasspath) {
      String group = artifact.getGroupId();
      String name = artifact.getArtifactId();
      if (group.equals("org.junit.platform")) {
        if (name.equals("junit-platform-launcher")) {
          launcherPresent = true;
        }
        if (name.equals("junit-platform-engine") || name.equals("junit-platform-commons")) {
          platformVersion = artifact.getBaseVersion();
        }
      } else if (group.equals("junit") && name.equals("junit")) {
        junit4 = true;
      } else if (group.equals("org.testng") && name.equals("testng")) {
        testng = true;
      }
    }
    if (platformVersion != null) {
      providers.add(provider("surefire-junit-platform", surefireVersion));
      if (!launcherPresent) {
        providers.add(new DefaultArtifact("org.junit.platform", "junit-platform-launcher", "jar", platformVersion));
      }
    }
    if (junit4) {
      providers.add(provider("surefire-junit4", surefireVersion));
      providers.add(provider("surefire-junit47", surefireVersion));
    }
    if (testng) {
      providers.add(provider("surefire-testng", surefireVersion));
    }
    if (providers.isEmpty()) {
      providers.add(provider("surefire-junit3", surefireVersion));
    }
    return providers;
  }

  private static Artifact provider(String artifactId, String version) {
    return new DefaultArtifact(GROUP, artifactId, "jar", version);
  }
}
