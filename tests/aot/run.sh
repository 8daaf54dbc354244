#!/usr/bin/env bash
# Native AOT proof of the library (issue 12): publishes tests/aot (a console app using AirspaceSim: bundled data, world
# FIRs through NetTopologySuite, GeoJSON, scenario JSON, the what-if simulator, Monte Carlo with MathNet, the JSON
# writers) with PublishAot=true, fails on any trim or AOT warning (IL2xxx/IL3xxx; they are errors too, warnings as
# errors), then runs the native binary, whose checks print "aot: PASS". Takes ~1-3 minutes (ILCompiler), so not part
# of .ci/run; every build already runs the trim/AOT analyzers on the library (IsAotCompatible in AirspaceSim.csproj).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_CLI_UI_LANGUAGE=en
rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)
dotnet publish "$here/AotProof.csproj" -c Release -r "${rid:-linux-x64}" -o "$out/bin" -nologo >"$out/log" 2>&1
rc=$?
warnings=$(grep -oE '(warning|error) IL[0-9]{4}[^[]*' "$out/log" | sort -u)
if [ "$rc" -ne 0 ] || [ -n "$warnings" ]; then
  echo "aot: FAIL: publish exit $rc"; [ -n "$warnings" ] && echo "$warnings"; tail -n 30 "$out/log"; exit 1
fi
echo "aot: published with 0 IL2xxx/IL3xxx warnings: $(du -h "$out/bin/AotProof" | cut -f1) native binary"
(cd "$out" && "$out/bin/AotProof")
