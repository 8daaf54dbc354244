#!/usr/bin/env bash
# Records an intentional public API change (Microsoft.CodeAnalysis.PublicApiAnalyzers) in PublicAPI.Unshipped.txt of
# every project that has a PublicAPI.Shipped.txt (src/AirspaceSim, src/AirspaceSim.Reports), then proves it by a build.
# It builds the project and takes the analyzer's own text of each symbol from its diagnostics, which is the exact line
# the API files hold:
#   RS0016 "Symbol 'X' is not part of the declared public API"      -> X is added to Unshipped;
#   RS0017 "Symbol 'X' is part of the declared API, but is either not public or could not be found"
#                                                                   -> X leaves Unshipped, or, if X shipped,
#                                                                      "*REMOVED*X" is added (the analyzer's notation).
# Unshipped is kept in ordinal order (stable diffs and merges). Non-interactive; exit 0 when every project then builds,
# 1 otherwise (remaining errors printed: e.g. RS0026/RS0027, optional parameters, need a code change, not a line).
# Review the diff of PublicAPI.Unshipped.txt before committing it: it is the API change.
#   tools/update-public-api.sh                 # every project with PublicAPI files
#   tools/update-public-api.sh src/AirspaceSim # one project (its folder or its .csproj)
# On a release: move Unshipped's lines into Shipped (a *REMOVED*X line deletes X there) and leave Unshipped empty.
# (Not `dotnet format analyzers --diagnostics RS0016`: it takes minutes per project to load its workspace and, once
# Shipped was filled, applied no fix at all here — SDK 10.0.401.)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The diagnostics are parsed: keep them in English whatever the machine's language.
export DOTNET_CLI_UI_LANGUAGE=en

projects=()
if [ "$#" -gt 0 ]; then
  for a in "$@"; do
    if [ -d "$a" ]; then projects+=("$(ls "$a"/*.csproj)"); else projects+=("$a"); fi
  done
else
  while IFS= read -r f; do projects+=("$(ls "$(dirname "$f")"/*.csproj)"); done \
    < <(find src -name PublicAPI.Shipped.txt -not -path '*/obj/*' -not -path '*/bin/*' |
        awk '{ print length($0) "\t" $0 }' | sort -n | cut -f2)   # the library before Reports, which references it
fi
[ "${#projects[@]}" -gt 0 ] || { echo "update-public-api: no project with a PublicAPI.Shipped.txt" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Builds $1 from scratch (an up-to-date build would report nothing) and leaves its errors, once each, in $tmp/errors.
build() {
  dotnet build "$1" --no-incremental -v q -nologo -clp:NoSummary >"$tmp/log" 2>&1 && rc=0 || rc=$?
  grep -E ': error ' "$tmp/log" | sed -E 's/ \[[^]]*\]$//' | sort -u >"$tmp/errors" || true
  return "$rc"
}
# The symbols of one rule's diagnostics in this project's files, one a line.
symbols() { # rule, message tail, project dir
  grep -F "$3/" "$tmp/errors" | grep -E "error $1: Symbol '" | sed -E "s/.*error $1: Symbol '(.*)' $2.*/\1/" | sort -u || true
}

status=0
for proj in "${projects[@]}"; do
  dir=$(cd "$(dirname "$proj")" && pwd)
  shipped=$dir/PublicAPI.Shipped.txt
  unshipped=$dir/PublicAPI.Unshipped.txt
  [ -f "$unshipped" ] || printf '#nullable enable\n' >"$unshipped"
  echo "update-public-api: $proj"
  if build "$proj"; then echo "update-public-api: $proj: API files already in step"; continue; fi
  symbols RS0016 'is not part of the declared public API' "$dir" >"$tmp/added"
  symbols RS0017 'is part of the declared API, but is either not public or could not be found' "$dir" >"$tmp/gone"
  grep -vxF -f "$shipped" "$tmp/gone" >"$tmp/gone-unshipped" || true   # declared in Unshipped only: drop the line
  grep -xF -f "$shipped" "$tmp/gone" | sed 's/^/*REMOVED*/' >"$tmp/removed" || true
  {
    grep -E '^#' "$unshipped" || echo '#nullable enable'
    { grep -vE '^#|^[[:space:]]*$' "$unshipped" | grep -vxF -f "$tmp/gone-unshipped" || true
      cat "$tmp/added" "$tmp/removed"; } | LC_ALL=C sort -u
  } >"$tmp/new"
  cp "$tmp/new" "$unshipped"
  echo "update-public-api: $(wc -l <"$tmp/added") added, $(wc -l <"$tmp/gone-unshipped") dropped from Unshipped, $(wc -l <"$tmp/removed") shipped marked *REMOVED*"
  if build "$proj"; then
    echo "update-public-api: $proj: build passes"
  else
    echo "update-public-api: $proj still fails to build:" >&2
    sed -E 's/ \(https?:[^)]*\)//' "$tmp/errors" >&2
    [ -s "$tmp/errors" ] || tail -n 30 "$tmp/log" >&2
    status=1
  fi
done
exit "$status"
