#!/bin/sh
# attack: spin the CPU past the deadline in a shell loop
# expect: TIMEOUT TIMEOUT
# policy: timeout=4s
# stopped-by: the wall-clock timeout (killed)
while :; do :; done
