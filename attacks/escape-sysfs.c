// attack: write to /sys (uevent helper, device settings)
// expect: VIOLATION FILE_WRITE
// stopped-by: /sys is mounted read-only
#include <stdio.h>
int main(void) {
  FILE *f = fopen("/sys/kernel/uevent_helper", "w");
  if (!f) { perror("open /sys/kernel/uevent_helper"); return 1; }
  if (fputs("/tmp/x", f) < 0 || fclose(f) != 0) { perror("write /sys/kernel/uevent_helper"); return 1; }
  return 42;
}
