package dev.sandboxplugin.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

  @TempDir
  Path dir;

  @Test
  void aReportIsWrittenWholeAndReadableByTheToolsThatReadIt() throws Exception {
    Path written = AtomicFile.write(dir.resolve("target/sandbox"), "report.json", "{}".getBytes());

    assertEquals("{}", Files.readString(written));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(written)));
    try (var left = Files.list(written.getParent())) {
      assertEquals(1, left.count(), "no partial file is left");
    }
  }
}
