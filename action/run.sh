#!/usr/bin/env bash
# The GitHub Action's step: runs sandbox-maven-plugin on the checked-out project, then publishes the verdict
# ($GITHUB_OUTPUT), the Markdown summary ($GITHUB_STEP_SUMMARY) and one annotation per violation.
#
# Maven's output carries the payload's, and the payload is untrusted: while Maven runs, workflow commands are
# switched off with ::stop-commands:: and a random token the payload never sees, so a printed "::set-output",
# "::add-mask::" or "::error::" is shown, not obeyed. Our own annotations come after, escaped as GitHub requires.
#
# Inputs come as SANDBOX_* variables (see action.yml). SANDBOX_MAVEN overrides the Maven command (tests use it).
#
# goal=build (the default) and goal=scan are for untrusted code: Maven is started outside the checkout, so it reads
# none of the tree's .mvn/ (JVM options, extensions), wrapper or POM; the plugin reads the tree as data and runs its
# build inside the sandbox. goal=test and goal=exec start Maven in the checkout: for trusted code only.
set -uo pipefail

goal="${SANDBOX_GOAL:-build}"
plugin="dev.sandboxplugin:sandbox-maven-plugin:${SANDBOX_PLUGIN_VERSION:-0.1.0-SNAPSHOT}"
case "$goal" in
  build|scan) ;;
  test) phase=test-compile ;;
  exec) phase=compile ;;
  *) echo "::error title=sandbox action::goal must be build, test, exec or scan, not '${goal//[^A-Za-z0-9_-]/?}'"; exit 2 ;;
esac
command -v jq >/dev/null || { echo "::error title=sandbox action::jq is needed to read the sandbox's reports"; exit 2; }

read -r -a maven <<< "${SANDBOX_MAVEN:-mvn}"
project="$PWD"
if [ "$goal" = build ] || [ "$goal" = scan ]; then
  # Never the checkout's ./mvnw, .mvn/ or POM: Maven runs in a folder of its own, the tree is only named.
  outside="$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/sandbox-XXXXXX")"
  cd "$outside" || exit 2
  args=(-B -ntp "$plugin:$goal" "-Dsandbox.project=$project")
  trusted_ref="${SANDBOX_TRUSTED_REF:-}"
  # A pull request's configuration comes from its base branch, not from the commits under test.
  if [ -z "$trusted_ref" ] && [ -n "${GITHUB_BASE_REF:-}" ]; then trusted_ref="origin/$GITHUB_BASE_REF"; fi
  if [ -n "$trusted_ref" ]; then args+=("-Dsandbox.trustedRef=$trusted_ref"); fi
  if [ -n "${SANDBOX_GOALS:-}" ]; then args+=("-Dsandbox.goals=$SANDBOX_GOALS"); fi
  if [ -n "${SANDBOX_PROFILES:-}" ]; then args+=("-Dsandbox.profiles=$SANDBOX_PROFILES"); fi
else
  args=(-B -ntp "$phase" "$plugin:$goal")
fi
add() { if [ -n "${2:-}" ]; then args+=("-D$1=$2"); fi; }
add sandbox.policy "${SANDBOX_POLICY:-}"
add sandbox.timeout "${SANDBOX_TIMEOUT:-}"
add sandbox.memory "${SANDBOX_MEMORY:-}"
add sandbox.cpus "${SANDBOX_CPUS:-}"
add sandbox.network "${SANDBOX_NETWORK:-}"
add sandbox.allow "${SANDBOX_ALLOW:-}"
add sandbox.mode "${SANDBOX_MODE:-}"
add sandbox.commits "${SANDBOX_COMMITS:-}"
add test "${SANDBOX_TEST:-}"
add sandbox.mainClass "${SANDBOX_MAIN_CLASS:-}"
add sandbox.source "${SANDBOX_SOURCE:-}"
if [ -n "${SANDBOX_MAVEN_ARGS:-}" ]; then
  read -r -a extra <<< "$SANDBOX_MAVEN_ARGS"
  args+=("${extra[@]}")
fi

reports="$project/target/sandbox"
if [ "$goal" = scan ]; then report="$reports/scan.json"; else report="$reports/report.json"; fi
# The checkout may have planted target/ or target/sandbox as a link (to the runner's own files): then nothing there
# is deleted, read or shown, and the verdict is ERROR, as the plugin itself refuses to write there.
reports_safe() {
  local dir
  for dir in "$project/target" "$reports"; do
    if [ -L "$dir" ] || { [ -e "$dir" ] && [ ! -d "$dir" ]; }; then return 1; fi
  done
  return 0
}
report_file() { reports_safe && [ -f "$1" ] && [ ! -L "$1" ]; }
# A report left by an earlier build must not pass for this one's (Maven may fail before writing one).
if reports_safe; then
  rm -f "$report" "$reports/scan.md" "$reports/scan-code-quality.json" "$reports/summary.md"
fi

