// attack: two million empty lines, to cost the log reader per line
// expect: PASSED
// policy: timeout=60s
// stopped-by: the output limit: lines past it are counted, not kept
#include <string.h>
#include <unistd.h>
int main(void) {
  static char block[1 << 16];
  memset(block, '\n', sizeof block);
  for (int i = 0; i < 32; i++) {   // 2 million lines
    if (write(1, block, sizeof block) < 0) return 1;
  }
  return 0;
}
