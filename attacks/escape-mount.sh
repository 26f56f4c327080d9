#!/bin/sh
# attack: mount a file system from the shell
# expect: VIOLATION MOUNT
# stopped-by: mount(8) refuses a non-root user; no CAP_SYS_ADMIN and the seccomp profile deny the call
mount -t tmpfs none /tmp && exit 42
exit 1
