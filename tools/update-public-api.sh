#!/usr/bin/env bash
# Records an intentional public API change (Microsoft.CodeAnalysis.PublicApiAnalyzers): for every project that has a
# PublicAPI.Shipped.txt (src/AirspaceSim, src/AirspaceSim.Reports), applies the analyzer's own code fixes
#   RS0016 (a public symbol not declared)  -> adds its line to PublicAPI.Unshipped.txt,
#   RS0017 (a declared symbol that is gone) -> drops its line from Unshipped, or records it as *REMOVED* if it shipped,
# then sorts PublicAPI.Unshipped.txt (a stable diff) and rebuilds the project, which must pass. Non-interactive;
# exit 0 when every project builds with its API files in step, 1 otherwise (the remaining RS diagnostics are printed).
# Review the diff of PublicAPI.Unshipped.txt before committing it: it is the API change.
#   tools/update-public-api.sh                 # every project with PublicAPI files
#   tools/update-public-api.sh src/AirspaceSim # one project (its folder or its .csproj)
# On a release: move the lines of Unshipped into Shipped (a *REMOVED* line deletes its Shipped twin) and empty Unshipped.
# `dotnet format analyzers` takes a minute or more per project (it loads the MSBuild workspace).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

projects=()
if [ "$#" -gt 0 ]; then
  for a in "$@"; do
    if [ -d "$a" ]; then projects+=("$(ls "$a"/*.csproj)"); else projects+=("$a"); fi
  done
else
  while IFS= read -r f; do projects+=("$(ls "$(dirname "$f")"/*.csproj)"); done \
    < <(find src -name PublicAPI.Shipped.txt -not -path '*/obj/*' -not -path '*/bin/*' | sort)
fi
[ "${#projects[@]}" -gt 0 ] || { echo "update-public-api: no project with a PublicAPI.Shipped.txt" >&2; exit 1; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
for proj in "${projects[@]}"; do
  dir=$(dirname "$proj")
  unshipped=$dir/PublicAPI.Unshipped.txt
  [ -f "$unshipped" ] || printf '#nullable enable\n' >"$unshipped"
  echo "update-public-api: $proj"
  dotnet restore "$proj" -v q -nologo >"$log" 2>&1 || { cat "$log"; exit 1; }
  # --severity info: the fixes apply whatever severity the rules are configured to (they are errors in the build).
  # RS0036/RS0037: the nullable annotations of the declared lines.
  dotnet format analyzers "$proj" --no-restore --severity info \
    --diagnostics RS0016 RS0017 RS0036 RS0037 -v q >"$log" 2>&1 || { cat "$log"; exit 1; }
  # Header first, then the lines in ordinal order (the analyzer accepts any order; sorting keeps merges and diffs small).
  { grep -E '^#' "$unshipped" || true; grep -vE '^#|^[[:space:]]*$' "$unshipped" | LC_ALL=C sort -u || true; } >"$unshipped.tmp"
  mv "$unshipped.tmp" "$unshipped"
  if dotnet build "$proj" --no-restore -v q -nologo -clp:NoSummary >"$log" 2>&1; then
    echo "update-public-api: $unshipped: $(grep -vcE '^#|^[[:space:]]*$' "$unshipped" || true) line(s); build passes"
  else
    echo "update-public-api: $proj still fails to build:" >&2
    grep -E 'error' "$log" | sort -u >&2 || cat "$log" >&2
    status=1
  fi
done
exit "$status"
