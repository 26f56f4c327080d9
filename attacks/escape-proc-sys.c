// attack: change kernel settings through /proc/sys (core_pattern runs a program as root on the host)
// expect: VIOLATION FILE_WRITE
// stopped-by: /proc/sys is read-only in the container
#include <stdio.h>
int main(void) {
  FILE *f = fopen("/proc/sys/kernel/core_pattern", "w");
  if (!f) { perror("open /proc/sys/kernel/core_pattern"); return 1; }
  if (fputs("|/tmp/x", f) < 0 || fclose(f) != 0) { perror("write /proc/sys/kernel/core_pattern"); return 1; }
  return 42;
}
