// attack: spin the CPU past the deadline
// expect: TIMEOUT TIMEOUT
// policy: timeout=4s
// evidence: engine
// stopped-by: the wall-clock timeout (killed)
public class Spin {
  public static void main(String[] args) {
    long x = 0;
    for (;;) x += System.nanoTime() % 3;
  }
}
