// attack: a daemon (double fork + setsid) that tries to outlive the run
// expect: PASSED
// stopped-by: the PID namespace and container removal; nothing of the run is left on the host
#include <stdio.h>
#include <unistd.h>
int main(void) {
  if (fork() == 0) {
    setsid();
    if (fork() == 0) { for (;;) sleep(60); }
    return 0;
  }
  sleep(1);
  puts("daemon started");
  return 0;
}
