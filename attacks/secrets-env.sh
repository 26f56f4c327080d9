#!/bin/sh
# attack: look for CI secrets in the shell's environment and PID 1's
# expect: PASSED
# stopped-by: the environment allowlist
env
if env | grep -q -e CI_JOB_TOKEN -e GITHUB_TOKEN; then exit 42; fi
if tr '\0' '\n' < /proc/1/environ | grep -q -e CI_JOB_TOKEN -e GITHUB_TOKEN; then exit 42; fi
echo "nothing found"
