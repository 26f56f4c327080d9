package dev.sandboxplugin.payload;

import dev.sandboxplugin.files.CachedJar;
import dev.sandboxplugin.testrunner.SandboxTestRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;

/**
 * The jar of the in-sandbox test runner and its agent, made from our own classes wherever they are (a jar in a
 * plugin's class path, or a folder in a build) into the cache, named by its content: the agent needs a jar with
 * a {@code Premain-Class}, and a jar with fixed entry times keeps the image layer unchanged between builds. The
 * agent's ASM goes in too, moved to {@code dev/sandboxplugin/agent/asm/}: the tested project may bring its own.
 */
public final class RunnerJar {

  private static final List<String> PACKAGES = List.of("dev/sandboxplugin/testrunner/", "dev/sandboxplugin/agent/");
  private static final String AGENT_CLASS = "dev.sandboxplugin.agent.AttributionAgent";
  private static final String ASM_PACKAGE = "org/objectweb/asm/";
  private static final String RELOCATED_ASM = "dev/sandboxplugin/agent/asm/";

  private RunnerJar() {}

  /** The runner jar under {@code cacheDir}, written once per content. */
  public static Path in(Path cacheDir) {
    TreeMap<String, byte[]> classes = ourClasses();
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), AGENT_CLASS);
    // Where the JDK has no Security Manager, the agent rewrites a few JDK methods (see JdkHooks).
    manifest.getMainAttributes().put(new Attributes.Name("Can-Retransform-Classes"), "true");
    // Named by what goes in (and where ASM is moved to): the relocation below only runs when the jar is new.
    String id = CachedJar.contentId(RELOCATED_ASM, classes);
    Path jar = cacheDir.resolve("runner-" + id).resolve("sandbox-test-runner.jar");
    if (Files.isRegularFile(jar)) {
      return jar;
    }
    try {
      return CachedJar.write(jar, manifest, relocated(classes));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the test runner jar under " + cacheDir, e);
    }
  }

  private static TreeMap<String, byte[]> ourClasses() {
    TreeMap<String, byte[]> classes = entries(codeSource(SandboxTestRunner.class), PACKAGES);
    if (classes.isEmpty()) {
      throw new IllegalStateException("no test runner classes found in " + codeSource(SandboxTestRunner.class));
    }
    classes.putAll(entries(codeSource(ClassReader.class), List.of(ASM_PACKAGE)));
    return classes;
  }

  /** ASM's classes moved under {@link #RELOCATED_ASM}, and every reference to them in ours. */
  private static TreeMap<String, byte[]> relocated(TreeMap<String, byte[]> classes) {
    TreeMap<String, byte[]> relocated = new TreeMap<>();
    classes.forEach((name, bytes) -> relocated.put(relocate(name), name.endsWith(".class") ? relocateAsm(bytes) : bytes));
    return relocated;
  }

  private static String relocate(String name) {
    return name.startsWith(ASM_PACKAGE) ? RELOCATED_ASM + name.substring(ASM_PACKAGE.length()) : name;
  }

  private static byte[] relocateAsm(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(0);
    reader.accept(new ClassRemapper(writer, new Remapper() {
      @Override
      public String map(String internalName) {
        return relocate(internalName);
      }
    }), 0);
    return writer.toByteArray();
  }

  private static Path codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("cannot find where " + type.getName() + " was loaded from", e);
    }
  }

  /** The files under {@code prefixes} of a jar or a classes folder. */
  private static TreeMap<String, byte[]> entries(Path location, List<String> prefixes) {
    TreeMap<String, byte[]> classes = new TreeMap<>();
    try {
      if (Files.isDirectory(location)) {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(location)) {
          walk.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path file : files) {
          String name = location.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
          if (prefixes.stream().anyMatch(name::startsWith)) {
            classes.put(name, Files.readAllBytes(file));
          }
        }
      } else {
        try (JarFile jar = new JarFile(location.toFile())) {
          for (JarEntry entry : java.util.Collections.list(jar.entries())) {
            if (!entry.isDirectory() && prefixes.stream().anyMatch(entry.getName()::startsWith)) {
              try (InputStream in = jar.getInputStream(entry)) {
                classes.put(entry.getName(), in.readAllBytes());
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classes from " + location, e);
    }
    return classes;
  }
}
