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

# Where the plugin writes: the project's target/sandbox; for test and exec also each module's (Maven runs them per
# module). build and scan write only at the root, so a report the tree planted in a module's folder is not read.
report_name=report.json
if [ "$goal" = scan ]; then report_name=scan.json; fi
module_dirs() {
  echo "$project"
  if [ "$goal" = test ] || [ "$goal" = exec ]; then
    # A module is a folder with a pom.xml outside any target/ (find follows no link); at most 6 levels deep.
    find "$project" -mindepth 1 -maxdepth 7 \( -name target -o -name '.*' -o -name node_modules \) -prune \
      -o -type f -name pom.xml -printf '%h\n' 2>/dev/null | grep -vxF "$project" | sort -u
  fi
}
# A module may have planted target/ or target/sandbox as a link (to the runner's own files): then nothing there is
# deleted, read or shown, as the plugin itself refuses to write there.
reports_safe() {
  local dir
  for dir in "$1/target" "$1/target/sandbox"; do
    if [ -L "$dir" ] || { [ -e "$dir" ] && [ ! -d "$dir" ]; }; then return 1; fi
  done
  return 0
}
report_file() { reports_safe "$1" && [ -f "$1/target/sandbox/$2" ] && [ ! -L "$1/target/sandbox/$2" ]; }
mapfile -t modules < <(module_dirs)
# A report left by an earlier build must not pass for this one's (Maven may fail before writing one).
for module in "${modules[@]}"; do
  if reports_safe "$module"; then
    rm -f "$module/target/sandbox/"{report.json,scan.json,scan.md,scan-code-quality.json,summary.md,report.sarif,code-quality.json}
  fi
done

# 128 random bits, in no variable the payload's process inherits.
token="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
echo "::stop-commands::${token}"
"${maven[@]}" "${args[@]}" < /dev/null 2>&1
status=$?
# On a line of its own: Maven may end its output without a newline (a colour reset), which would hide the token.
printf '\n::%s::\n' "$token"

# The modules that wrote a report, and the worst of their verdicts (as the plugin ranks them in a scan).
rank() {
  case "$1" in
    PASSED) echo 0 ;; FAILED) echo 1 ;; TIMEOUT|OOM|PIDS_EXHAUSTED) echo 2 ;; VIOLATION|SECCOMP_KILLED) echo 3 ;; *) echo 4 ;;
  esac
}
reported=()
verdict=""
worst=""
for module in "${modules[@]}"; do
  report_file "$module" "$report_name" || continue
  reported+=("$module")
  module_verdict="$(jq -r '.verdict // "ERROR"' "$module/target/sandbox/$report_name" 2>/dev/null)"
  # Only a verdict's name counts, whatever the file says.
  [[ "$module_verdict" =~ ^[A-Z_]{1,20}$ ]] || module_verdict=ERROR
  if [ -z "$verdict" ] || [ "$(rank "$module_verdict")" -gt "$(rank "$verdict")" ]; then
    verdict="$module_verdict"
    worst="$module/target/sandbox/$report_name"
  fi
done
# No report at all, or a Maven that failed where every report passed (a module that failed before the sandbox ran).
if [ -z "$verdict" ] || { [ "$status" -ne 0 ] && [ "$verdict" = PASSED ]; }; then verdict=ERROR; fi

# One SARIF file as it is; several (one per module, each with its own category) in a folder, as upload-sarif takes.
sarifs=()
for module in "${reported[@]}"; do
  if report_file "$module" report.sarif; then sarifs+=("$module/target/sandbox/report.sarif"); fi
done
sarif=""
if [ "${#sarifs[@]}" -eq 1 ]; then
  sarif="$(realpath "${sarifs[0]}")"
elif [ "${#sarifs[@]}" -gt 1 ]; then
  sarif="$(mktemp -d "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/sandbox-sarif-XXXXXX")"
  n=0
  for file in "${sarifs[@]}"; do n=$((n + 1)); cp "$file" "$sarif/$n.sarif"; done
