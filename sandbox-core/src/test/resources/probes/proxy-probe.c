/* A non-JVM client in an allowlist run: finds the proxy from HTTP_PROXY as curl would, fetches through it, and
 * tries a direct connection. Usage: proxy-probe <allowed-url> <denied-host:port> <direct-ip> <direct-port> */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int connect_to(const char *ip, int port) {
  struct sockaddr_in address = {0};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  inet_pton(AF_INET, ip, &address.sin_addr);
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0 || connect(fd, (struct sockaddr *) &address, sizeof address) != 0) {
    int error = errno;
    if (fd >= 0) close(fd);
    errno = error;
    return -1;
  }
  return fd;
}

/* Sends request through the proxy and prints the first line of the answer. */
static void through_proxy(const char *label, const char *ip, int port, const char *request) {
  int fd = connect_to(ip, port);
  if (fd < 0) {
    printf("%s: cannot reach the proxy: %s\n", label, strerror(errno));
    return;
  }
  write(fd, request, strlen(request));
  char answer[4096];
  ssize_t total = 0, n;
  while (total < (ssize_t) sizeof answer - 1 && (n = read(fd, answer + total, sizeof answer - 1 - total)) > 0) {
    total += n;
  }
  answer[total] = 0;
  char *body = strstr(answer, "\r\n\r\n");
  char *end = strstr(answer, "\r\n");
  if (end) *end = 0;
  printf("%s: %s | %s\n", label, answer, body ? body + 4 : "");
  close(fd);
}

int main(int argc, char **argv) {
  const char *proxy = getenv("http_proxy");
  char ip[64];
  int port;
  if (!proxy || sscanf(proxy, "http://%63[^:]:%d", ip, &port) != 2) {
    printf("no http_proxy: %s\n", proxy ? proxy : "(unset)");
    return 1;
  }
  char request[1024];
  snprintf(request, sizeof request, "GET %s HTTP/1.1\r\nConnection: close\r\n\r\n", argv[1]);
  through_proxy("allowed", ip, port, request);
  snprintf(request, sizeof request, "CONNECT %s HTTP/1.1\r\n\r\n", argv[2]);
  through_proxy("denied", ip, port, request);
  struct timespec start, stop;
  clock_gettime(CLOCK_MONOTONIC, &start);
  int fd = connect_to(argv[3], atoi(argv[4]));
  clock_gettime(CLOCK_MONOTONIC, &stop);
  long millis = (stop.tv_sec - start.tv_sec) * 1000 + (stop.tv_nsec - start.tv_nsec) / 1000000;
  printf("direct: %s in %ld ms\n", fd < 0 ? strerror(errno) : "connected", millis);
  return 0;
}
