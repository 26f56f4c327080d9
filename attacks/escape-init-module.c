// attack: load a kernel module
// expect: VIOLATION SYSCALL
// stopped-by: seccomp profile (EPERM) and no CAP_SYS_MODULE
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>
int main(void) {
  if (syscall(SYS_init_module, 0, 0, "") < 0) { perror("init-module"); return 1; }
  return 42;
}
