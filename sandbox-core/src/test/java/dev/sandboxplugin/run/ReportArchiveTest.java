package dev.sandboxplugin.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

/** Archives a payload could craft: only plain files directly in the folder get through. */
class ReportArchiveTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

  ReportArchiveTest() {
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
  }

  @Test
  void plainReportsAreKept() throws IOException {
    directory("reports/");
    file("reports/TEST-a.B.xml", "<testsuite/>");
    file("reports/.collected", "");
    CollectedFiles collected = read();
    assertEquals(List.of("TEST-a.B.xml"), List.copyOf(collected.files().keySet()));
    assertEquals("<testsuite/>", new String(collected.files().get("TEST-a.B.xml"), StandardCharsets.UTF_8));
    assertTrue(collected.rejected().isEmpty(), collected.rejected().toString());
  }

  @Test
  void pathsThatLeaveTheFolderAreRefused() throws IOException {
    file("reports/../../home/user/.bashrc", "evil");
    file("/etc/cron.d/evil", "evil");
    file("other/TEST-x.xml", "evil");
    file("reports/sub/TEST-x.xml", "evil");
    file("reports/TEST-\u001b[31mred.xml", "evil");
    CollectedFiles collected = read();
    assertTrue(collected.files().isEmpty(), collected.files().keySet().toString());
    List<String> details = collected.rejected().stream().map(Violation::detail).toList();
    assertEquals(5, details.size(), details.toString());
    assertTrue(details.get(0).endsWith("refused: its path leaves the reports folder"), details.get(0));
    assertTrue(details.get(1).endsWith("refused: its path leaves the reports folder"), details.get(1));
    assertTrue(details.get(2).endsWith("refused: its path leaves the reports folder"), details.get(2));
    assertTrue(details.get(3).endsWith("refused: not a plain file name"), details.get(3));
    assertTrue(details.get(4).contains("\\x1b[31m") && details.get(4).endsWith("refused: not a plain file name"),
        "the escape is shown, not obeyed: " + details.get(4));
    assertTrue(collected.rejected().stream().allMatch(violation -> violation.kind() == ViolationKind.REPORT));
  }

  @Test
  void linksDevicesAndHugeFilesAreRefused() throws IOException {
    TarArchiveEntry link = new TarArchiveEntry("reports/TEST-link.xml", TarConstants.LF_SYMLINK);
    link.setLinkName("/etc/shadow");
    tar.putArchiveEntry(link);
    tar.closeArchiveEntry();
    TarArchiveEntry hard = new TarArchiveEntry("reports/TEST-hard.xml", TarConstants.LF_LINK);
    hard.setLinkName("reports/TEST-link.xml");
    tar.putArchiveEntry(hard);
    tar.closeArchiveEntry();
    TarArchiveEntry device = new TarArchiveEntry("reports/TEST-dev.xml", TarConstants.LF_CHR);
    tar.putArchiveEntry(device);
    tar.closeArchiveEntry();
    file("reports/TEST-huge.xml", "x".repeat((int) ReportArchive.MAX_FILE_BYTES + 1));
    file("reports/TEST-fine.xml", "<testsuite/>");
    CollectedFiles collected = read();
    assertEquals(List.of("TEST-fine.xml"), List.copyOf(collected.files().keySet()));
    List<String> details = collected.rejected().stream().map(Violation::detail).toList();
    assertEquals(List.of(
        "report entry 'reports/TEST-link.xml' refused: a link (to /etc/shadow)",
        "report entry 'reports/TEST-hard.xml' refused: a link (to reports/TEST-link.xml)",
        "report entry 'reports/TEST-dev.xml' refused: not a plain file (device, pipe or socket)",
        "report entry 'reports/TEST-huge.xml' refused: larger than 8 MB (8388609 bytes)"), details);
  }

  @Test
  void tooManyFilesStopTheRead() throws IOException {
    for (int i = 0; i <= ReportArchive.MAX_FILES; i++) {
      file("reports/TEST-" + i + ".xml", "");
    }
    CollectedFiles collected = read();
    assertEquals(ReportArchive.MAX_FILES, collected.files().size());
    assertEquals("more than 2000 report files; the rest were not read", collected.rejected().get(0).detail());
  }

  private void directory(String name) throws IOException {
    tar.putArchiveEntry(new TarArchiveEntry(name));
    tar.closeArchiveEntry();
  }

  private void file(String name, String content) throws IOException {
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    TarArchiveEntry entry = new TarArchiveEntry(name, true);
    entry.setSize(data.length);
    tar.putArchiveEntry(entry);
    tar.write(data);
    tar.closeArchiveEntry();
  }

  private CollectedFiles read() throws IOException {
    tar.close();
    return ReportArchive.read(new ByteArrayInputStream(bytes.toByteArray()), "reports", List.of(".collected"));
  }
}
