package dev.sandboxplugin.scan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** A real git repository made in a test with JGit, with commits by whoever the test says. */
final class TestRepository implements AutoCloseable {

  static final PersonIdent HUMAN = new PersonIdent("Jane Developer", "jane@example.com");

  final Path dir;
  private final Git git;

  TestRepository(Path dir) throws GitAPIException {
    this.dir = dir;
    this.git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
  }

  /** Writes {@code files} (path to content; null deletes) and commits them as {@code author}. */
  RevCommit commit(PersonIdent author, String message, Map<String, String> files) throws IOException, GitAPIException {
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = dir.resolve(file.getKey());
      if (file.getValue() == null) {
        Files.delete(path);
        git.rm().addFilepattern(file.getKey()).call();
      } else {
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue());
        git.add().addFilepattern(file.getKey()).call();
      }
    }
    return git.commit().setAuthor(author).setCommitter(author).setMessage(message).setSign(false)
        .setAllowEmpty(true).call();
  }

  RevCommit commit(PersonIdent author, String message) throws IOException, GitAPIException {
    return commit(author, message, Map.of("log/" + System.nanoTime() + ".txt", message));
  }

  void tag(String name) throws GitAPIException {
    git.tag().setName(name).setAnnotated(false).call();
  }

  @Override
  public void close() {
    git.close();
  }
}
