// attack: write machine code into memory and run it (shellcode), with no file to exec at all
// expect: FAILED
// known-limit: memory that is writable and executable is allowed: the JVM's JIT and node's V8 map it at start (refused, node aborts with "Fatal javascript OOM in MemoryChunk allocation"), and any script can start either; the code runs as the same unprivileged process, behind every other wall
// stopped-by: nothing: it runs (exit 42)
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
int main(void) {
#if defined(__x86_64__)
  unsigned char code[] = {0xb8, 0x2a, 0x00, 0x00, 0x00, 0xc3}; // mov eax, 42; ret
#elif defined(__aarch64__)
  unsigned char code[] = {0x40, 0x05, 0x80, 0x52, 0xc0, 0x03, 0x5f, 0xd6}; // mov w0, #42; ret
#endif
  void *rwx = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (rwx == MAP_FAILED) {
    perror("mmap(PROT_WRITE|PROT_EXEC)");
    void *rw = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (rw == MAP_FAILED) { perror("mmap(PROT_WRITE)"); return 1; }
    memcpy(rw, code, sizeof code);
    // W^X would allow this: written, then made executable. Only a JIT needs it.
    if (mprotect(rw, 4096, PROT_READ | PROT_EXEC) != 0) { perror("mprotect(PROT_EXEC)"); return 1; }
    return ((int (*)(void)) rw)() == 42 ? 43 : 1;
  }
  memcpy(rwx, code, sizeof code);
  return ((int (*)(void)) rwx)();
}
