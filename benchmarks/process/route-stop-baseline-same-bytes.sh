#!/usr/bin/env bash
# Proof for the route/batch stop baseline (docs/audit-8-12.md, "Route/batch stop baseline"): two builds of the CLI give
# the same bytes (stdout, stderr, exit code) for every `route`/`batch` case whose direct and flown non-stops fit the
# type's range, and differ only where one does not (judged by OLD's own JSON: performance.direct/flown.fitsRange).
#
#   benchmarks/process/route-stop-baseline-same-bytes.sh OLD-EXECUTABLE NEW-EXECUTABLE
#
# Exit 0 when every difference is a case beyond range; prints one line per comparison, then the count.
set -uo pipefail
[ $# -ge 2 ] || { echo "usage: $0 OLD-EXECUTABLE NEW-EXECUTABLE" >&2; exit 2; }
old=$1 new=$2
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; cd "$work"
n=0 same=0 beyond=0 bad=0
cmp1() { local name=$1 check=$2; shift 2
  "$old" "$@" > o.out 2> o.err; echo $? >> o.out
  "$new" "$@" > n.out 2> n.err; echo $? >> n.out
  n=$((n+1))
  if cmp -s o.out n.out && cmp -s o.err n.err; then echo "same    $name"; same=$((same+1)); return; fi
  # A difference is expected only beyond range: ask OLD whether both non-stops fit.
  local fits=True
  [ -n "$check" ] && fits=$($old $check --format json | python3 -c "import json,sys; p=json.load(sys.stdin)['performance']; print(p['direct']['fitsRange'] and p['flown']['fitsRange'])")
  if [ "$fits" = False ]; then echo "beyond  $name"; beyond=$((beyond+1)); else echo "DIFF    $name"; bad=$((bad+1)); fi
}
for p in LIS,MAD AMS,CUR MIA,POS MIA,BOG JFK,LIS AUA,GRU MAD,CCS FRA,JFK MIA,CNF; do a=${p%,*}; b=${p#*,}
  for t in A20N B38M B789 A359 E190 AT76; do
    for fmt in table json csv; do
      cmp1 "route $a $b --type $t --format $fmt" "route $a $b --type $t" route $a $b --type $t --format $fmt
      cmp1 "route $a $b --type $t --closed UKBV --format $fmt" "route $a $b --type $t --closed UKBV" route $a $b --type $t --closed UKBV --format $fmt
    done
    cmp1 "route $a $b --type $t --realistic --format json" "route $a $b --type $t" route $a $b --type $t --realistic --format json
    cmp1 "route $a $b --type $t --wind 270/80 --format json" "route $a $b --type $t --wind 270/80" route $a $b --type $t --wind 270/80 --format json
  done
  cmp1 "route $a $b --format geojson" "" route $a $b --format geojson
  cmp1 "route $a $b --format json (no type)" "" route $a $b --format json
done
# Rows that fit, an unknown airport and an unknown type (error rows).
printf "from,to,type\nLIS,MAD,A20N\nAMS,CUR,B789\nMIA,POS,B38M\nMIA,BOG,E190\nJFK,LIS,A20N\nAUA,GRU,B38M\nMAD,CCS,A359\nFRA,JFK,B789\nXXX,YYY,A20N\nLIS,MAD,ZZZZ\nMIA,CNF,B789\n" > fit.csv
for fmt in csv json; do
  cmp1 "batch fit.csv --format $fmt" "" batch fit.csv --format $fmt
  cmp1 "batch fit.csv --type B38M --format $fmt" "" batch fit.csv --type B38M --format $fmt
  cmp1 "batch fit.csv --closed UKBV --format $fmt" "" batch fit.csv --closed UKBV --format $fmt
done
echo "$n comparisons: $same the same, $beyond different beyond range, $bad different within range"
[ $bad = 0 ]
