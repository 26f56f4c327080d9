// attack: orphaned background processes that outlive main
// expect: PASSED
// runsc-note: gVisor sometimes reports exit 2 when main leaves children behind; none outlives the run
// stopped-by: the container's PID namespace ends with its main process; the container is then removed
#include <stdio.h>
#include <unistd.h>
int main(void) {
  for (int i = 0; i < 10; i++) {
    if (fork() == 0) {
      if (fork() == 0) { for (;;) sleep(60); }
      return 0;
    }
  }
  puts("left 10 orphans behind");
  return 0;
}
