// Hostile native code for the seccomp tests: tries each named system call with harmless arguments and prints
// "<name>: OK" or "<name>: <errno name>". Built static by the test, so it needs nothing from the image.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static long attempt(const char *name) {
  if (!strcmp(name, "mount")) return syscall(SYS_mount, "none", "/tmp", "tmpfs", 0, 0);
  if (!strcmp(name, "umount2")) return syscall(SYS_umount2, "/tmp", 0);
  if (!strcmp(name, "unshare")) return syscall(SYS_unshare, CLONE_NEWUSER);
  if (!strcmp(name, "setns")) return syscall(SYS_setns, open("/proc/self/ns/uts", O_RDONLY), 0);
  if (!strcmp(name, "ptrace")) return syscall(SYS_ptrace, PTRACE_TRACEME, 0, 0, 0);
  if (!strcmp(name, "bpf")) return syscall(SYS_bpf, 0, 0, 0);
  if (!strcmp(name, "keyctl")) return syscall(SYS_keyctl, 0 /* GET_KEYRING_ID */, -3 /* session */, 0);
  if (!strcmp(name, "add_key")) return syscall(SYS_add_key, "user", "probe", "x", 1, -2 /* process */);
  if (!strcmp(name, "perf_event_open")) return syscall(SYS_perf_event_open, 0, 0, -1, -1, 0);
  if (!strcmp(name, "kexec_load")) return syscall(SYS_kexec_load, 0, 0, 0, 0);
  if (!strcmp(name, "init_module")) return syscall(SYS_init_module, 0, 0, "");
  if (!strcmp(name, "open_by_handle_at")) return syscall(SYS_open_by_handle_at, AT_FDCWD, 0, 0);
  if (!strcmp(name, "userfaultfd")) return syscall(SYS_userfaultfd, 0);
  if (!strcmp(name, "acct")) return syscall(SYS_acct, 0);
  if (!strcmp(name, "clone3")) return syscall(SYS_clone3, 0, 0);
  if (!strcmp(name, "clone-newuser")) {
    long pid = syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0);
    if (pid == 0) _exit(0);
    if (pid > 0) waitpid((pid_t) pid, 0, 0);
    return pid > 0 ? 0 : -1;
  }
  errno = EINVAL;
  return -2;
}

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    errno = 0;
    long rc = attempt(argv[i]);
    if (rc == -2) {
      printf("%s: UNKNOWN-PROBE\n", argv[i]);
    } else if (rc < 0) {
      printf("%s: %s\n", argv[i], strerrorname_np(errno));
    } else {
      printf("%s: OK\n", argv[i]);
    }
    fflush(stdout);
  }
  return 0;
}
