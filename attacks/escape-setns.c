// attack: join another namespace through /proc/1/ns
// expect: VIOLATION SYSCALL
// stopped-by: seccomp profile (EPERM)
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>
int main(void) {
  if (syscall(SYS_setns, open("/proc/1/ns/mnt", O_RDONLY), 0) < 0) { perror("setns"); return 1; }
  return 42;
}
