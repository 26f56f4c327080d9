// attack: memory bomb on the Java heap
// expect: OOM MEMORY
// policy: memory=128m timeout=60s
// stopped-by: the memory limit (the heap is sized from it)
import java.util.ArrayList;
import java.util.List;
public class HeapBomb {
  public static void main(String[] args) {
    List<long[]> hog = new ArrayList<>();
    for (;;) hog.add(new long[1 << 20]);
  }
}
