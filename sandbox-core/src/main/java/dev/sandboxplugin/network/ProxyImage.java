package dev.sandboxplugin.network;

import dev.sandboxplugin.engine.DockerEngine;
import dev.sandboxplugin.files.AtomicFile;
import dev.sandboxplugin.files.CachedJar;
import dev.sandboxplugin.image.BaseImage;
import dev.sandboxplugin.image.ImageBuildException;
import dev.sandboxplugin.image.PayloadImage;
import dev.sandboxplugin.image.PayloadImageBuilder;
import dev.sandboxplugin.payload.Payload;
import dev.sandboxplugin.payload.PayloadFile;
import dev.sandboxplugin.payload.PayloadKind;
import dev.sandboxplugin.payload.PayloadLayer;
import dev.sandboxplugin.policy.HostPattern;
import dev.sandboxplugin.policy.InvalidPolicyException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The image of the egress proxy and the forwarder: the offline Java base and our own proxy classes (java.base
 * only) under {@code /app/egress}, built with jib-core like a payload image, so no registry is ever needed. Built
 * once per version of those classes and then found by its fingerprint.
 */
final class ProxyImage {

  static final String CLASSPATH = "/app/egress";
  private static final List<Class<?>> CLASSES = List.of(ProxyServer.class, ProxyRequest.class, ProxyDecision.class,
      ProxyLogEntry.class, BadProxyRequestException.class, Relay.class, ChunkedBody.class, LoopbackForwarder.class,
      HostPattern.class, InvalidPolicyException.class);

  private ProxyImage() {}

  static PayloadImage build(DockerEngine engine, Path cacheDir) {
    List<PayloadFile> files = classFiles(cacheDir);
    Payload payload = new Payload() {
      @Override
      public PayloadKind kind() {
        return PayloadKind.MAIN; // a main class on a classpath; no report names it
      }

      @Override
      public String description() {
        return "sandbox egress proxy";
      }

      @Override
      public String origin() {
        return "sandbox egress proxy";
      }

      @Override
      public List<PayloadLayer> layers() {
        return List.of(new PayloadLayer("egress-proxy", files));
      }

      @Override
      public List<String> command() {
        return List.of("java", "-cp", CLASSPATH, ProxyServer.class.getName());
      }

      @Override
      public boolean runsOnJvm() {
        return false; // no preflight: the proxy has a network interface by design
      }
    };
    return new PayloadImageBuilder(engine, cacheDir).build(BaseImage.offlineJava(), payload);
  }

  // The classes and their nested ones, copied out of our own jar (or classes folder) into the cache, named by content.
  private static List<PayloadFile> classFiles(Path cacheDir) {
    TreeMap<String, byte[]> classes = new TreeMap<>();
    try {
      Path location = Path.of(ProxyServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Class<?> type : CLASSES) {
        String prefix = type.getName().replace('.', '/');
        if (Files.isDirectory(location)) {
          Path folder = location.resolve(prefix).getParent();
          String simple = prefix.substring(prefix.lastIndexOf('/') + 1);
          try (Stream<Path> list = Files.list(folder)) {
            for (Path file : list.toList()) {
              String name = file.getFileName().toString();
              if (name.equals(simple + ".class") || (name.startsWith(simple + "$") && name.endsWith(".class"))) {
                classes.put(location.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
              }
            }
          }
        } else {
          try (ZipFile jar = new ZipFile(location.toFile())) {
            for (ZipEntry entry : jar.stream().toList()) {
              String name = entry.getName();
              if (name.equals(prefix + ".class") || (name.startsWith(prefix + "$") && name.endsWith(".class"))) {
                try (InputStream in = jar.getInputStream(entry)) {
                  classes.put(name, in.readAllBytes());
                }
              }
            }
          }
        }
      }
      Path root = cacheDir.resolve("egress-proxy-" + CachedJar.contentId("", classes));
      List<PayloadFile> files = new ArrayList<>();
      for (var entry : classes.entrySet()) {
        Path file = root.resolve(entry.getKey());
        if (!Files.isRegularFile(file)) {
          AtomicFile.write(file.getParent(), file.getFileName().toString(), entry.getValue());
        }
        files.add(new PayloadFile(file, CLASSPATH + "/" + entry.getKey()));
      }
      return files;
    } catch (IOException | URISyntaxException | RuntimeException e) {
      throw new ImageBuildException("cannot gather the egress proxy's classes into " + cacheDir + ": " + e, e);
    }
  }
}
