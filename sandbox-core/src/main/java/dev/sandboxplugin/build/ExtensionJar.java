package dev.sandboxplugin.build;

import dev.sandboxplugin.files.CachedJar;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The jar of the Maven core extension that {@code sandbox:build} loads into the Maven inside the sandbox
 * ({@code dev.sandboxplugin.mavenext}: the artifact channel's transport and the resolve step), written into the
 * cache once per content. Its classes are found as resources, never loaded here (they need Maven's API), and the
 * component index that makes Maven pick them up is written only into this jar: on the plugin's own class path on
 * the host they register nothing.
 */
final class ExtensionJar {

  private static final String PACKAGE = "dev/sandboxplugin/mavenext/";
  private static final String MARKER = PACKAGE + "ChannelTransporterFactory.class";
  // Maven reads Plexus descriptors from maven.ext.class.path (a Sisu index there is not read).
  private static final String INDEX = "META-INF/plexus/components.xml";
  private static final String COMPONENTS = """
      <component-set>
        <components>
          <component>
            <role>org.eclipse.aether.spi.connector.transport.TransporterFactory</role>
            <role-hint>sandbox-channel</role-hint>
            <implementation>dev.sandboxplugin.mavenext.ChannelTransporterFactory</implementation>
          </component>
          <component>
            <role>org.apache.maven.AbstractMavenLifecycleParticipant</role>
            <role-hint>sandbox-resolve</role-hint>
            <implementation>dev.sandboxplugin.mavenext.ResolveParticipant</implementation>
          </component>
        </components>
      </component-set>
      """;

  private ExtensionJar() {}

  static Path in(Path cacheDir) {
    TreeMap<String, byte[]> entries = classes();
    entries.put(INDEX, COMPONENTS.getBytes(StandardCharsets.UTF_8));
    String id = CachedJar.contentId("", entries);
    Path jar = cacheDir.resolve("maven-extension-" + id).resolve("sandbox-maven-extension.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
    try {
      return CachedJar.write(jar, manifest, entries);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Maven extension jar under " + cacheDir, e);
    }
  }

  private static TreeMap<String, byte[]> classes() {
    URL marker = ExtensionJar.class.getClassLoader().getResource(MARKER);
    if (marker == null) {
      throw new IllegalStateException("the sandbox Maven extension's classes are not on the class path ("
          + MARKER + ")");
    }
    TreeMap<String, byte[]> classes = new TreeMap<>();
    try {
      if (marker.getProtocol().equals("jar")) {
        JarURLConnection connection = (JarURLConnection) marker.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = new JarFile(Path.of(connection.getJarFileURL().toURI()).toFile())) {
          for (JarEntry entry : Collections.list(jar.entries())) {
            if (!entry.isDirectory() && entry.getName().startsWith(PACKAGE)) {
              try (InputStream in = jar.getInputStream(entry)) {
                classes.put(entry.getName(), in.readAllBytes());
              }
            }
          }
        }
      } else {
        Path file = Path.of(marker.toURI());
        Path root = file;
        for (int i = 0; i < PACKAGE.split("/").length; i++) {
          root = root.getParent();
        }
        Path folder = root.resolve(PACKAGE);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
          walk.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path path : files) {
          classes.put(root.relativize(path).toString().replace('\\', '/'), Files.readAllBytes(path));
        }
      }
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("cannot read the sandbox Maven extension's classes from " + marker, e);
    }
    return classes;
  }
}
