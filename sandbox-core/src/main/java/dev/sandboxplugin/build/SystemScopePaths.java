package dev.sandboxplugin.build;

import dev.sandboxplugin.files.SafeTree;
import dev.sandboxplugin.files.UntrustedXml;
import dev.sandboxplugin.verdict.Evidence;
import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.NodeList;

/**
 * {@code <systemPath>}s of the tree's POMs, read as data: a system-scope dependency names a file by path, and one
 * that leaves the project (an absolute path, {@code ${user.home}}, {@code ${env.X}}, {@code ../..}) names a file of
 * the host. Nothing of the host is in the sandbox, so the build inside cannot read it; the attempt is a
 * {@link ViolationKind#LINK} violation all the same, since it is what a planted link is.
 */
final class SystemScopePaths {

  private SystemScopePaths() {}

  static List<Violation> outside(SafeTree.Listing tree) {
    List<Violation> violations = new ArrayList<>();
    for (SafeTree.TreeFile file : tree.files()) {
      if (!(file.relativePath().equals("pom.xml") || file.relativePath().endsWith("/pom.xml"))) {
        continue;
      }
      Path module = tree.root().resolve(file.relativePath()).getParent();
      for (String path : systemPaths(file.source())) {
        if (leaves(tree.root(), module, path)) {
          violations.add(new Violation(ViolationKind.LINK, file.relativePath() + " has a system-scope dependency on a"
              + " file outside the project; nothing outside it is in the sandbox", Evidence.HOST));
        }
      }
    }
    return violations;
  }

  private static boolean leaves(Path root, Path module, String path) {
    String resolved = path.trim().replace("${project.basedir}", module.toString()).replace("${basedir}",
        module.toString());
    if (resolved.contains("${")) {
      return true; // ${user.home}, ${env.HOME}, ${java.home}: the host's, whatever they are
    }
    Path target = module.resolve(resolved).normalize();
    return !target.startsWith(root);
  }

  private static List<String> systemPaths(Path pom) {
    List<String> paths = new ArrayList<>();
    try (java.io.InputStream in = Files.newInputStream(pom)) {
      NodeList nodes = UntrustedXml.parse(in).getElementsByTagName("systemPath");
      for (int i = 0; i < nodes.getLength(); i++) {
        paths.add(nodes.item(i).getTextContent());
      }
    } catch (IOException | RuntimeException | org.xml.sax.SAXException unreadable) {
      // A POM the host cannot read is the build's to fail on, inside.
    }
    return paths;
  }
}
