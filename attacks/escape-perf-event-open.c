// attack: perf_event_open (kernel side channels, a frequent exploit vector)
// expect: VIOLATION SYSCALL
// stopped-by: seccomp profile (EPERM)
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>
int main(void) {
  if (syscall(SYS_perf_event_open, 0, 0, -1, -1, 0) < 0) { perror("perf-event-open"); return 1; }
  return 42;
}
