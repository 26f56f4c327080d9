// attack: fill the disk through the image's own folders
// expect: VIOLATION FILE_WRITE
// runsc-note: gVisor checks /app's permissions before its read-only mount: "Permission denied", not attributed
// expect-runsc: FAILED
// stopped-by: the read-only root file system
import java.io.FileOutputStream;
public class RootFill {
  public static void main(String[] args) throws Exception {
    try (FileOutputStream out = new FileOutputStream("/app/fill")) {
      for (;;) out.write(new byte[1 << 20]);
    }
  }
}
