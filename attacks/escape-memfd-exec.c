// attack: run a program from memory (memfd_create, copy /bin/sh in, exec /proc/self/fd/N), around the noexec /tmp
// expect: VIOLATION EXEC
// evidence: payload-output
// stopped-by: seccomp profile (memfd_create and execveat: EPERM)
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <unistd.h>
int main(void) {
  int fd = memfd_create("payload", 0);
  if (fd < 0) { perror("memfd_create"); return 1; }
  int sh = open("/bin/sh", O_RDONLY);
  struct stat st;
  fstat(sh, &st);
  sendfile(fd, sh, 0, st.st_size);
  char path[64];
  snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
  char *argv[] = {"sh", "-c", "exit 42", 0};
  execv(path, argv);
  perror("execv(memfd)");
  return 1;
}
