package dev.sandboxplugin.examples.build.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Run by exec:java during the build: writes the file named by its argument, read back by the tests. */
public final class BuildStamp {

  private BuildStamp() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args[0]);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "greeting=" + HelloGreeter.greet("build") + "\njava=" + Runtime.version().feature() + "\n",
        StandardCharsets.UTF_8);
  }
}
