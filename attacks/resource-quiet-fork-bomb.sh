#!/bin/sh
# attack: a quiet process flood: background sleepers with stderr thrown away, so no fork error is ever seen
# expect: PIDS_EXHAUSTED PIDS
# expect-runsc: FAILED
# runsc-note: gVisor has no pids.events to read: contained, not named
# policy: pids=64
# stopped-by: the pids cgroup limit, named from the kernel's own count (pids.events) since the payload says nothing
exec 2>/dev/null
i=0
while [ "$i" -lt 1000 ]; do
  sleep 600 &
  i=$((i + 1))
done
