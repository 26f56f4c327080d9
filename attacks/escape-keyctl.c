// attack: read the kernel keyring (where credentials may be cached)
// expect: VIOLATION SYSCALL
// stopped-by: seccomp profile (EPERM)
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>
int main(void) {
  if (syscall(SYS_keyctl, 0, -3, 0) < 0) { perror("keyctl"); return 1; }
  return 42;
}
