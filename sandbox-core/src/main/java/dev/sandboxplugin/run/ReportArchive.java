package dev.sandboxplugin.run;

import dev.sandboxplugin.verdict.Evidence;
import dev.sandboxplugin.verdict.Violation;
import dev.sandboxplugin.verdict.ViolationKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Reads the tar the engine gives of the container's reports folder, which the payload wrote and may have shaped to
 * attack us: only plain files directly in the folder, with plain names, of bounded size and number, are kept.
 * Anything else (a {@code ../} or absolute name, a sub-folder, a link, a device, a huge file) is refused and
 * becomes a {@code REPORT} violation. Nothing here touches the host's disk.
 */
public final class ReportArchive {

  static final long MAX_FILE_BYTES = 8L * 1024 * 1024;
  static final long MAX_TOTAL_BYTES = 32L * 1024 * 1024;
  static final int MAX_FILES = 2000;

  /** How much may come out of one run. */
  public record Limits(long fileBytes, long totalBytes, int files) {
    /** One test JVM's reports. */
    public static final Limits TEST_RUN = new Limits(MAX_FILE_BYTES, MAX_TOTAL_BYTES, MAX_FILES);
    /** A whole build's: every module's Surefire and Failsafe reports, with the tests' captured output. */
    public static final Limits BUILD = new Limits(32L * 1024 * 1024, 192L * 1024 * 1024, 20_000);
  }
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_$][A-Za-z0-9._$+@-]{0,199}");

  private ReportArchive() {}

  /**
   * @param tar the engine's archive; its entries start with the folder's own name
   * @param ignored names that are part of the protocol, not reports ({@code .collected})
   */
  static CollectedFiles read(InputStream tar, String folderName, List<String> ignored) throws IOException {
    return read(tar, folderName, ignored, Limits.TEST_RUN);
  }

  static CollectedFiles read(InputStream tar, String folderName, List<String> ignored, Limits limits)
      throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    List<Violation> rejected = new ArrayList<>();
    long total = 0;
    try (TarArchiveInputStream in = new TarArchiveInputStream(tar)) {
      TarArchiveEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        String name = entry.getName();
        String relative = relativeTo(folderName, name);
        if (relative != null && relative.isEmpty() && entry.isDirectory()) {
          continue; // the folder itself
        }
        if (relative != null && ignored.contains(relative)) {
          continue;
        }
        String refusal = refusal(entry, relative, limits);
        if (refusal != null) {
          rejected.add(new Violation(ViolationKind.REPORT, "report entry '" + printable(name) + "' refused: " + refusal,
              Evidence.HOST));
          continue;
        }
        if (files.size() >= limits.files()) {
          rejected.add(new Violation(ViolationKind.REPORT, "more than " + limits.files()
              + " report files; the rest were not read", Evidence.HOST));
          break;
        }
        byte[] content = readAtMost(in, limits.fileBytes());
        if (content == null) {
          rejected.add(new Violation(ViolationKind.REPORT, "report entry '" + printable(name) + "' refused: larger"
              + " than " + limits.fileBytes() / (1024 * 1024) + " MB", Evidence.HOST));
          continue;
        }
        total += content.length;
        if (total > limits.totalBytes()) {
          rejected.add(new Violation(ViolationKind.REPORT, "reports larger than " + limits.totalBytes() / (1024 * 1024)
              + " MB in all; the rest were not read", Evidence.HOST));
          break;
        }
        files.put(relative, content);
      }
    }
    return new CollectedFiles(true, files, rejected);
  }

  /** The name below the folder, or null when the entry is not inside it (absolute, {@code ..}, elsewhere). */
  private static String relativeTo(String folderName, String name) {
    String prefix = folderName + "/";
    if (name.equals(folderName) || name.equals(prefix)) {
      return "";
    }
    if (!name.startsWith(prefix)) {
      return null;
    }
    String relative = name.substring(prefix.length());
    return relative.endsWith("/") ? relative.substring(0, relative.length() - 1) : relative;
  }

  private static String refusal(TarArchiveEntry entry, String relative, Limits limits) {
    if (relative == null || relative.contains("..") || relative.startsWith("/")) {
      return "its path leaves the reports folder";
    }
    if (entry.isSymbolicLink() || entry.isLink()) {
      return "a link (to " + printable(entry.getLinkName()) + ")";
    }
    if (entry.isDirectory()) {
      return "a folder; reports are plain files";
    }
    // By its type flag: commons-compress's isFile() is true for devices and pipes too.
    if (entry.getLinkFlag() != TarConstants.LF_NORMAL && entry.getLinkFlag() != TarConstants.LF_OLDNORM) {
      return "not a plain file (device, pipe or socket)";
    }
    if (relative.contains("/") || !PLAIN_NAME.matcher(relative).matches()) {
      return "not a plain file name";
    }
    if (entry.getSize() > limits.fileBytes()) {
      return "larger than " + limits.fileBytes() / (1024 * 1024) + " MB (" + entry.getSize() + " bytes)";
    }
    return null;
  }

  // The declared size may lie in a crafted archive: count what is read.
  private static byte[] readAtMost(InputStream in, long limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int read;
    while ((read = in.read(buffer)) != -1) {
      if (out.size() + read > limit) {
        in.skip(Long.MAX_VALUE);
        return null;
      }
      out.write(buffer, 0, read);
    }
    return out.toByteArray();
  }

  private static String printable(String text) {
    String shown = SafeText.forLog(text == null ? "" : text);
    return shown.length() > 200 ? shown.substring(0, 200) + "..." : shown;
  }
}
