// attack: memory bomb outside any heap: allocate and touch until killed
// expect: OOM MEMORY
// policy: memory=64m timeout=60s
// evidence: engine
// stopped-by: the memory cgroup's OOM killer (memory = memory+swap, no swap)
#include <stdlib.h>
#include <string.h>
int main(void) {
  for (;;) {
    char *block = malloc(1 << 20);
    if (block) memset(block, 1, 1 << 20);
  }
}
