// attack: fill /tmp, the only writable place, to exhaust the host's memory or disk
// expect: VIOLATION DISK
// policy: tmpfsSize=16m timeout=60s
// stopped-by: the tmpfs size cap
import java.io.FileOutputStream;
public class TmpfsFill {
  public static void main(String[] args) throws Exception {
    byte[] block = new byte[1 << 20];
    try (FileOutputStream out = new FileOutputStream("/tmp/fill")) {
      for (;;) out.write(block);
    }
  }
}
