// attack: open a raw socket (spoofing, ICMP tunnels)
// expect: VIOLATION SYSCALL
// stopped-by: all capabilities dropped (no CAP_NET_RAW)
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
int main(void) {
  if (socket(AF_INET, SOCK_RAW, IPPROTO_ICMP) < 0) { perror("socket(SOCK_RAW)"); return 1; }
  return 42;
}
