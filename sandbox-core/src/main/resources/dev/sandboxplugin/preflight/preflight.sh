#!/bin/sh
# Runs inside the sandbox before a script payload, as dev.sandboxplugin.preflight.Preflight does for JVM ones:
# checks from the kernel's own account (/proc) that the hardening asked for is in effect, and refuses to start the
# payload (exit 86, one line naming what is missing) when it is not. Then starts the interpreter with its arguments.
# Plain POSIX sh with no pipes and no other program: nothing is forked before the payload starts (and under gVisor
# a fork here was seen to end the shell with status 2).
failures=""
fail() { failures="${failures:+$failures; }$1"; }

cap_eff="" cap_prm="" cap_bnd="" no_new_privs="" seccomp="" uid=""
while read -r key value _rest; do
  case "$key" in
    CapEff:) cap_eff=$value ;;
    CapPrm:) cap_prm=$value ;;
    CapBnd:) cap_bnd=$value ;;
    NoNewPrivs:) no_new_privs=$value ;;
    Seccomp:) seccomp=$value ;;
    Uid:) uid=$value ;;
  esac
done < /proc/self/status

check_no_capabilities() {
  case "$2" in
    ""|*[!0]*) fail "capabilities $1 = $2 (expected none)" ;;
  esac
}
check_no_capabilities CapEff "$cap_eff"
check_no_capabilities CapPrm "$cap_prm"
check_no_capabilities CapBnd "$cap_bnd"

# gVisor shows no NoNewPrivs line and no nosuid/nodev on a tmpfs; runsc sets no_new_privs itself.
gvisor=""
read -r _linux _version kernel _rest < /proc/version
if [ -z "$no_new_privs" ] && [ "$kernel" = 4.4.0 ]; then gvisor=1; fi
if [ -z "$gvisor" ] && [ "$no_new_privs" != 1 ]; then fail "no_new_privs not in effect (NoNewPrivs = ${no_new_privs:-null})"; fi
[ "$seccomp" = 2 ] || fail "seccomp filter mode not in effect (Seccomp = ${seccomp:-null})"
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
# Every other folder we can write to must be as closed as /tmp, or a program written there could run: an engine
# may add writable mounts of its own (Podman puts tmpfs with exec on /run and /var/tmp).
while read -r _id _parent _device _root point options _rest; do
  case "$point" in /|/tmp) continue ;; esac
  case ",$options," in *,rw,*) ;; *) continue ;; esac
  [ -d "$point" ] && [ -w "$point" ] || continue
  for option in $required; do
    case ",$options," in *,"$option",*) ;; *) fail "$point is writable and not $option ($options)" ;; esac
  done
done < /proc/self/mountinfo

while IFS= read -r line; do
  case "$line" in
    *:*)
      name=""
      for word in ${line%%:*}; do name=$word; done
      [ "$name" = lo ] || fail "network interface $name present (expected loopback only)" ;;
  esac
done < /proc/net/dev

if [ -n "$failures" ]; then
  echo "sandbox preflight refused to start the payload: $failures" >&2
  exit 86
fi

# Under runc the payload runs as our child rather than in our place: once it has ended, the kernel's count of the
# processes and threads the pids limit refused it (pids.events, cgroup v1 or v2) is said on stderr, so a payload
# that hides its own fork errors is still named. The line is Preflight.PIDS_REFUSED's. Under gVisor (no such count,
# and a fork here ends the shell with status 2) the payload takes our place, as it does when the file is missing.
pids_events=""
for file in /sys/fs/cgroup/pids/pids.events /sys/fs/cgroup/pids.events; do
  if [ -z "$pids_events" ] && [ -r "$file" ]; then pids_events=$file; fi
done
if [ -n "$gvisor" ] || [ -z "$pids_events" ]; then exec "$@"; fi
# The shell gives a background job /dev/null as stdin before its own redirections apply: keep the real one on fd 3
# for it (some payloads are answered on stdin).
exec 3<&0
"$@" 0<&3 3<&- &
wait "$!"
status=$?
while read -r event count _rest; do
  if [ "$event" = max ] && [ "$count" != 0 ]; then
    echo "[sandbox] the pids limit refused $count new process(es) or thread(s) (the kernel's count, pids.events)" >&2
  fi
done < "$pids_events"
exit "$status"
