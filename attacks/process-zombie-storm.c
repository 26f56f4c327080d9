// attack: a zombie storm: children that exit and are never waited for, until no pid is left
// expect: PIDS_EXHAUSTED PIDS
// runsc-note: gVisor ends the storm with exit 2 and no message: contained, not named
// expect-runsc: FAILED
// policy: pids=64
// stopped-by: the pids cgroup limit (zombies hold their pids)
#include <stdio.h>
#include <unistd.h>
int main(void) {
  for (int i = 0; i < 1000; i++) {
    pid_t pid = fork();
    if (pid == 0) _exit(0);
    if (pid < 0) { perror("fork"); return 1; }
  }
  return 0;
}
