package dev.sandboxplugin.mojo;

import dev.sandboxplugin.files.SafeTree;
import dev.sandboxplugin.payload.LinkedFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Resource;
import org.apache.maven.project.MavenProject;

/**
 * What of the host a goal run inside the project may package: files of the project (its reactor's folders) and of
 * the local repository, nothing else. A {@code system}-scope path or a resource committed as a link to a host file
 * (which Maven's resources plugin would have copied, content and all) is refused, and named.
 */
final class ProjectFiles {

  private ProjectFiles() {}

  static void requireInside(MavenProject project, MavenSession session, List<Path> classpath) {
    Path root = reactorRoot(project, session);
    Path repository = Path.of(session.getLocalRepository().getBasedir()).toAbsolutePath().normalize();
    List<String> outside = new ArrayList<>();
    for (Path entry : classpath) {
      Path real = real(entry);
      if (real != null && !real.startsWith(root) && !real.startsWith(real(repository))) {
        outside.add(entry.toString());
      }
    }
    for (Resource resource : concat(project.getResources(), project.getTestResources())) {
      Path folder = Path.of(resource.getDirectory());
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try {
        SafeTree.walk(folder).refused().stream().filter(SafeTree.Refusal::breach)
            .forEach(refusal -> outside.add(folder.resolve(refusal.relativePath()).toString()));
      } catch (IOException unreadable) {
        // Maven read it already; what it copied is checked as part of the classes folders.
      }
    }
    if (!outside.isEmpty()) {
      throw new LinkedFileException(String.join(", ", outside.stream().limit(5).toList())
          + (outside.size() == 1 ? " is" : " are") + " outside the project and the local repository (a system-scope"
          + " path, or a link the project planted); nothing of the host beyond them is packaged");
    }
  }

  private static Path reactorRoot(MavenProject project, MavenSession session) {
    Path root = project.getBasedir().toPath().toAbsolutePath().normalize();
    if (session.getTopLevelProject() != null && session.getTopLevelProject().getBasedir() != null) {
      Path top = session.getTopLevelProject().getBasedir().toPath().toAbsolutePath().normalize();
      if (root.startsWith(top)) {
        root = top;
      }
    }
    Path real = real(root);
    return real == null ? root : real;
  }

  private static List<Resource> concat(List<Resource> a, List<Resource> b) {
    List<Resource> all = new ArrayList<>(a == null ? List.of() : a);
    all.addAll(b == null ? List.of() : b);
    return all;
  }

  private static Path real(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException missing) {
      return null; // the JVM leaves out what is not there, and so does the image
    }
  }
}
