// attack: exec a program through its descriptor (execveat with AT_EMPTY_PATH), as fexecve does from a memfd
// expect: VIOLATION EXEC
// evidence: payload-output
// stopped-by: seccomp profile (execveat: EPERM)
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>
int main(void) {
  int fd = open("/bin/sh", O_RDONLY);
  char *argv[] = {"sh", "-c", "exit 42", 0};
  char *envp[] = {0};
  syscall(SYS_execveat, fd, "", argv, envp, AT_EMPTY_PATH);
  perror("execveat");
  return 1;
}
