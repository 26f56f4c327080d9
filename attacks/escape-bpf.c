// attack: load a BPF program into the kernel
// expect: VIOLATION SYSCALL
// stopped-by: seccomp profile (EPERM)
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>
int main(void) {
  if (syscall(SYS_bpf, 5 /* BPF_PROG_LOAD */, 0, 0) < 0) { perror("bpf"); return 1; }
  return 42;
}
