// attack: unshare into a new user namespace, to gain capabilities inside it
// expect: VIOLATION SYSCALL
// stopped-by: seccomp profile (EPERM)
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>
int main(void) {
  if (syscall(SYS_unshare, CLONE_NEWUSER | CLONE_NEWNS) < 0) { perror("unshare"); return 1; }
  return 42;
}
