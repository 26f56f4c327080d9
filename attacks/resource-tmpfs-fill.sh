#!/bin/sh
# attack: fill /tmp from the shell
# expect: VIOLATION DISK
# policy: tmpfsSize=16m
# stopped-by: the tmpfs size cap
set -e
i=0
while :; do head -c 1048576 /dev/zero > /tmp/fill.$i; i=$((i + 1)); done
