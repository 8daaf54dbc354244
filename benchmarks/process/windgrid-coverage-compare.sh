#!/usr/bin/env bash
# Route outputs with a wind grid from two builds, and every difference explained (the check for the exact
# GriddedWindField.Coverage of 2026-12-03, which may change only the windGrid figures and the "wind grid" notes):
# 30 routes (the bundled scenarios' pairs and some Eurasian and South Atlantic ones) x the 4 bundled grids x
# route --format json, --realistic --format json, --realistic (table). Then windgrid-coverage-compare.py says, for each
# windGrid figure that differs, what an independent brute force gives (100,000 slerp points per leg, Vincenty lengths)
# and which build agrees; any other difference is printed as OTHER FIELDS DIFFER.
#
#   benchmarks/process/windgrid-coverage-compare.sh OLD-EXECUTABLE NEW-EXECUTABLE [WORKDIR]
set -uo pipefail
[ $# -ge 2 ] || { echo "usage: $0 OLD-EXECUTABLE NEW-EXECUTABLE [WORKDIR]" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
old=$1 new=$2 work=${3:-$(mktemp -d)}
routes="AMS:BON:A332:SVZM AMS:CUR:B789:SVZM ATL:SJU:A321:SVZM BOG:AUA:A320:SVZM BOG:POS:A320:SVZM CCS:MIA:B38M:-
EWR:AUA:B38M:SVZM GRU:AUA:B38M:SVZM GRU:MIA:B772:SVZM GRU:MIA:B789:SVZM JFK:SJU:A320:SVZM MAD:BOG:B788:SVZM
MIA:AUA:B38M:SVZM MIA:CUR:B38M:SVZM MIA:GRU:B772:SVZM PTY:POS:B38M:SVZM PTY:SJU:B38M:SVZM HEL:JFK:A359:-
AMS:JFK:A359:- LHR:MIA:A359:- LIS:GRU:A359:- MAD:GIG:A359:- DXB:LHR:A359:- HEL:NRT:A359:- LHR:DEL:A359:-
FRA:PEK:A359:- DOH:JFK:A359:- LHR:SIN:A359:- JFK:NRT:A359:- SIN:SYD:A359:-"
for side in old new; do
  exe=$old; [ $side = new ] && exe=$new
  mkdir -p "$work/$side"
  for r in $routes; do
    IFS=: read -r f t ty cl <<<"$r"
    closed=(); [ "$cl" != - ] && closed=(--closed "$cl")
    for wind in caribbean-north-atlantic-january caribbean-north-atlantic-july eurasia-january eurasia-july; do
      base="$work/$side/$f-$t-$ty-$wind"
      "$exe" route "$f" "$t" --type "$ty" --wind $wind "${closed[@]}" --format json >"$base.json" 2>&1; echo "rc $?" >>"$base.json"
      "$exe" route "$f" "$t" --type "$ty" --wind $wind "${closed[@]}" --realistic --format json >"$base.real.json" 2>&1; echo "rc $?" >>"$base.real.json"
      "$exe" route "$f" "$t" --type "$ty" --wind $wind "${closed[@]}" --realistic >"$base.real.txt" 2>&1; echo "rc $?" >>"$base.real.txt"
    done
  done
done
python3 "$here/windgrid-coverage-compare.py" "$work/old" "$work/new"
