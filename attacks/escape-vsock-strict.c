// attack: open a vsock socket under the strict profile
// expect: VIOLATION SYSCALL
// policy: seccomp=strict
// evidence: payload-output
// stopped-by: strict seccomp profile (socket families other than unix, inet, inet6 and netlink: EPERM)
#include <stdio.h>
#include <sys/socket.h>
#ifndef AF_VSOCK
#define AF_VSOCK 40
#endif
int main(void) {
  if (socket(AF_VSOCK, SOCK_STREAM, 0) < 0) { perror("socket(AF_VSOCK)"); return 1; }
  return 42;
}
