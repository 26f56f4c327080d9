// attack: create a block device node for the host's disk
// expect: VIOLATION SYSCALL
// runsc-note: gVisor lets mknod create the node in its own in-memory /tmp (exit 42); opening it fails with ENXIO (no such device): its kernel has no driver for a host disk
// expect-runsc: FAILED
// stopped-by: no CAP_MKNOD (and /tmp is nodev)
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
int main(void) {
  if (mknod("/tmp/sda", 060600, makedev(8, 0)) < 0) { perror("mknod"); return 1; }
  return 42;
}
