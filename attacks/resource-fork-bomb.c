// attack: fork bomb: every process forks until the kernel refuses
// expect: PIDS_EXHAUSTED PIDS
// runsc-note: gVisor ends the bomb with exit 2 and no message: contained, not named
// expect-runsc: FAILED
// policy: pids=64 timeout=30s
// stopped-by: the pids cgroup limit
#include <stdio.h>
#include <unistd.h>
int main(void) {
  for (;;) {
    if (fork() < 0) {
      perror("fork");
      fflush(stderr);
      sleep(1);
      return 1;
    }
  }
}
