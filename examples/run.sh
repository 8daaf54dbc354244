#!/usr/bin/env bash
# Runs every example (a .NET 10 file-based app) and checks one line of its output: the examples are part of the API's
# proof (issue 11), so an API change that breaks one fails CI. Prints one PASS/FAIL line per example and a last line
# "examples: PASS" or "examples: FAIL: ..."; exit code 0 or 1. Called by .ci/run after the unit tests.
set -uo pipefail
cd "$(dirname "$0")" || exit 1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
log=$(mktemp)
trap 'rm -f "$log"' EXIT
failed=()
# example file | arguments | a line its output must contain (extended regex)
list=$(cat <<'LIST'
close-svzm.cs||^AMS-CUR +Detour +7838\.3 +7858\.1 +19\.8$
us-operators.cs||^AA1234 +MIA-CUR +AAL +Cancelled 
buffer-sweep.cs||^chart: buffer-sweep\.png$
monte-carlo.cs||^KL733-20251124 +AMS-CUR +62 %$
close-fir.cs||^RIX-KBP with UMMV closed: Detour$
close-fir.cs|SVZM AMS 10.6,-66.9|^AMS-10.6,-66.9 with SVZM closed: Unreachable destination
LIST
)
while IFS='|' read -r file arguments expect; do
  [ -z "$file" ] && continue
  # shellcheck disable=SC2086 # the arguments are words
  if dotnet run "$file" -- $arguments >"$log" 2>&1 && grep -Eq "$expect" "$log"; then
    echo "examples: PASS: $file $arguments: $(grep -Em1 "$expect" "$log")"
  else
    echo "examples: FAIL: $file $arguments: no line matching '$expect' (last output below)"; tail -n 20 "$log"
    failed+=("$file")
  fi
done <<<"$list"
# Every example is listed above.
for f in *.cs; do grep -q "^$f|" <<<"$list" || { echo "examples: FAIL: $f is not run by run.sh"; failed+=("$f"); }; done
rm -f buffer-sweep.png
if [ ${#failed[@]} -eq 0 ]; then echo "examples: PASS"; else echo "examples: FAIL: ${failed[*]}"; exit 1; fi
