#!/bin/sh
# sandbox:build inside the sandbox, started by the preflight once the hardening is checked.
#   build.sh resolve <maven arguments>   the resolve step: Maven asks the host for files through the channel
#   build.sh build <maven arguments>     the build: Maven offline, then the Surefire/Failsafe reports handed over
# The project arrives in /work/project through the engine's archive API (a tmpfs volume, no host mount); the
# repository the resolve step fetched is an image layer at /app/repository, linked into a writable local repository.
set -u
step="$1"
shift

wait_for() {
  n=0
  while [ ! -e "$1" ]; do
    if [ "$n" -ge "$2" ]; then return 1; fi
    sleep 0.01
    n=$((n + 1))
  done
}

if ! wait_for /work/.project-ready 12000; then
  echo "sandbox: the project did not arrive in /work within 120 s" >&2
  exit 90
fi
mkdir -p /work/.m2/repository /work/tmp || exit 90
if [ -d /app/repository ]; then
  # Links, not copies: the layer stays read-only, Maven may still add files beside them.
  cp -as /app/repository/. /work/.m2/repository/ || exit 90
fi
cd /work/project || exit 90

mvn -B -s /opt/maven/conf/settings.xml "$@"
status=$?

if [ "$step" = build ] && [ -n "${SANDBOX_REPORTS_TOKEN:-}" ]; then
  reports=/sandbox/reports
  # Every module's Surefire and Failsafe reports, flat; a name seen twice gets a number.
  find /work/project -type f \( -path '*/target/surefire-reports/TEST-*.xml' -o -path '*/target/failsafe-reports/TEST-*.xml' \) \
    -print 2>/dev/null | while IFS= read -r report; do
    name=${report##*/}
    target="$reports/$name"
    i=2
    while [ -e "$target" ]; do
      target="$reports/${name%.xml}-$i.xml"
      i=$((i + 1))
    done
    cp "$report" "$target"
  done
  echo
  echo "[sandbox-reports-ready] $SANDBOX_REPORTS_TOKEN"
  wait_for "$reports/.collected" 3000
fi
exit "$status"
