#!/bin/sh
# attack: a shell daemon (setsid, nohup) meant to outlive the run
# expect: PASSED
# stopped-by: the PID namespace ends with the main process; the container is removed
setsid sh -c 'trap "" TERM HUP; while :; do sleep 60; done' >/dev/null 2>&1 &
echo "daemon started"
