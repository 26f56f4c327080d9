# attack: a quiet fork bomb: children that hold their pids, the refusal caught, and exit 0 as if all went well
# expect: PIDS_EXHAUSTED PIDS
# expect-runsc: FAILED
# runsc-note: gVisor has no pids.events to read, and ends the forked run with exit 2: contained, not named
# policy: pids=64
# evidence: kernel
# stopped-by: the pids cgroup limit, named from the kernel's own count (pids.events) since the payload says nothing
import os
import sys
import time

while True:
    try:
        pid = os.fork()
    except OSError:
        sys.exit(0)
    if pid == 0:
        time.sleep(600)
        os._exit(0)
