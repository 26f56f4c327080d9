package dev.sandboxplugin.examples.hello;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tries to leave a file behind outside /tmp; the read-only root file system refuses it. */
public final class WriteRoot {

  public static void main(String[] args) throws IOException {
    Path target = Path.of("/escaped.txt");
    Files.writeString(target, "written from inside the sandbox\n");
    System.out.println("Wrote " + target);
  }
}
