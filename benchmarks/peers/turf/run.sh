#!/usr/bin/env bash
# Peer comparison: Turf.js @turf/shortest-path (grid A* in planar lon/lat) against AirspaceSim's exact
# detours, SVZM closed, on the 52 cases of ../shared/reference/routes/svzm-cases.csv.
#
# Usage: benchmarks/peers/turf/run.sh [--resolutions 100,25] [--with-2.5km] [--repeat N] [--out per-case.csv]
#
# Needs node + npm (npm registry) and the .NET SDK. Turf is installed into a temporary folder that is
# deleted on exit: no node_modules, package-lock or peer code ever lands in the repository.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
die() { echo "turf peer: $*" >&2; exit 2; }

[ -f "$root/AirspaceSim.sln" ] && [ -d "$root/src/AirspaceSim.Cli" ] || die "repository root not found at $root"
ref="${AIRSPACESIM_REFERENCE:-$root/../shared/reference}"
cases="$ref/routes/svzm-cases.csv"
[ -f "$cases" ] || die "reference cases not found: $cases
  (expected the shared reference folder beside the repository, ../shared/reference; or set AIRSPACESIM_REFERENCE)"
airspace="$root/data/airspaces/SVZM.geojson"
[ -f "$airspace" ] || die "airspace not found: $airspace"
for tool in node npm dotnet; do command -v "$tool" >/dev/null || die "'$tool' is not on PATH"; done

# Pass-through options for compare.mjs; --out made absolute (we run from the temp folder).
args=()
with25=0
while [ $# -gt 0 ]; do
  case "$1" in
    --resolutions|--repeat) [ $# -ge 2 ] || die "$1 needs a value"; args+=("$1" "$2"); shift 2 ;;
    --out) [ $# -ge 2 ] || die "--out needs a path"
           out="$2"; [[ "$out" = /* ]] || out="$PWD/$out"; args+=(--out "$out"); shift 2 ;;
    --with-2.5km) args+=("$1"); with25=1; shift ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (see --help)" ;;
  esac
done

TURF_VERSION="${TURF_VERSION:-7.4.0}"
GEOGRAPHICLIB_VERSION="${GEOGRAPHICLIB_VERSION:-2.2.0}"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/airspacesim-turf.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

# --- the peer, into the temp folder ---
echo "turf peer: installing @turf/shortest-path@$TURF_VERSION into $tmp" >&2
echo '{ "name": "airspacesim-turf-peer", "private": true }' > "$tmp/package.json"
npm_flags=(--prefix "$tmp" --no-save --no-package-lock --no-audit --no-fund --loglevel=error)
npm install "${npm_flags[@]}" "@turf/shortest-path@$TURF_VERSION" "@turf/helpers@$TURF_VERSION" "@turf/length@$TURF_VERSION" >&2 \
  || die "npm install of Turf failed"
# geographiclib-geodesic (official JS port of GeographicLib) measures paths on WGS84; optional: without it,
# compare.mjs falls back to @turf/length on the sphere and says so in its output.
npm install "${npm_flags[@]}" "@turf/shortest-path@$TURF_VERSION" "@turf/helpers@$TURF_VERSION" "@turf/length@$TURF_VERSION" \
  "geographiclib-geodesic@$GEOGRAPHICLIB_VERSION" >&2 \
  || echo "turf peer: WARNING: geographiclib-geodesic@$GEOGRAPHICLIB_VERSION not installed; lengths will be measured on the sphere" >&2
for p in @turf/shortest-path @turf/helpers @turf/length geographiclib-geodesic; do
  v="$(node -p "require('$tmp/node_modules/$p/package.json').version" 2>/dev/null || echo 'not installed')"
  echo "turf peer:   $p $v" >&2
done
cp "$here/compare.mjs" "$tmp/compare.mjs"

# --- the exact answers: AirspaceSim's CLI on the same cases, "lat,lon" ends, SVZM closed ---
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; print "from,to"; next }
         NF > 1  { printf "\"%s,%s\",\"%s,%s\"\n", $c["from_lat"], $c["from_lon"], $c["to_lat"], $c["to_lon"] }' \
  "$cases" > "$tmp/routes.csv"
cli=(dotnet run -c Release --project "$root/src/AirspaceSim.Cli" --)
echo "turf peer: exact detours with AirspaceSim (dotnet run -c Release ... batch)" >&2
"${cli[@]}" batch "$tmp/routes.csv" --format json --closed SVZM --airspaces "$airspace" > "$tmp/exact.json" \
  || die "AirspaceSim batch failed"

# --- the comparison ---
node_flags=()
[ "$with25" = 1 ] && node_flags+=(--max-old-space-size=8192)   # the 2.5 km grids of the long routes need ~3 GB
(cd "$tmp" && node "${node_flags[@]}" compare.mjs --cases "$cases" --airspace "$airspace" --exact "$tmp/exact.json" "${args[@]}")

# --- AirspaceSim's own time per route, if the CLI has a bench command ---
echo
echo "## AirspaceSim's own time per route"
echo
if "${cli[@]}" --help 2>/dev/null | grep -qE '^[[:space:]]+bench([[:space:]]|$)'; then
  "${cli[@]}" bench "$tmp/routes.csv" --closed SVZM --airspaces "$airspace" \
    || echo "(airspacesim bench failed; see above)"
else
  echo "Skipped: this AirspaceSim CLI has no 'bench' command yet, so only Turf's times are measured here."
fi
