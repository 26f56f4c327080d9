// attack: a storm of empty files in /tmp: no bytes against the size cap, but kernel memory for every file
// expect: VIOLATION DISK
// policy: timeout=20s
// evidence: payload-output
// stopped-by: the tmpfs file-count cap (nr_inodes), before the files cost the host real memory
// runsc-note: gVisor keeps its tmpfs in the sandbox's own memory, counted against the memory limit, with no file-count cap: contained by that limit or the timeout
import java.nio.file.Files;
import java.nio.file.Path;
public class InodeStorm {
  public static void main(String[] args) throws Exception {
    Path dir = Files.createDirectory(Path.of("/tmp/storm"));
    for (int i = 0; i < 500_000; i++) {
      Files.createFile(dir.resolve("f" + i));
    }
    System.out.println("created 500000 files");
  }
}
