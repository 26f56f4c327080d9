// attack: thread bomb: starts threads until none can be created
// expect: PIDS_EXHAUSTED PIDS
// policy: pids=64 timeout=30s
// stopped-by: the pids cgroup limit
public class ThreadBomb {
  public static void main(String[] args) {
    for (int i = 0; ; i++) {
      Thread thread = new Thread(() -> { try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { } });
      thread.setDaemon(true);
      thread.start();
    }
  }
}
