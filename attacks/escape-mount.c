// attack: mount a file system over /tmp (the first step of most container escapes)
// expect: VIOLATION MOUNT
// stopped-by: seccomp profile (EPERM) and no CAP_SYS_ADMIN
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>
int main(void) {
  if (syscall(SYS_mount, "none", "/tmp", "tmpfs", 0, 0) < 0) { perror("mount"); return 1; }
  return 42;
}
