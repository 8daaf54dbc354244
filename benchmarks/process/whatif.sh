#!/usr/bin/env bash
# The what-if as a process (docs/simulator.md, "As a process"; docs/performance.md, "The what-if as a process"):
# `whatif DAY.json --format csv > /dev/null` on the OpenFlights day (66,933 flights, SVZM+TNCF closed; written by
# whatif-day.cs), on the same file with no flights (the start-up to subtract: runtime, command line, the file's
# closures; per flight = (day - empty) / flights) and on its first 1,000 flights (day - 1000 also subtracts the JIT of
# the per-flight code, which the first flights pay), for each NAME=EXECUTABLE, interleaved; medians of N runs
# (default 5) of wall time, CPU time (user + sys) and peak RSS, by /usr/bin/time.
#
#   benchmarks/process/whatif.sh [--runs N] [--day DAY.json] NAME=EXECUTABLE ...
#
# Without --day, writes /tmp/whatif-day.json with whatif-day.cs (needs ../shared/reference; the file is derived
# from OpenFlights, ODbL: it stays outside the repository).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
runs=5 day="" exes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --day) day=$2; shift 2 ;;
    *=*) exes+=("$1"); shift ;;
    *) echo "usage: $0 [--runs N] [--day DAY.json] NAME=EXECUTABLE ..." >&2; exit 2 ;;
  esac
done
[ ${#exes[@]} -gt 0 ] || { echo "give at least one NAME=EXECUTABLE" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -z "$day" ]; then
  day=/tmp/whatif-day.json
  [ -f "$day" ] || dotnet run "$repo/benchmarks/process/whatif-day.cs" -- "$day"
fi
python3 - "$day" "$work" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
flights = d["flights"]
for name, n in (("empty", 0), ("1000", 1000)):
    d["flights"] = flights[:n]
    json.dump(d, open(f"{sys.argv[2]}/day-{name}.json", "w", encoding="utf-8"), indent=2)
open(f"{sys.argv[2]}/flights", "w").write(str(len(flights)))
PY
for ((r = 1; r <= runs; r++)); do
  for e in "${exes[@]}"; do
    name=${e%%=*} exe=${e#*=}
    for f in "$work/day-empty.json" "$work/day-1000.json" "$day"; do
      n=$([ "$f" = "$day" ] && echo day || { [ "$f" = "$work/day-1000.json" ] && echo first1000 || echo empty; })
      /usr/bin/time -f "$name $n %e %U %S %M" -a -o "$work/times" "$exe" whatif "$f" --format csv >/dev/null
    done
  done
done
echo "$runs interleaved runs (load average now: $(cut -d' ' -f1-3 /proc/loadavg)); medians"
python3 - "$work/times" "$(cat "$work/flights")" <<'PY'
import statistics as st, sys
flights = int(sys.argv[2])
rows = [l.split() for l in open(sys.argv[1]) if l.strip() and not l.startswith("Command")]
print(f"{'build':8} {'input':10} {'wall (s)':>9} {'cpu (s)':>8} {'RSS (MB)':>9}")
names = list(dict.fromkeys(r[0] for r in rows))
for b in names:
    med = {}
    for f in ("empty", "first1000", "day"):
        rs = [r for r in rows if r[0] == b and r[1] == f]
        med[f] = (st.median(float(r[2]) for r in rs), st.median(float(r[3]) + float(r[4]) for r in rs), st.median(int(r[5]) for r in rs) / 1024)
        print(f"{b:8} {f:10} {med[f][0]:9.2f} {med[f][1]:8.2f} {med[f][2]:9.0f}")
    print(f"{b:8} {'day - 1000':10} {med['day'][0] - med['first1000'][0]:9.2f} {med['day'][1] - med['first1000'][1]:8.2f}")
    print(f"{b:8} {'day - empty':10} {med['day'][0] - med['empty'][0]:9.2f} {med['day'][1] - med['empty'][1]:8.2f}"
          f"   per flight: {(med['day'][0] - med['empty'][0]) / flights * 1e6:.1f} us wall, {(med['day'][1] - med['empty'][1]) / flights * 1e6:.1f} us CPU")
PY
