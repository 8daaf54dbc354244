#!/usr/bin/env bash
# The CLI as a process (issue 8; README, Performance, "The command as a process"): `batch` per route and
# `geodesic -i` per line with start-up subtracted, for the JIT build and the Native AOT build side by side, and a
# check that both give the same bytes.
#
#   benchmarks/process/run.sh [--runs N] [--reference DIR] [NAME=EXECUTABLE ...]
#
# With no NAME=EXECUTABLE, builds both here: jit = the Release build's apphost (what `dotnet run -c Release` and the
# framework-dependent tool package run), aot = `dotnet publish -r RID -p:PublishAot=true` (what the RID-specific tool
# package installs).
# batch: the 52 cases of DIR/routes/svzm-cases.csv as quoted "LAT,LON" pairs, repeated to n1 = 10,400 and
#   n2 = 1,040,000 rows, CSV to /dev/null; per route = (t2 - t1) / (n2 - n1), which subtracts start-up.
# geodesic -i: n1 = 10,000 and n2 = 1,000,000 random global lines (fixed seed), output to /dev/null, same formula.
# Each figure is the median over N interleaved runs (default 5) of wall time and of CPU time (user + sys: on a loaded
# machine the steadier one), timed by /usr/bin/time, which also gives the peak RSS.
# Same bytes: every executable's output for the 1,040,000 rows, the 1,000,000 lines and the 10,000 GeographicLib
# reference lines (DIR/geodesic/geodsolve-10k.txt through `geodesic -i -p 9`) must equal the first one's, and the
# first one's reference output must not change with DOTNET_EnableHWIntrinsic=0.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
runs=5 ref=$repo/../shared/reference
exes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --reference) ref=$2; shift 2 ;;
    *=*) exes+=("$1"); shift ;;
    *) echo "usage: $0 [--runs N] [--reference DIR] [NAME=EXECUTABLE ...]" >&2; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
cases=$ref/routes/svzm-cases.csv reflines=$ref/geodesic/geodsolve-10k.txt
for f in "$cases" "$reflines"; do [ -f "$f" ] || { echo "missing $f (--reference DIR: ../shared/reference)" >&2; exit 1; }; done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ${#exes[@]} -eq 0 ]; then
  rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)
  echo "building jit (Release) and aot (Native AOT, $rid) ..." >&2
  dotnet build "$repo/src/AirspaceSim.Cli/AirspaceSim.Cli.csproj" -c Release -v q -nologo >&2
  dotnet publish "$repo/src/AirspaceSim.Cli/AirspaceSim.Cli.csproj" -c Release -r "$rid" -o "$work/aot" -v q -nologo >&2
  exes=("jit=$repo/src/AirspaceSim.Cli/bin/Release/net10.0/AirspaceSim.Cli" "aot=$work/aot/AirspaceSim.Cli")
fi

# Inputs.
body() { awk -F, 'NR > 1 {printf "\"%s,%s\",\"%s,%s\"\n", $6, $7, $8, $9}' "$cases"; }
for n in 10400 1040000; do
  { echo from,to; for ((i = 0; i < n / 52; i++)); do body; done; } >"$work/batch-$n.csv"
done
python3 - "$work" <<'PY'
import random, sys
rng = random.Random(20261202)
for n in (10_000, 1_000_000):
    with open(f"{sys.argv[1]}/geo-{n}.txt", "w") as f:
        for _ in range(n):
            f.write(f"{rng.uniform(-90, 90):.6f} {rng.uniform(-180, 180):.6f} {rng.uniform(-90, 90):.6f} {rng.uniform(-180, 180):.6f}\n")
PY
grep -v '^#' "$reflines" | awk 'NF {print $1, $2, $3, $4}' >"$work/ref.txt"

# Same bytes first (a fast build that answers differently is no result).
first=""
for e in "${exes[@]}"; do
  name=${e%%=*} exe=${e#*=}
  "$exe" batch "$work/batch-1040000.csv" >"$work/out-batch-$name" 2>/dev/null || [ $? -eq 1 ] # 1: some rows unreachable
  "$exe" geodesic -i <"$work/geo-1000000.txt" >"$work/out-geo-$name"
  "$exe" geodesic -i -p 9 <"$work/ref.txt" >"$work/out-ref-$name"
  if [ -z "$first" ]; then
    first=$name
    DOTNET_EnableHWIntrinsic=0 "$exe" geodesic -i -p 9 <"$work/ref.txt" >"$work/out-ref-nohw"
    cmp -s "$work/out-ref-$name" "$work/out-ref-nohw" && echo "same bytes: $name geodesic -i -p 9 on the 10,000 reference lines with DOTNET_EnableHWIntrinsic=0" ||
      echo "DIFFERENT: $name with DOTNET_EnableHWIntrinsic=0 changes $(diff "$work/out-ref-$name" "$work/out-ref-nohw" | grep -c '^<') of the 10,000 reference lines"
  else
    for k in batch geo ref; do
      cmp -s "$work/out-$k-$first" "$work/out-$k-$name" && echo "same bytes: $name = $first ($k, $(wc -l <"$work/out-$k-$name") lines)" ||
        echo "DIFFERENT: $name vs $first ($k): $(diff "$work/out-$k-$first" "$work/out-$k-$name" | grep -c '^<') lines differ"
    done
  fi
done
rm -f "$work"/out-*

# Timing: interleaved, each run of each executable on each input.
for ((r = 1; r <= runs; r++)); do
  for e in "${exes[@]}"; do
    name=${e%%=*} exe=${e#*=}
    for n in 10400 1040000; do
      /usr/bin/time -f "$name batch $n %e %U %S %M" -a -o "$work/times" "$exe" batch "$work/batch-$n.csv" >/dev/null 2>&1 || true
    done
    for n in 10000 1000000; do
      /usr/bin/time -f "$name geodesic $n %e %U %S %M" -a -o "$work/times" "$exe" geodesic -i <"$work/geo-$n.txt" >/dev/null
    done
  done
done

median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
get() { awk -v e="$1" -v k="$2" -v n="$3" -v f="$4" '$1 == e && $2 == k && $3 == n {print (f == "cpu") ? $5 + $6 : (f == "wall") ? $4 : $7}' "$work/times" | median; }
echo "$runs interleaved runs (load average now: $(cut -d' ' -f1-3 /proc/loadavg)); medians"
printf '%-8s %-9s %14s %14s %14s %14s %12s\n' build command "wall n1 (s)" "wall n2 (s)" "wall/item (us)" "cpu/item (us)" "peak RSS n2"
for e in "${exes[@]}"; do
  name=${e%%=*}
  for k in "batch 10400 1040000" "geodesic 10000 1000000"; do
    read -r cmd n1 n2 <<<"$k"
    w1=$(get "$name" "$cmd" "$n1" wall) w2=$(get "$name" "$cmd" "$n2" wall)
    c1=$(get "$name" "$cmd" "$n1" cpu) c2=$(get "$name" "$cmd" "$n2" cpu) rss=$(get "$name" "$cmd" "$n2" rss)
    awk -v name="$name" -v cmd="$cmd" -v n1="$n1" -v n2="$n2" -v w1="$w1" -v w2="$w2" -v c1="$c1" -v c2="$c2" -v rss="$rss" 'BEGIN {
      printf "%-8s %-9s %14.3f %14.3f %14.2f %14.2f %9.0f MB\n", name, cmd, w1, w2, (w2 - w1) / (n2 - n1) * 1e6, (c2 - c1) / (n2 - n1) * 1e6, rss / 1024 }'
  done
done
