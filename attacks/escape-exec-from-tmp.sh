#!/bin/sh
# attack: copy a program into the writable folders and run it from there (a dropped binary)
# expect: VIOLATION EXEC
# stopped-by: /tmp and /dev/shm are noexec tmpfs, and the preflight refuses any writable folder that is not
cp /bin/dash /tmp/sh && /tmp/sh -c 'echo ran from /tmp' && exit 42
cp /bin/dash /dev/shm/sh && /dev/shm/sh -c 'echo ran from /dev/shm' && exit 42
exit 1
