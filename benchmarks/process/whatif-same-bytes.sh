#!/usr/bin/env bash
# Same bytes from two builds of the CLI for the what-if (proof for a change that must not change any answer):
# every bundled scenario (data/scenarios/*.json, read as files) in every format (table, csv, json, geojson, and
# png, svg and html written with --out), the Monte Carlo and sweep forms of the uncertain and buffer-sweep scenarios,
# and any further scenario files given (e.g. the OpenFlights day from whatif-day.cs), in csv and json.
#
#   benchmarks/process/whatif-same-bytes.sh OLD-EXECUTABLE NEW-EXECUTABLE [SCENARIO.json ...]
#
# Exit 0 when every output (stdout, stderr, exit code, written file) is the same; prints one line per comparison.
set -uo pipefail
[ $# -ge 2 ] || { echo "usage: $0 OLD-EXECUTABLE NEW-EXECUTABLE [SCENARIO.json ...]" >&2; exit 2; }
repo=$(cd "$(dirname "$0")/../.." && pwd)
old=$1 new=$2; shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0 n=0
. "$repo/benchmarks/process/same-bytes-run.sh"
for f in "$repo"/data/scenarios/*.json; do
  s=$(basename "$f" .json)
  for fmt in table csv json geojson; do run "$s --format $fmt" whatif "$f" --format $fmt; done
  for fmt in png svg html; do run "$s --format $fmt --out" whatif "$f" --format $fmt --out "@OUT@"; done
  run "$s --group-by operator" whatif "$f" --group-by operator
done
u=$repo/data/scenarios/svzm-2025-11-uncertain.json
for fmt in table csv json; do run "uncertain --monte-carlo 50 --format $fmt" whatif "$u" --monte-carlo 50 --format $fmt; done
for fmt in table csv json; do run "svzm-2025-11 --sweep buffer=0,10,25 --format $fmt" whatif "$repo/data/scenarios/svzm-2025-11.json" --sweep buffer=0,10,25 --format $fmt; done
for f in "$@"; do
  for fmt in csv json; do run "$(basename "$f") --format $fmt" whatif "$f" --format $fmt; done
done
echo "$n comparisons; $([ $fail = 0 ] && echo "all the same" || echo "SOME DIFFERENT")"
exit $fail
