package dev.sandboxplugin.build;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path the Maven inside the sandbox asked for, checked and read as what it names in Maven's repository layout: an
 * artifact file ({@code g/r/o/u/p/artifact/version/artifact-version[-classifier].ext}), the checksum of one, or a
 * {@code maven-metadata.xml}. Anything else is refused before the host fetches a thing: the path comes from code of
 * the tree under test.
 *
 * @param checksum {@code sha1}, {@code md5}, {@code sha256} or {@code sha512} when the checksum of the file is asked
 *     for, else null
 */
public record RepositoryPath(String path, Kind kind, String groupId, String artifactId, String version,
    String classifier, String extension, String checksum) {

  /** What the path names. */
  public enum Kind {
    ARTIFACT,
    METADATA
  }

  static final String METADATA_FILE = "maven-metadata.xml";
  private static final int MAX_LENGTH = 400;
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._+~-]{0,127}");
  private static final List<String> CHECKSUMS = List.of("sha1", "md5", "sha256", "sha512");
  private static final Pattern SNAPSHOT_VERSION = Pattern.compile("\\d{8}\\.\\d{6}-\\d{1,6}");

  /** The path as a repository path, or empty with no reason given when it is not one. */
  public static Optional<RepositoryPath> parse(String path) {
    if (path == null || path.isEmpty() || path.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    List<String> segments = Arrays.asList(path.split("/", -1));
    if (segments.size() < 2 || !segments.stream().allMatch(segment -> SEGMENT.matcher(segment).matches()
        && !segment.contains(".."))) {
      return Optional.empty();
    }
    String file = segments.get(segments.size() - 1);
    String checksum = null;
    for (String algorithm : CHECKSUMS) {
      if (file.endsWith("." + algorithm)) {
        checksum = algorithm;
        file = file.substring(0, file.length() - algorithm.length() - 1);
        break;
      }
    }
    if (file.equals(METADATA_FILE)) {
      return metadata(path, segments, checksum);
    }
    if (segments.size() < 4) {
      return Optional.empty();
    }
    String version = segments.get(segments.size() - 2);
    String artifactId = segments.get(segments.size() - 3);
    String groupId = String.join(".", segments.subList(0, segments.size() - 3));
    if (!file.startsWith(artifactId + "-")) {
      return Optional.empty();
    }
    String rest = file.substring(artifactId.length() + 1);
    String fileVersion = fileVersion(version, rest);
    if (fileVersion == null) {
      return Optional.empty();
    }
    rest = rest.substring(fileVersion.length());
    String classifier = "";
    if (rest.startsWith("-")) {
      int dot = rest.indexOf('.');
      if (dot < 2) {
        return Optional.empty();
      }
      classifier = rest.substring(1, dot);
      rest = rest.substring(dot);
    }
    if (!rest.startsWith(".") || rest.length() < 2) {
      return Optional.empty();
    }
    return Optional.of(new RepositoryPath(path, Kind.ARTIFACT, groupId, artifactId, fileVersion, classifier,
        rest.substring(1), checksum));
  }

  // g/a/maven-metadata.xml (the artifact's versions; for a group, g/maven-metadata.xml reads the same as its last
  // segment taken for an artifact), or g/a/1.0-SNAPSHOT/maven-metadata.xml (a snapshot's builds).
  private static Optional<RepositoryPath> metadata(String path, List<String> segments, String checksum) {
    List<String> folders = segments.subList(0, segments.size() - 1);
    String last = folders.get(folders.size() - 1);
    if (last.endsWith("-SNAPSHOT") && folders.size() >= 3) {
      return Optional.of(new RepositoryPath(path, Kind.METADATA,
          String.join(".", folders.subList(0, folders.size() - 2)), folders.get(folders.size() - 2), last, "", "xml",
          checksum));
    }
    if (folders.size() < 2) {
      return Optional.empty();
    }
    return Optional.of(new RepositoryPath(path, Kind.METADATA,
        String.join(".", folders.subList(0, folders.size() - 1)), last, "", "", "xml", checksum));
  }

  // The version as it appears in the file name: the folder's, or for a snapshot folder a timestamped build of it.
  private static String fileVersion(String folderVersion, String rest) {
    if (folderVersion.endsWith("-SNAPSHOT")) {
      String base = folderVersion.substring(0, folderVersion.length() - "SNAPSHOT".length());
      if (!rest.startsWith(base)) {
        return null;
      }
      if (rest.startsWith(folderVersion)) {
        return folderVersion;
      }
      Matcher timestamp = SNAPSHOT_VERSION.matcher(rest.substring(base.length()));
      return timestamp.lookingAt() ? base + timestamp.group() : null;
    }
    return rest.startsWith(folderVersion) ? folderVersion : null;
  }

  /** {@code groupId:artifactId:extension[:classifier]:version}, as the resolver writes coordinates. */
  public String coordinates() {
    return groupId + ":" + artifactId + ":" + extension + (classifier.isEmpty() ? "" : ":" + classifier) + ":"
        + version;
  }

  /** The path without a checksum suffix: the file a checksum is of. */
  public String filePath() {
    return checksum == null ? path : path.substring(0, path.length() - checksum.length() - 1);
  }

  /**
   * Where the file goes in the local repository the offline build reads: the same path, but metadata is stored
   * per repository, and the only repository inside is the mirror named {@code sandbox}.
   */
  public String localPath() {
    String file = filePath();
    if (kind == Kind.METADATA) {
      return file.substring(0, file.length() - METADATA_FILE.length()) + "maven-metadata-"
          + BuildSettings.MIRROR_ID + ".xml";
    }
    return file;
  }
}
