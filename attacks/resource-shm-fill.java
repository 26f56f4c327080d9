// attack: fill /dev/shm, another writable place
// expect: VIOLATION DISK
// policy: timeout=60s
// stopped-by: the shm size cap (16m at most)
import java.io.FileOutputStream;
public class ShmFill {
  public static void main(String[] args) throws Exception {
    byte[] block = new byte[1 << 20];
    try (FileOutputStream out = new FileOutputStream("/dev/shm/fill")) {
      for (;;) out.write(block);
    }
  }
}
