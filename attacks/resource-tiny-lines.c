// attack: two million one-character lines, to cost the log reader per line (the engine drops empty ones)
// expect: PASSED
// policy: timeout=60s
// check: truncated
// stopped-by: the output limit: lines past it are counted, not kept
#include <string.h>
#include <unistd.h>
int main(void) {
  static char block[1 << 16];
  for (int i = 0; i < (int) sizeof block; i += 2) { block[i] = '.'; block[i + 1] = '\n'; }
  for (int i = 0; i < 64; i++) {   // 2 million lines
    if (write(1, block, sizeof block) < 0) return 1;
  }
  return 0;
}
