// attack: fill the disk through the image's own folders
// expect: VIOLATION FILE_WRITE
// stopped-by: the read-only root file system
import java.io.FileOutputStream;
public class RootFill {
  public static void main(String[] args) throws Exception {
    try (FileOutputStream out = new FileOutputStream("/app/fill")) {
      for (;;) out.write(new byte[1 << 20]);
    }
  }
}
