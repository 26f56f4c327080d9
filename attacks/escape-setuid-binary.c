// attack: make a setuid copy of a program in /tmp and run it
// expect: VIOLATION EXEC
// stopped-by: /tmp is noexec and nosuid; no-new-privileges
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
int main(int argc, char **argv) {
  if (argc > 1) return 42;  // the copy ran
  int in = open("/proc/self/exe", O_RDONLY), out = open("/tmp/suid", O_WRONLY | O_CREAT | O_TRUNC, 0755);
  char buffer[65536];
  ssize_t n;
  while ((n = read(in, buffer, sizeof buffer)) > 0) write(out, buffer, n);
  close(out);
  if (chmod("/tmp/suid", 04755) < 0) perror("chmod u+s");
  char *args[] = {"/tmp/suid", "again", 0};
  execv("/tmp/suid", args);
  perror("execve /tmp/suid");
  return 1;
}
