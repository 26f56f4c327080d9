package dev.sandboxplugin.payload;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MainClassPayloadTest {

  private static final String APP_CLASS = "com/example/App.class";

  @TempDir
  Path dir;

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"1App", "com..App", "com.example.", ".App", "com/example/App", "com.example.App ",
      "App;rm -rf /", "com.example.App main", "com-example.App"})
  void rejectsWhatIsNotAClassName(String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new MainClassPayload(name, List.of(), List.of()));
    assertEquals("mainClass = '" + name + "' is not a Java class name, e.g. com.example.App", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"App", "com.example.App", "com.example.Outer$Inner", "_x.$y", "dé.exemple.Aplicación",
      "v2.App9"})
  void acceptsJavaClassNames(String name) {
    assertDoesNotThrow(() -> new MainClassPayload(name, List.of(), List.of()));
  }

  @Test
  void describesItself() {
    MainClassPayload payload = new MainClassPayload("com.example.App", List.of(), List.of());

    assertEquals(PayloadKind.MAIN, payload.kind());
    assertEquals("main class com.example.App", payload.description());
    assertTrue(payload.runsOnJvm());
  }

  @Test
  void layersPutJarsInLibsAndDirectoriesUnderClasses() throws IOException {
    Path classes = file("target/classes/" + APP_CLASS).getParent().getParent().getParent();
    Path appProperties = file("target/classes/app.properties");
    Path resources = file("target/extra/data.txt").getParent();
    Path guavaA = file("repo/a/guava.jar");
    Path guavaB = file("repo/b/guava.jar");
    Path guavaC = file("repo/c/guava.jar");
    Path other = file("repo/d/other.jar");
    List<Path> classpath = List.of(classes, guavaA, dir.resolve("missing.jar"), guavaB, other, resources, guavaC);

    List<PayloadLayer> layers = new MainClassPayload("com.example.App", classpath, List.of()).layers();

    assertEquals(List.of(
        new PayloadLayer("dependencies", List.of(
            new PayloadFile(guavaA, "/app/libs/guava.jar"),
            new PayloadFile(guavaB, "/app/libs/1-guava.jar"),
            new PayloadFile(other, "/app/libs/other.jar"),
            new PayloadFile(guavaC, "/app/libs/2-guava.jar"))),
        new PayloadLayer("classes", List.of(
            new PayloadFile(appProperties, "/app/classes/0/app.properties"),
            new PayloadFile(classes.resolve(APP_CLASS), "/app/classes/0/com/example/App.class"),
            new PayloadFile(resources.resolve("data.txt"), "/app/classes/1/data.txt")))),
        layers);
  }

  @Test
  void commandRunsTheMainClassOnTheClasspathInOrderAfterTheJvmOptions() throws IOException {
    Path classes = Files.createDirectories(dir.resolve("classes"));
    Path lib = file("libs/lib.jar");
    Path otherLib = file("other/lib.jar");
    Path testClasses = Files.createDirectories(dir.resolve("test-classes"));
    List<String> args = new ArrayList<>(List.of("--flag", "two words"));
    MainClassPayload payload =
        new MainClassPayload("com.example.App", List.of(lib, classes, otherLib, testClasses), args);
    args.add("added later");

    List<String> expected = new ArrayList<>();
    expected.add("java");
    expected.addAll(JvmOptions.sandboxed());
    // The preflight launcher comes first on the classpath and runs first, then hands over to the main class.
    expected.addAll(List.of("-cp", "/app/launcher:/app/libs/lib.jar:/app/classes/0:/app/libs/1-lib.jar:/app/classes/1",
        "dev.sandboxplugin.preflight.Preflight", "main", "com.example.App", "--flag", "two words"));
    assertEquals(expected, payload.command());
  }

  @Test
  void jvmOptionsBoundTheJvmToTheContainer() {
    List<String> options = JvmOptions.sandboxed();

    assertTrue(options.contains("-XX:+ExitOnOutOfMemoryError"), options.toString());
    assertTrue(options.contains("-XX:MaxRAMPercentage=75"), options.toString());
    assertTrue(options.contains("-Djava.io.tmpdir=/tmp"), options.toString());
    assertTrue(options.stream().allMatch(option -> option.startsWith("-")), options.toString());
  }

  @Test
  void findsTheClassInADirectory() throws IOException {
    Path classes = Files.createDirectories(dir.resolve("classes"));
    file("classes/" + APP_CLASS);
    Path empty = Files.createDirectories(dir.resolve("empty"));

    assertTrue(new MainClassPayload("com.example.App", List.of(empty, classes), List.of()).classIsOnClasspath());
    assertFalse(new MainClassPayload("com.example.Other", List.of(empty, classes), List.of()).classIsOnClasspath());
    assertFalse(new MainClassPayload("com.example.App", List.of(empty), List.of()).classIsOnClasspath());
  }

  @Test
  void findsTheClassInAJar() throws IOException {
    Path jar = jar("app.jar", APP_CLASS);
    Path notAJarName = jar("app.zip", APP_CLASS);
    Path corrupt = Files.writeString(dir.resolve("corrupt.jar"), "not a zip");

    assertTrue(new MainClassPayload("com.example.App", List.of(corrupt, jar), List.of()).classIsOnClasspath());
    assertFalse(new MainClassPayload("com.example.Other", List.of(jar), List.of()).classIsOnClasspath());
    assertFalse(new MainClassPayload("com.example.App", List.of(notAJarName), List.of()).classIsOnClasspath());
    assertFalse(new MainClassPayload("com.example.App", List.of(corrupt), List.of()).classIsOnClasspath());
    assertFalse(new MainClassPayload("com.example.App", List.of(dir.resolve("missing.jar")), List.of())
        .classIsOnClasspath());
  }

  private Path file(String relative) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, relative);
  }

  private Path jar(String name, String entry) throws IOException {
    Path jar = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry(entry));
      zip.write(new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe});
      zip.closeEntry();
    }
    return jar;
  }
}
