#!/bin/sh
# attack: the classic shell fork bomb
# expect: PIDS_EXHAUSTED PIDS
# policy: pids=64 timeout=30s
# expect-runsc: FAILED
# stopped-by: the pids cgroup limit (under gVisor the shell gives up with exit 2 and no message: contained, but not named)
bomb() { bomb | bomb & }
bomb
wait
