// attack: a child that ignores SIGTERM, to keep running after the payload "ends"
// expect: PASSED
// stopped-by: the container's PID namespace: when the main process exits, the kernel kills every process in it
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
int main(void) {
  if (fork() == 0) {
    signal(SIGTERM, SIG_IGN);
    signal(SIGHUP, SIG_IGN);
    for (;;) pause();
  }
  puts("left a SIGTERM-proof child behind");
  return 0;
}
