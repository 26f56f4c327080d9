#!/bin/sh
# attack: the classic shell fork bomb
# expect: PIDS_EXHAUSTED PIDS
# policy: pids=64 timeout=30s
# expect-runsc: FAILED
# runsc-note: gVisor ends the bomb with exit 2 and no message: contained, not named
# stopped-by: the pids cgroup limit
bomb() { bomb | bomb & }
bomb
wait
