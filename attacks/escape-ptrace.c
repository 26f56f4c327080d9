// attack: ptrace, to read or steer other processes
// expect: VIOLATION SYSCALL
// stopped-by: seccomp profile (EPERM) and no CAP_SYS_PTRACE
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>
int main(void) {
  if (syscall(SYS_ptrace, 16 /* PTRACE_ATTACH */, 1, 0, 0) < 0) { perror("ptrace"); return 1; }
  return 42;
}