fi
{
  echo "verdict=$verdict"
  echo "report=$([ -n "$worst" ] && realpath "$worst")"
  echo "sarif=$sarif"
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
if [ "${#reported[@]}" -gt 1 ]; then
  printf '## Sandbox %s: %s (%d modules)\n\n' "$goal" "$verdict" "${#reported[@]}" >> "$summary"
elif [ "${#reported[@]}" -eq 0 ]; then
  printf '## Sandbox %s: ERROR\n\nNo report was written; see the step log.\n' "$goal" >> "$summary"
fi
if [ "$status" -ne 0 ] && [ "${#reported[@]}" -gt 0 ] && [ "$verdict" = ERROR ]; then
  printf 'Maven ended with exit code %d; see the step log.\n\n' "$status" >> "$summary"
fi

# A frame "a.b.C.m(C.java:12)", or a test "a.b.C#m", is placed at the first source folder that has a/b/C.java.
source_file() {
  local cls="$1" file="$2" pkg rel found
  pkg="${cls%.*}"; [ "$pkg" = "$cls" ] && pkg=""
  rel="${pkg//.//}${pkg:+/}$file"
  # In the project's or a module's source folders; find follows no link and -type f takes no link.
  found="$(find "$project" -path '*/target' -prune -o -type f -path "*/src/*/java/$rel" -print 2>/dev/null | head -n 1)"
  if [ -n "$found" ]; then realpath --relative-to="${GITHUB_WORKSPACE:-$project}" "$found"; fi
}
annotate() {
  local title="$1" message="$2" file="$3" line="$4"
  jq -nr --arg level "$level" --arg file "$file" --arg line "$line" --arg title "$title" --arg message "$message" \
    "$jq_escape"'"::\($level) " + (if $file != "" then "file=\($file | prop)," + (if $line != "" then "line=\($line | prop)," else "" end) else "" end)
      + "title=\($title | prop)::\($message | data)"'
}

for module in "${reported[@]}"; do
  dir="$module/target/sandbox"
  report="$dir/$report_name"
  if [ "${#reported[@]}" -gt 1 ]; then
    printf '\n### %s\n\n' "$(realpath --relative-to="$project" "$module" | jq -Rr "$jq_escape"'md')" >> "$summary"
  fi
  if [ "$goal" = scan ] && report_file "$module" scan.md; then
    cat "$dir/scan.md" >> "$summary"
  elif report_file "$module" summary.md; then
    cat "$dir/summary.md" >> "$summary"
  else
    jq -r --arg goal "$goal" "$jq_escape"'
      "## Sandbox \($goal): \(.verdict | md)\n\n\(.reason | md)\n",
      (if .tests then "Tests: \(.tests.run) run, \(.tests.failures) failed, \(.tests.errors) errors, \(.tests.skipped) skipped.\n" else empty end),
      (.violations[:50][] | "- **\(.kind | md)**: \(.detail | md)\(if .test then " (test \(.test | md))" else "" end)")
    ' "$report" >> "$summary"
  fi

  # One annotation per violation, at the file and line when the sandbox knows them.
  if [ "$goal" = scan ] && report_file "$module" scan-code-quality.json; then
    jq -r --arg level "$level" "$jq_escape"'
      .[:50][] | "::\($level) file=\(.location.path | prop),line=\(.location.lines.begin | prop),title=\("sandbox " + .check_name | prop)::\(.description | data)"
    ' "$dir/scan-code-quality.json"
    continue
  fi
  jq -r '.violations[:50][] | [.kind, .detail, (.test // ""), ((.stack // [])
      | map(capture("^(?<cls>[\\w$.]+)\\.[\\w$<>]+\\((?<file>[\\w$]+\\.java):(?<line>\\d+)\\)$")?) | first // {} | tojson)] | @json' "$report" |
  while IFS= read -r row; do
    cls="$(jq -r '.[3] | fromjson | .cls // ""' <<< "$row")"
    file=""
    line=""
    if [ -n "$cls" ]; then
      file="$(source_file "$cls" "$(jq -r '.[3] | fromjson | .file' <<< "$row")")"
      if [ -n "$file" ]; then line="$(jq -r '.[3] | fromjson | .line' <<< "$row")"; fi
    fi
    annotate "sandbox $(jq -r '.[0]' <<< "$row")" \
      "$(jq -r '.[0] + ": " + .[1] + (if .[2] != "" then " (test " + .[2] + ")" else "" end)' <<< "$row")" "$file" "$line"
  done
  # A failing test too, at its class's file ("a.b.C#m: message"; a nested class's file is its outer class's).
  jq -r '(.tests.failed // [])[:50][] | tostring' "$report" |
  while IFS= read -r failed; do
    test_name="${failed%%: *}"
    cls="${test_name%%#*}"
    outer="${cls%%\$*}"
    file="$(source_file "$outer" "${outer##*.}.java")"
    annotate "sandbox failed test" "$failed" "$file" ""
  done
done

exit "$status"
