#!/bin/sh
# Runs inside the sandbox before a script payload, as dev.sandboxplugin.preflight.Preflight does for JVM ones:
# checks from the kernel's own account (/proc) that the hardening asked for is in effect, and refuses to start the
# payload (exit 86, one line naming what is missing) when it is not. Then execs the interpreter with its arguments.
# POSIX sh and grep only: it must work on any base a script payload runs on.
failures=""
fail() { failures="${failures:+$failures; }$1"; }
field() { grep "^$1:" /proc/self/status | { IFS= read -r line; printf '%s' "${line#*:}"; } | tr -d '\t ' ; }

for set in CapEff CapPrm CapBnd; do
  value=$(field "$set")
  case "$value" in
    ""|*[!0]*) fail "capabilities $set = $value (expected none)" ;;
  esac
done
no_new_privs=$(field NoNewPrivs)
gvisor=""
# gVisor shows no NoNewPrivs line and no nosuid/nodev on a tmpfs; runsc sets no_new_privs itself.
if [ -z "$no_new_privs" ] && grep -q '^Linux version 4\.4\.0 ' /proc/version 2>/dev/null; then gvisor=1; fi
if [ -z "$gvisor" ] && [ "$no_new_privs" != 1 ]; then fail "no_new_privs not in effect (NoNewPrivs = ${no_new_privs:-null})"; fi
seccomp=$(field Seccomp)
[ "$seccomp" = 2 ] || fail "seccomp filter mode not in effect (Seccomp = ${seccomp:-null})"
uid=$(grep '^Uid:' /proc/self/status | { read -r _label real _rest; printf '%s' "$real"; })
if [ -z "$uid" ] || [ "$uid" = 0 ]; then fail "running as root (Uid ${uid:-unknown})"; fi

root_options=""
tmp_options=""
while read -r _id _parent _device _root point options _rest; do
  [ "$point" = / ] && root_options=$options
  [ "$point" = /tmp ] && tmp_options=$options
done < /proc/self/mountinfo
case ",$root_options," in *,ro,*) ;; *) fail "root file system is not read-only ($root_options)" ;; esac
required="noexec nosuid nodev"
[ -n "$gvisor" ] && required="noexec"
for option in $required; do
  case ",$tmp_options," in *,"$option",*) ;; *) fail "/tmp is not $option ($tmp_options)" ;; esac
done
while IFS= read -r line; do
  case "$line" in
    *:*) name=${line%%:*}; name=$(printf '%s' "$name" | tr -d ' ')
         [ "$name" = lo ] || fail "network interface $name present (expected loopback only)" ;;
  esac
done < /proc/net/dev

if [ -n "$failures" ]; then
  echo "sandbox preflight refused to start the payload: $failures" >&2
  exit 86
fi
exec "$@"
