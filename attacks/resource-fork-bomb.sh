#!/bin/sh
# attack: the classic shell fork bomb, its first shell staying alive as a login shell would
# expect: PIDS_EXHAUSTED PIDS TIMEOUT
# policy: pids=64 timeout=4s
# expect-runsc: FAILED
# runsc-note: gVisor ends the bomb with exit 2 and no message: contained, not named
# stopped-by: the pids cgroup limit, then the timeout
bomb() { bomb | bomb & }
# The bomb starts in a subshell, forked before any bomb process exists: dash ends when a fork of its own fails, and
# the first shell must not. It is the container's pid 1: if it ended, the kernel would end the bomb with it,
# possibly before the bomb reached the limit. So it stays, without forking (wait is a builtin), until the timeout.
(bomb) &
while :; do wait; done
