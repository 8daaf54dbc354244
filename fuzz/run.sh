#!/usr/bin/env bash
# Coverage-guided fuzzing of one parser with AFL++ and SharpFuzz (run outside CI; CI replays the seed corpus).
#   fuzz/run.sh TARGET [SECONDS]      TARGET: geojson | wkt | csv | geodesic | latlon | scenario | batch | route | wind | airports | airports-index | partial | netcdf   (default 600 s)
#   FUZZ_EXECS=1100000 fuzz/run.sh TARGET [SECONDS]   also stops after about that many executions (afl-fuzz -E)
# Needs: Debian's afl++ (apt-get install afl++) and the SharpFuzz instrumenter (dotnet tool install --global
# SharpFuzz.CommandLine --version 2.3.0). Findings go to fuzz/out/TARGET/ (git-ignored); replay a crash with
#   dotnet fuzz/out/bin/AirspaceSim.Fuzz.dll TARGET fuzz/out/TARGET/default/crashes
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: fuzz/run.sh TARGET [SECONDS]}
seconds=${2:-600}
out=${FUZZ_OUT:-fuzz/out} # a second concurrent run needs its own (its own instrumented build too)
bin=$out/bin
command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install afl++" >&2; exit 2; }
sharpfuzz=$(command -v sharpfuzz || echo "$HOME/.dotnet/tools/sharpfuzz")
[ -x "$sharpfuzz" ] || { echo "sharpfuzz not found: dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0" >&2; exit 2; }
if [ ! -f "$bin/.instrumented" ]; then
  rm -rf "$bin"
  # The CLI is published as Native AOT for users; the harness needs it as a JIT assembly (SharpFuzz rewrites IL).
  dotnet publish tests/AirspaceSim.Fuzz -c Release -o "$bin" -p:PublishAot=false -v q --nologo
  # Only our own assemblies carry coverage feedback: the fuzzer then explores our parsers, not the BCL's.
  # PureHDF too: the netcdf target's input is parsed there (the other targets never call it)
  for dll in AirspaceSim.dll AirspaceSim.Cli.dll PureHDF.dll; do "$sharpfuzz" "$bin/$dll"; done
  touch "$bin/.instrumented"
fi
corpus=$target; case $target in batch) corpus=csv ;; route) corpus=latlon ;; airports-index) corpus=airports ;; esac # as FuzzTargets.CorpusOf
# netcdf runs out of process: in-process, afl-fuzz lost the fork server after about 30,000 executions (twice, no input
# saved, and replaying the whole queue in one process passes), while out of process it ran 1.1M clean (docs/fuzzing.md).
[ "$target" = netcdf ] && export FUZZ_OUT_OF_PROCESS=${FUZZ_OUT_OF_PROCESS:-1}
mkdir -p "$out/$target"
# The .NET runtime maps far more memory than AFL's default limit (-m none); a slow first exec (JIT) needs -t.
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_SKIP_BIN_CHECK=1
limit=(-V "$seconds"); [ -n "${FUZZ_EXECS:-}" ] && limit+=(-E "$FUZZ_EXECS")
exec nice -n "${FUZZ_NICE:-19}" afl-fuzz -i "tests/AirspaceSim.Fuzz/corpus/$corpus" -o "$out/$target" -t 10000 -m none "${limit[@]}" \
  -- dotnet "$bin/AirspaceSim.Fuzz.dll" "$target"
