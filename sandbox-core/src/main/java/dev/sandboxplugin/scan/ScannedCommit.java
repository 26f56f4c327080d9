package dev.sandboxplugin.scan;

import java.util.List;

/**
 * What the scan needs of one commit, read from the history.
 *
 * @param id the full object id
 * @param author {@code Name <email>}
 * @param committer {@code Name <email>}
 * @param message the whole message
 * @param trailers the trailers of the message's last paragraph as {@code Key: value}
 * @param changes files the commit added, changed or renamed, against its first parent (the empty tree for a root)
 */
public record ScannedCommit(String id, String author, String committer, String message, List<String> trailers,
    List<ChangedFile> changes) {

  public ScannedCommit {
    trailers = List.copyOf(trailers);
    changes = List.copyOf(changes);
  }

  /** The first seven characters of the id, as git shows it. */
  public String shortId() {
    return id.length() > 7 ? id.substring(0, 7) : id;
  }

  /** The message's first line. */
  public String subject() {
    return message.lines().findFirst().orElse("").strip();
  }

  /**
   * One file a commit touched.
   *
   * @param path the path after the commit, relative to the repository's root, with {@code /}
   * @param deleted true when the commit removed it (then {@code path} is the old path)
   */
  public record ChangedFile(String path, boolean deleted) {}
}
