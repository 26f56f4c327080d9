// attack: flood stdout with 3 GB in long lines, to exhaust the build's memory and the host's disk
// expect: PASSED
// policy: timeout=120s
// check: truncated
// stopped-by: the output limit (shown and kept) and the engine's capped log; the rest is counted as truncated
#include <string.h>
#include <unistd.h>
int main(void) {
  static char block[1 << 20];
  memset(block, 'A', sizeof block);
  block[sizeof block - 1] = '\n';
  for (long written = 0; written < 3L * 1024 * 1024 * 1024; written += sizeof block) {
    if (write(1, block, sizeof block) < 0) return 1;
  }
  return 0;
}
