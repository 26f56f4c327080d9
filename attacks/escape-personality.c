// attack: switch to the READ_IMPLIES_EXEC persona, so that every readable mapping is executable too
// expect: VIOLATION SYSCALL
// evidence: payload-output
// stopped-by: seccomp profile (personality: only the values Docker allows)
#include <stdio.h>
#include <sys/personality.h>
int main(void) {
  if (personality(READ_IMPLIES_EXEC) < 0) { perror("personality(READ_IMPLIES_EXEC)"); return 1; }
  if (personality(0xffffffff) & READ_IMPLIES_EXEC) return 42;
  return 1;
}
