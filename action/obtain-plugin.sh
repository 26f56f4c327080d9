#!/usr/bin/env bash
# The GitHub Action's first step: makes sure Maven can run dev.sandboxplugin:sandbox-maven-plugin at the version the
# action stands for, on a stock runner. The version is the plugin-version input, else the action's own (its POM at
# the tag or commit the workflow's `uses:` names). Maven resolves it as it resolves any plugin (the local repository,
# then the repositories of the user's settings, Central for a release); when no repository has it (a snapshot, a
# commit between releases), it is built from the action's own checkout and installed into the local repository.
# That checkout is the action's code, never the project under test, and Maven starts in a folder of its own, so
# nothing of the checked-out tree (.mvn/, wrapper, POM) takes part.
#
# Writes to $GITHUB_OUTPUT: version, cache-dir (the sandbox's cache folder, for actions/cache) and jdk (the version
# of the JDK Maven runs on, whose runtime the cache holds linked).
# SANDBOX_MAVEN overrides the Maven command (tests use it).
set -uo pipefail

action="${GITHUB_ACTION_PATH:?is where the action is}"
read -r -a maven <<< "${SANDBOX_MAVEN:-mvn}"
fail() { echo "::error title=sandbox action::$1"; exit 2; }

# The project's version in the action's root POM, which has no parent: the first <version> at the top level.
own_version="$(sed -n 's|^  <version>\([^<]*\)</version>[[:space:]]*$|\1|p' "$action/pom.xml" 2>/dev/null | head -n 1)"
version="${SANDBOX_PLUGIN_VERSION:-$own_version}"
[[ "$version" =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$ ]] || fail "plugin-version must be a Maven version, not '${version//[^A-Za-z0-9._-]/?}'"
plugin="dev.sandboxplugin:sandbox-maven-plugin:$version"

outside="$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/sandbox-plugin-XXXXXX")" || exit 2
trap 'rm -rf "$outside"' EXIT
cd "$outside" || exit 2
started=$SECONDS
if "${maven[@]}" -B -ntp -q "$plugin:help" > "$outside/resolve.log" 2>&1 < /dev/null; then
  echo "Sandbox: $plugin resolved"
elif [ "$version" = "$own_version" ]; then
  echo "Sandbox: $plugin is in no repository; building it from the action's own checkout"
  if ! "${maven[@]}" -B -ntp -q -f "$action/pom.xml" install -pl sandbox-maven-plugin -am -DskipTests \
      -Dsandbox.it.skip=true -Dinvoker.skip=true > "$outside/build.log" 2>&1 < /dev/null; then
    tail -n 40 "$outside/build.log"
    fail "could not build $plugin from $action; its log ends above"
  fi
  echo "Sandbox: $plugin built and installed in $((SECONDS - started)) s"
else
  tail -n 20 "$outside/resolve.log"
  fail "$plugin is in no repository Maven can reach, and it is not the action's own version ($own_version) that could be built here; name a released version, or leave plugin-version empty"
fi

java="java"
if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; fi
jdk="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.version = \([A-Za-z0-9._+-]*\)$/\1/p')"
cache="${XDG_CACHE_HOME:-}"
[ -n "${cache// /}" ] || cache="$HOME/.cache"
{
  echo "version=$version"
  echo "cache-dir=$cache/sandbox-maven-plugin"
  echo "jdk=$jdk"
} >> "${GITHUB_OUTPUT:-/dev/null}"
