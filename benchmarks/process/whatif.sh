#!/usr/bin/env bash
# The what-if as a process (docs/simulator.md, "As a process"): `whatif DAY.json --format csv > /dev/null` on the
# OpenFlights day (66,933 flights, SVZM+TNCF closed; written by whatif-day.cs) and on its first 1,000 flights (the
# start-up to subtract), for each NAME=EXECUTABLE, interleaved; medians of N runs (default 5) of wall time, CPU time
# (user + sys) and peak RSS, by /usr/bin/time.
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
python3 - "$day" "$work/day-1000.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["flights"] = d["flights"][:1000]
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), indent=2)
PY
for ((r = 1; r <= runs; r++)); do
  for e in "${exes[@]}"; do
    name=${e%%=*} exe=${e#*=}
    for f in "$work/day-1000.json" "$day"; do
      n=$([ "$f" = "$day" ] && echo day || echo first1000)
      /usr/bin/time -f "$name $n %e %U %S %M" -a -o "$work/times" "$exe" whatif "$f" --format csv >/dev/null
    done
  done
done
echo "$runs interleaved runs (load average now: $(cut -d' ' -f1-3 /proc/loadavg)); medians"
python3 - "$work/times" <<'PY'
import statistics as st, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip() and not l.startswith("Command")]
print(f"{'build':8} {'input':10} {'wall (s)':>9} {'cpu (s)':>8} {'RSS (MB)':>9}")
names = list(dict.fromkeys(r[0] for r in rows))
for b in names:
    med = {}
    for f in ("first1000", "day"):
        rs = [r for r in rows if r[0] == b and r[1] == f]
        med[f] = (st.median(float(r[2]) for r in rs), st.median(float(r[3]) + float(r[4]) for r in rs), st.median(int(r[5]) for r in rs) / 1024)
        print(f"{b:8} {f:10} {med[f][0]:9.2f} {med[f][1]:8.2f} {med[f][2]:9.0f}")
    print(f"{b:8} {'day - 1000':10} {med['day'][0] - med['first1000'][0]:9.2f} {med['day'][1] - med['first1000'][1]:8.2f}")
PY
