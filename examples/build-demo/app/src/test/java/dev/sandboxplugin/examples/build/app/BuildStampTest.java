package dev.sandboxplugin.examples.build.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BuildStampTest {

  @Test
  void thePluginExecutionRanBeforeTheTests() throws IOException {
    Properties stamp = new Properties();
    try (InputStream in = BuildStampTest.class.getResourceAsStream("/build-stamp.properties")) {
      stamp.load(in);
    }
    assertEquals("Hello, build!", stamp.getProperty("greeting"));
  }

  @Test
  void readsAFileOfTheModuleByItsRelativePath() throws IOException {
    // Surefire runs the tests in the module's folder.
    List<String> lines = Files.readAllLines(Path.of("src/test/resources/greetings.csv"));
    assertEquals("who,greeting", lines.get(0));
  }
}