# 128 random bits, in no variable the payload's process inherits.
token="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
echo "::stop-commands::${token}"
"${maven[@]}" "${args[@]}" < /dev/null 2>&1
status=$?
# On a line of its own: Maven may end its output without a newline (a colour reset), which would hide the token.
printf '\n::%s::\n' "$token"

verdict=ERROR
if report_file "$report"; then
  verdict="$(jq -r '.verdict // "ERROR"' "$report")"
fi
# Only a verdict's name goes to the outputs, whatever the file says.
[[ "$verdict" =~ ^[A-Z_]{1,20}$ ]] || verdict=ERROR
sarif=""
if reports_safe; then sarif="$(find "$reports" -maxdepth 1 -name '*.sarif' -type f 2>/dev/null | sort | head -n 1)"; fi
{
  echo "verdict=$verdict"
  echo "report=$(report_file "$report" && realpath "$report")"
  echo "sarif=$([ -n "$sarif" ] && realpath "$sarif")"
} >> "${GITHUB_OUTPUT:-/dev/null}"

# Escaping as GitHub's workflow commands require: data %, CR, LF; properties also : and ,. Other control
# characters are dropped, so nothing in a report can end our line early.
jq_escape='
  def data: tostring | gsub("%"; "%25") | gsub("\r"; "%0D") | gsub("\n"; "%0A") | gsub("[\\p{Cc}]"; "");
  def prop: data | gsub(":"; "%3A") | gsub(","; "%2C");
  def md: tostring | gsub("[\\p{Cc}]"; " ") | gsub("&"; "&amp;") | gsub("<"; "&lt;") | gsub(">"; "&gt;")
    | gsub("(?<c>[|\\\\`*_\\[\\]()!#~@:])"; "\\\(.c)");'
level=error
if [ "${SANDBOX_MODE:-}" = audit ]; then level=warning; fi

summary="${GITHUB_STEP_SUMMARY:-/dev/null}"
if [ "$goal" = scan ] && report_file "$reports/scan.md"; then
  cat "$reports/scan.md" >> "$summary"
elif report_file "$reports/summary.md"; then
  cat "$reports/summary.md" >> "$summary"
elif report_file "$report"; then
  jq -r --arg goal "$goal" "$jq_escape"'
    "## Sandbox \($goal): \(.verdict | md)\n\n\(.reason | md)\n",
    (if .tests then "Tests: \(.tests.run) run, \(.tests.failures) failed, \(.tests.errors) errors, \(.tests.skipped) skipped.\n" else empty end),
    (.violations[:50][] | "- **\(.kind | md)**: \(.detail | md)\(if .test then " (test \(.test | md))" else "" end)")
  ' "$report" >> "$summary"
else
  printf '## Sandbox %s: ERROR\n\nNo report was written; see the step log.\n' "$goal" >> "$summary"
fi

# One annotation per violation, at the file and line when the sandbox knows them.
if [ "$goal" = scan ] && report_file "$reports/scan-code-quality.json"; then
  jq -r --arg level "$level" "$jq_escape"'
    .[:50][] | "::\($level) file=\(.location.path | prop),line=\(.location.lines.begin | prop),title=\("sandbox " + .check_name | prop)::\(.description | data)"
  ' "$reports/scan-code-quality.json"
elif report_file "$report"; then
  # A frame "a.b.C.m(C.java:12)" is placed at the first source folder that has a/b/C.java.
  jq -r '.violations[:50][] | [.kind, .detail, (.test // ""), ((.stack // [])
      | map(capture("^(?<cls>[\\w$.]+)\\.[\\w$<>]+\\((?<file>[\\w$]+\\.java):(?<line>\\d+)\\)$")?) | first // {} | tojson)] | @json' "$report" |
  while IFS= read -r row; do
    frame="$(jq -r '.[3]' <<< "$row")"
    file=""
    line=""
    cls="$(jq -r '.cls // ""' <<< "$frame")"
    if [ -n "$cls" ]; then
      pkg="${cls%.*}"; [ "$pkg" = "$cls" ] && pkg=""
      rel="${pkg//.//}${pkg:+/}$(jq -r '.file' <<< "$frame")"
      # In the project's or a module's source folders; find follows no link and -type f takes no link.
      found="$(find "$project" -path '*/target' -prune -o -type f -path "*/src/*/java/$rel" -print 2>/dev/null | head -n 1)"
      if [ -n "$found" ]; then
        file="$(realpath --relative-to="${GITHUB_WORKSPACE:-$project}" "$found")"
        line="$(jq -r '.line' <<< "$frame")"
      fi
    fi
    jq -r --arg level "$level" --arg file "$file" --arg line "$line" "$jq_escape"'
      "::\($level) " + (if $file != "" then "file=\($file | prop),line=\($line | prop)," else "" end)
      + "title=\("sandbox " + .[0] | prop)::\(.[0] + ": " + .[1] + (if .[2] != "" then " (test " + .[2] + ")" else "" end) | data)"
    ' <<< "$row"
  done
fi

exit "$status"
