#!/usr/bin/env bash
# Start-up of the installed airspacesim tool against a hello-world console app installed as a tool the same way
# (issue 12: `airspacesim route AMS CUR` within 3x the hello world's wall time, measured side by side).
#
#   benchmarks/startup/run.sh [--runs N] [--packages DIR] [--jit]
#
# --packages DIR  use the tool packages already in DIR (tools/pack.sh DIR); default: pack them into a temp folder.
# --runs N        interleaved runs of each command (default 30); the first run of each is a warm-up and not counted.
# --jit           also time the framework-dependent (JIT) tool package, the fallback for platforms without a
#                 native one, run through the same installed layout (its AirspaceSim.Cli apphost).
#
# Both tools are installed with `dotnet tool install --tool-path` into a temp folder and started through their
# command shims, from an empty folder. Each run is timed by bash's `time` (wall, user and sys, in ms); the script
# prints the median and the minimum of each, and the ratios of the medians (airspacesim / hello). On a loaded machine
# the CPU time (user + sys) is the steadier figure: wall time then includes waiting for a core.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
runs=30 packages="" jit=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --packages) packages=$(cd "$2" && pwd); shift 2 ;;
    --jit) jit=1; shift ;;
    *) echo "usage: $0 [--runs N] [--packages DIR] [--jit]" >&2; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NUGET_PACKAGES=$work/nuget-cache
echo '<Project />' >"$work/Directory.Build.props"
echo '<Project />' >"$work/Directory.Build.targets"
echo '<Project />' >"$work/Directory.Packages.props"

if [ -z "$packages" ]; then
  packages=$work/packages
  echo "packing the tool into $packages (tools/pack.sh) ..." >&2
  bash "$repo/tools/pack.sh" "$packages" >&2
fi
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$repo/Directory.Build.props" | head -n 1)

# The hello world: the `dotnet new console` template, packed as a (framework-dependent) tool.
mkdir -p "$work/hello" "$work/hello-pkg"
(cd "$work/hello" && dotnet new console -n Hello -o . --force >/dev/null &&
  dotnet pack -c Release -o "$work/hello-pkg" -p:PackAsTool=true -p:ToolCommandName=hello -p:PackageId=Hello.Startup -p:Version=1.0.0 -v q -nologo >/dev/null)
dotnet tool install --tool-path "$work/tools" --add-source "$work/hello-pkg" Hello.Startup --version 1.0.0 >/dev/null
dotnet tool install --tool-path "$work/tools" --add-source "$packages" AirspaceSim.Cli --version "$version" >/dev/null
tool=$work/tools/airspacesim
installed=$(find "$work/tools/.store/airspacesim.cli" -mindepth 2 -maxdepth 2 -type d -iname 'airspacesim.cli.*' -printf '%f ')
native=$(find "$work/tools/.store/airspacesim.cli" -type f -name AirspaceSim.Cli -path '*/tools/*' | head -n 1)
[ -n "$native" ] && head -c 4 "$native" | grep -q ELF && kind="Native AOT executable" || kind="framework-dependent"
echo "installed: ${installed:-airspacesim.cli} ($kind)"

mkdir "$work/empty" && cd "$work/empty"
names=(hello airspacesim)
cmds=("$work/tools/hello" "$tool route AMS CUR")
if [ "$jit" = 1 ]; then
  any=$(ls "$packages"/AirspaceSim.Cli.any.*.nupkg 2>/dev/null | head -n 1)
  if [ -n "$any" ]; then
    mkdir -p "$work/jit" && (cd "$work/jit" && unzip -q "$any")
    names+=(airspacesim-jit)
    cmds+=("dotnet $(find "$work/jit/tools" -name AirspaceSim.Cli.dll | head -n 1) route AMS CUR")
  else
    echo "note: no AirspaceSim.Cli.any package in $packages: --jit skipped" >&2
  fi
fi
# Every command must work before it is timed.
for i in "${!cmds[@]}"; do ${cmds[$i]} >/dev/null || { echo "${names[$i]}: '${cmds[$i]}' failed" >&2; exit 1; }; done
"$tool" route AMS CUR | grep -Eq '^Status +detour' || { echo "airspacesim route AMS CUR: no 'Status detour' line" >&2; exit 1; }

TIMEFORMAT='%3R %3U %3S'
for ((r = 0; r <= runs; r++)); do
  for i in "${!cmds[@]}"; do
    t=$({ time ${cmds[$i]} >/dev/null 2>&1; } 2>&1)
    [ "$r" -gt 0 ] && echo "${names[$i]} $t" >>"$work/times"
  done
done

echo "$runs interleaved runs each (load average: $(cut -d' ' -f1-3 /proc/loadavg)); seconds:"
printf '%-16s %8s %8s %10s %10s\n' command "wall med" "wall min" "cpu med" "cpu min"
summary() { # name -> "wall_median wall_min cpu_median cpu_min"
  local w c
  w=$(awk -v n="$1" '$1 == n {print $2}' "$work/times" | sort -g)
  c=$(awk -v n="$1" '$1 == n {printf "%.3f\n", $3 + $4}' "$work/times" | sort -g)
  med() { awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
  echo "$(med <<<"$w") $(head -n 1 <<<"$w") $(med <<<"$c") $(head -n 1 <<<"$c")"
}
read -r hw hwmin hc hcmin < <(summary hello)
for n in "${names[@]}"; do
  read -r w wmin c cmin < <(summary "$n")
  printf '%-16s %8.3f %8.3f %10.3f %10.3f' "$n" "$w" "$wmin" "$c" "$cmin"
  [ "$n" != hello ] && awk -v w="$w" -v hw="$hw" -v c="$c" -v hc="$hc" 'BEGIN {printf "   %.2fx hello (wall), %.2fx (cpu)", w / hw, c / hc}'
  echo
done
