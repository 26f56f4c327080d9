package dev.sandboxplugin.mojo;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;

/**
 * The classpath a sandboxed test run needs: the project's test classpath as Maven resolved it, plus the JUnit
 * Platform launcher (and Vintage engine) it lacks, as Surefire adds them.
 */
final class TestClasspath {

  private TestClasspath() {}

  /**
   * @throws IllegalArgumentException when the project has no JUnit or resolution fails
   * @throws dev.sandboxplugin.payload.LinkedFileException when an entry is neither the reactor's nor the local
   *     repository's (a system-scope path to a host file, a resource linked out of the project)
   */
  static List<Path> of(MavenProject project, MavenSession session, RepositorySystem repositories) {
    List<Path> classpath = new ArrayList<>();
    try {
      project.getTestClasspathElements().stream().map(File::new).map(File::toPath).forEach(classpath::add);
    } catch (DependencyResolutionRequiredException e) {
      throw new IllegalStateException("the test classpath of " + project.getId() + " is not resolved", e);
    }
    ProjectFiles.requireInside(project, session, classpath);
    new JUnitPlatformArtifacts(repositories, session.getRepositorySession(), project.getRemoteProjectRepositories())
        .missingFor(project.getArtifacts()).forEach(file -> classpath.add(file.toPath()));
    return classpath;
  }
}
