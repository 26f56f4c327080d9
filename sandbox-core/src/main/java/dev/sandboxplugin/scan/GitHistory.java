package dev.sandboxplugin.scan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.FooterLine;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/** The history of a git repository, read with JGit (no {@code git} program needed). */
public final class GitHistory implements AutoCloseable {

  private final Repository repository;

  private GitHistory(Repository repository) {
    this.repository = repository;
  }

  /**
   * Opens the repository {@code dir} is in (it may be a sub-folder, e.g. a module of a reactor).
   *
   * @throws IllegalArgumentException when there is none
   */
  public static GitHistory open(Path dir) throws IOException {
    FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(dir.toFile());
    if (builder.getGitDir() == null) {
      throw new IllegalArgumentException(dir + " is not in a git repository; sandbox:scan reads the history of the"
          + " project's repository (in CI, check out with history: fetch-depth: 0)");
    }
    return new GitHistory(builder.setMustExist(true).build());
  }

  /** The root of the working tree. */
  public Path workTree() {
    return repository.getWorkTree().toPath().toAbsolutePath().normalize();
  }

  /**
   * The commits of {@code range}, oldest first, each with the files it changed against its first parent.
   *
   * @throws IllegalArgumentException when a revision of the range is not in the repository
   */
  public List<ScannedCommit> commits(CommitRange range) throws IOException {
    List<ScannedCommit> commits = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repository);
        DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
      diff.setRepository(repository);
      diff.setDetectRenames(true);
      walk.markStart(walk.parseCommit(resolve(range.until())));
      if (range.since() != null) {
        walk.markUninteresting(walk.parseCommit(resolve(range.since())));
      }
      walk.sort(RevSort.TOPO);
      Set<ObjectId> shallow = repository.getObjectDatabase().getShallowCommits();
      for (RevCommit commit : walk) {
        if (range.limit() > 0 && commits.size() == range.limit()) {
          break;
        }
        if (shallow.contains(commit)) {
          // Its parents were not fetched: every file would look added, and every test would run under its name.
          throw new IllegalArgumentException("commit " + commit.abbreviate(7).name() + " of " + range + " has no"
              + " parent in this shallow clone, so its changes cannot be told; fetch more history (in CI:"
              + " fetch-depth: 0, or git fetch --deepen)");
        }
        commits.add(read(walk, diff, commit));
      }
    }
    Collections.reverse(commits);
    return commits;
  }

  private ObjectId resolve(String revision) throws IOException {
    ObjectId id;
    try {
      id = repository.resolve(revision + "^{commit}");
    } catch (org.eclipse.jgit.errors.RevisionSyntaxException | org.eclipse.jgit.errors.AmbiguousObjectException e) {
      throw new IllegalArgumentException("'" + revision + "' is not a commit of " + workTree() + ": " + e.getMessage());
    }
    if (id == null) {
      throw new IllegalArgumentException("'" + revision + "' is not a commit of " + workTree()
          + "; is the history there (in CI: fetch-depth: 0, or fetch the base branch)?");
    }
    return id;
  }

  private static ScannedCommit read(RevWalk walk, DiffFormatter diff, RevCommit commit) throws IOException {
    walk.parseBody(commit);
    RevCommit parent = commit.getParentCount() > 0 ? walk.parseCommit(commit.getParent(0)) : null;
    List<ScannedCommit.ChangedFile> changes = new ArrayList<>();
    for (DiffEntry entry : diff.scan(parent == null ? null : parent.getTree(), commit.getTree())) {
      boolean deleted = entry.getChangeType() == DiffEntry.ChangeType.DELETE;
      changes.add(new ScannedCommit.ChangedFile(deleted ? entry.getOldPath() : entry.getNewPath(), deleted));
    }
    List<String> trailers = new ArrayList<>();
    for (FooterLine footer : commit.getFooterLines()) {
      trailers.add(footer.getKey() + ": " + footer.getValue().strip());
    }
    return new ScannedCommit(commit.name(), person(commit.getAuthorIdent()), person(commit.getCommitterIdent()),
        commit.getFullMessage(), trailers, changes);
  }

  /**
   * The changes of {@code commits} to the sandbox's configuration or the build's entry points ({@link ConfigChanges}),
   * each with the first line it changed.
   *
   * @param seccompProfiles repository-relative files the policy names as its seccomp profile
   */
  public List<ScanReport.ConfigChange> configChanges(List<ScannedCommit> commits, Set<String> seccompProfiles)
      throws IOException {
    List<ScanReport.ConfigChange> changes = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repository)) {
      for (ScannedCommit scanned : commits) {
        RevCommit commit = walk.parseCommit(ObjectId.fromString(scanned.id()));
        RevCommit parent = commit.getParentCount() > 0 ? walk.parseCommit(commit.getParent(0)) : null;
        for (ScannedCommit.ChangedFile change : scanned.changes()) {
          String path = change.path();
          boolean pom = path.equals("pom.xml") || path.endsWith("/pom.xml");
          java.util.Optional<String> what = ConfigChanges.what(path, seccompProfiles);
          if (!pom && what.isEmpty()) {
            continue;
          }
          String before = parent == null ? null : text(parent, path);
          String after = change.deleted() ? null : text(commit, path);
          java.util.Optional<Integer> line = pom ? ConfigChanges.pluginConfigurationChange(before, after)
              : ConfigChanges.firstChangedLine(before, after);
          if (line.isPresent()) {
            changes.add(new ScanReport.ConfigChange(scanned.id(), scanned.shortId(), scanned.author(), path,
                line.get(), pom ? "the sandbox plugin's configuration in the POM" : what.get()));
          }
        }
      }
    }
    return changes;
  }

  // A file's text at a commit, read from the objects: a link's text is where it points, never what it points at.
  private String text(RevCommit commit, String path) throws IOException {
    try (org.eclipse.jgit.treewalk.TreeWalk walk = org.eclipse.jgit.treewalk.TreeWalk.forPath(repository, path,
        commit.getTree())) {
      if (walk == null || walk.isSubtree()) {
        return null;
      }
      org.eclipse.jgit.lib.ObjectLoader loader = repository.open(walk.getObjectId(0));
      if (loader.getSize() > 1024 * 1024) {
        return "(larger than 1 MB)";
      }
      return new String(loader.getBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private static String person(PersonIdent ident) {
    return ident.getName() + " <" + ident.getEmailAddress() + ">";
  }

  @Override
  public void close() {
    repository.close();
  }
}
