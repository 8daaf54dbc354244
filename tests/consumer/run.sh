#!/usr/bin/env bash
# Consumer proof (issue 12): the packages work for someone who has only them. Packs AirspaceSim and the
# AirspaceSim.Cli tool into a temporary folder, then, outside the repository and with a private NuGet cache (so that
# no stale AirspaceSim from an earlier run can be picked up):
#   1. a brand-new console project (dotnet new console + dotnet add package) runs the example of
#      src/AirspaceSim/PACKAGE.md with the checks of checks.cs appended;
#   2. the same program as a .NET 10 file-based script (#:package AirspaceSim@VERSION);
#   2b. PACKAGE.md's second block ("A what-if in code") as written, as a file-based script (it must print its group);
#   3. the tool is installed into a temporary tool path and run from an empty folder (its native executable, and maps);
#   4. the framework-dependent fallback package runs too;
#   5. a Native AOT console project reads a NetCDF-4 wind grid through the package (its buildTransitive props);
#   6. package validation against the previous release's API.
# The .snupkg's PDB must carry SourceLink.
# Prints one PASS/FAIL line per step and a last line "consumer: PASS" or "consumer: FAIL: ..."; exit code 0 or 1.
set -uo pipefail
accept=0
[ "${1:-}" = --accept-api-breaks ] && accept=1
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log=$work/log
fail() { echo "consumer: FAIL: $1 (last output below)"; tail -n 40 "$log"; exit 1; }
step() { echo "consumer: PASS: $1 (${SECONDS}s)"; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$repo/Directory.Build.props" | head -n 1)
[ -n "$version" ] || { echo "consumer: FAIL: no <Version> in Directory.Build.props"; exit 1; }
pkgs=$work/packages

# The library and the tool as a user gets them (tools/pack.sh): the tool's top-level package, this machine's RID as
# a Native AOT package and the framework-dependent fallback `any`.
host=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)
bash "$repo/tools/pack.sh" "$pkgs" >"$log" 2>&1 || fail "tools/pack.sh"
for f in AirspaceSim.$version.nupkg AirspaceSim.$version.snupkg AirspaceSim.Cli.$version.nupkg \
         AirspaceSim.Cli.$host.$version.nupkg AirspaceSim.Cli.any.$version.nupkg; do
  [ -f "$pkgs/$f" ] || { echo "consumer: FAIL: pack did not produce $f"; ls -l "$pkgs"; exit 1; }
done
# The symbols carry SourceLink: each PDB maps the sources to the repository's raw URLs at the commit packed.
mkdir "$work/snupkg" && (cd "$work/snupkg" && unzip -q "$pkgs/AirspaceSim.$version.snupkg") || fail "unzip the .snupkg"
link=$(grep -a -o -h '"documents":{"[^"]*":"https://raw.githubusercontent.com/[^"]*"' "$work"/snupkg/lib/*/AirspaceSim.pdb | head -n 1)
[ -n "$link" ] || { echo "consumer: FAIL: no SourceLink (raw.githubusercontent.com URL) in AirspaceSim.pdb of the .snupkg"; exit 1; }
step "SourceLink in AirspaceSim.pdb: ${link#*:}"
step "packed $(cd "$pkgs" && for f in *; do printf '%s (%s KB) ' "$f" $(( $(stat -c %s "$f") / 1024 )); done)"
# From here on a private NuGet cache (packing above used the machine's, for the SDK's packs such as the AOT compiler),
# so that no stale AirspaceSim from an earlier run can be picked up.
machine_cache=${NUGET_PACKAGES:-}
export NUGET_PACKAGES=$work/nuget-cache

# Stop MSBuild's upward search for Directory.Build.props / Directory.Packages.props at $work.
echo '<Project />' >"$work/Directory.Build.props"
echo '<Project />' >"$work/Directory.Build.targets"
echo '<Project />' >"$work/Directory.Packages.props"
# The package folder as an extra source; dependencies restore from the machine's configured registry.
cat >"$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="consumer-local" value="$pkgs" />
  </packageSources>
</configuration>
XML
example=$work/example.cs
# Block N of PACKAGE.md's ```csharp blocks (1: the example the checks are appended to; 2: "A what-if in code").
block() { awk -v n="$1" '/^```csharp$/{k++; if(k==n){f=1; next}} /^```$/{if(f){f=0}} f' "$repo/src/AirspaceSim/PACKAGE.md"; }
block 1 >"$example"
[ -s "$example" ] || { echo "consumer: FAIL: no \`\`\`csharp block in src/AirspaceSim/PACKAGE.md"; exit 1; }
cat "$repo/tests/consumer/checks.cs" >>"$example"

# 1. A new console project referencing the package.
mkdir "$work/app" && cd "$work/app" || exit 1
{ dotnet new console -n Consumer -o . --force && dotnet add package AirspaceSim --version "$version" --no-restore; } >"$log" 2>&1 || fail "dotnet new console / add package"
cp "$example" Program.cs
dotnet run -c Release >"$log" 2>&1 || fail "console project: build or checks"
cmp -s "$NUGET_PACKAGES/airspacesim/$version/airspacesim.$version.nupkg" "$pkgs/AirspaceSim.$version.nupkg" ||
  { echo "consumer: FAIL: the restored AirspaceSim $version is not the one just packed"; exit 1; }
step "console project: $(grep -m1 -E '^(Detour|Direct|Unreachable)' "$log")"

# 2. A file-based script.
mkdir "$work/script" && cd "$work/script" || exit 1
{ echo "#:package AirspaceSim@$version"; cat "$example"; } >whatif.cs
dotnet run whatif.cs >"$log" 2>&1 || fail "file-based script (dotnet run whatif.cs)"
step "file-based script: $(grep -m1 -E '^(Detour|Direct|Unreachable)' "$log")"

# 2b. PACKAGE.md's "A what-if in code", as written, as a file-based script: it prints its route group.
mkdir "$work/whatif-in-code" && cd "$work/whatif-in-code" || exit 1
{ echo "#:package AirspaceSim@$version"; block 2; } >whatif-in-code.cs
grep -q 'WhatIfSimulator' whatif-in-code.cs || { echo "consumer: FAIL: no second \`\`\`csharp block (a what-if in code) in src/AirspaceSim/PACKAGE.md"; exit 1; }
dotnet run whatif-in-code.cs >"$log" 2>&1 || fail "PACKAGE.md's what-if in code (dotnet run whatif-in-code.cs)"
grep -q -E '^AMS-CUR: [0-9]+ flights, \+[0-9]+ USD$' "$log" || fail "PACKAGE.md's what-if in code printed no AMS-CUR group"
step "what-if in code: $(grep -m1 '^AMS-CUR' "$log")"

# 3. The tool, installed into a temporary tool path and run from an empty folder (no data file anywhere near).
mkdir "$work/empty" && cd "$work/empty" || exit 1
dotnet tool install --tool-path "$work/tools" --add-source "$pkgs" AirspaceSim.Cli --version "$version" >"$log" 2>&1 || fail "dotnet tool install"
tool=$work/tools/airspacesim
"$tool" --version >"$log" 2>&1 || fail "airspacesim --version"
grep -q "^$version" "$log" || fail "airspacesim --version does not print $version"
"$tool" route AMS CUR >"$log" 2>&1 || fail "airspacesim route AMS CUR"
grep -Eq '^Status +detour' "$log" || fail "airspacesim route AMS CUR: no 'Status detour' line"
"$tool" >"$log" 2>&1 || fail "airspacesim (the default what-if)"
grep -Eq '^svzm-2025-11: [0-9]+ flights' "$log" && grep -Eq '^total +[0-9]+ flights' "$log" || fail "airspacesim: the default what-if printed no scenario line or totals"
"$tool" report >"$log" 2>&1 || fail "airspacesim report"
grep -q 'direct routes cross SVZM' "$log" || fail "airspacesim report: no summary line"
[ -z "$(ls -A "$work/empty")" ] || fail "the tool wrote files into the working folder: $(ls -A "$work/empty")"
# What was installed: this machine's RID package, a native executable (Native AOT), not the fallback.
exe=$(find "$work/tools/.store" -type f -name AirspaceSim.Cli -path "*/airspacesim.cli.$host/*/tools/*" | head -n 1)
[ -n "$exe" ] && head -c 4 "$exe" | grep -q ELF || fail "the installed tool is not the native $host executable: $(find "$work/tools/.store" -maxdepth 3 | tr '\n' ' ')"
step "tool: airspacesim --version, route AMS CUR, default what-if, report ($host native executable)"
# Maps: the RID package's native SkiaSharp draws PNG and SVG.
mkdir "$work/maps" && cd "$work/maps" || exit 1
"$tool" whatif --format png --out map.png >"$log" 2>&1 || fail "airspacesim whatif --format png --out map.png"
[ "$(head -c 8 map.png | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "map.png is not a PNG"
"$tool" route AMS CUR --format svg --out route.svg >"$log" 2>&1 || fail "airspacesim route AMS CUR --format svg --out route.svg"
grep -q '<svg' route.svg || fail "route.svg is not an SVG"
step "tool: whatif --format png ($(stat -c %s map.png) bytes), route --format svg ($(stat -c %s route.svg) bytes)"

# 4. The framework-dependent fallback package (`any`, for platforms without a package of their own) runs on the
#    shared runtime; it carries no native drawing library, and says so for an image.
mkdir "$work/any" && (cd "$work/any" && unzip -q "$pkgs/AirspaceSim.Cli.any.$version.nupkg") || fail "unzip the any package"
dll=$(find "$work/any/tools" -name AirspaceSim.Cli.dll | head -n 1)
cd "$work/empty" || exit 1
dotnet "$dll" route AMS CUR >"$log" 2>&1 || fail "any package: route AMS CUR"
grep -Eq '^Status +detour' "$log" || fail "any package: route AMS CUR: no 'Status detour' line"
if dotnet "$dll" route AMS CUR --format png --out "$work/any.png" >"$log" 2>&1; then
  step "fallback package: route AMS CUR; it draws PNG too"
else
  grep -q 'native library is not installed for this platform' "$log" || fail "any package: --format png fails without the missing-native message"
  step "fallback package: route AMS CUR; png: $(grep -o 'native library is not installed[^:]*' "$log")"
fi

# 5. Native AOT through the package: a new console project with PublishAot reads a NetCDF-4 wind grid. PureHDF builds
#    its decoders at run time; the package's buildTransitive/AirspaceSim.props hands the AOT compiler PureHDF.rd.xml, so
#    the consumer needs no line of its own. Without that item this read fails (checked by hand when the props came in).
mkdir "$work/aot" && cd "$work/aot" || exit 1
{ dotnet new console -n AotConsumer -o . --force && dotnet add package AirspaceSim --version "$version" --no-restore; } >"$log" 2>&1 || fail "aot consumer: dotnet new console / add package"
cat >Program.cs <<'CS'
// fl-grid.cdl (tests/AirspaceSim.Tests/Realism/winds): node lat 20, lon -40, FL300: u 40 kt, v 10 kt.
var grid = AirspaceSim.Weather.GriddedWindField.Load(args[0]);
var w = grid.At(new AirspaceSim.Geodesy.GeoPoint(20, -40), 300);
bool ok = Math.Abs(w.EastKt - 40) < 1e-9 && Math.Abs(w.NorthKt - 10) < 1e-9;
Console.WriteLine($"aot consumer: wind {w.EastKt}/{w.NorthKt} kt: {(ok ? "ok" : "WRONG")}");
return ok ? 0 : 1;
CS
dotnet publish -c Release -r "$host" -p:PublishAot=true -o "$work/aot/bin" >"$log" 2>&1 || fail "aot consumer: dotnet publish -p:PublishAot=true"
"$work/aot/bin/AotConsumer" "$repo/tests/AirspaceSim.Tests/Realism/winds/fl-grid.nc" >"$log" 2>&1 || fail "aot consumer: the native binary could not read fl-grid.nc"
head -c 4 "$work/aot/bin/AotConsumer" | grep -q ELF || fail "aot consumer: not a native executable"
step "Native AOT consumer reads NetCDF-4 through the package ($(grep -o 'wind .*' "$log"))"

# 6. API compatibility with the previous release (tests/consumer/api-baseline): its library is packed from git
#    history, and package validation (ApiCompat) compares the current package with it; a break fails the pack.
read -r base_commit base_version < <(grep -v '^#' "$repo/tests/consumer/api-baseline" | grep . | head -n 1)
git -C "$repo" cat-file -e "$base_commit^{commit}" 2>/dev/null || fail "api baseline: commit $base_commit is not in this clone"
mkdir -p "$work/baseline/src" && git -C "$repo" archive "$base_commit" | tar -x -C "$work/baseline/src" || fail "api baseline: git archive $base_commit"
baseline_env=(env -u NUGET_PACKAGES)
[ -n "$machine_cache" ] && baseline_env=(env NUGET_PACKAGES="$machine_cache")
"${baseline_env[@]}" dotnet pack "$work/baseline/src/src/AirspaceSim/AirspaceSim.csproj" -c Release -o "$work/baseline/pkg" -p:Version="$base_version" \
  -p:EnablePackageValidation=false -v q -nologo >"$log" 2>&1 || fail "api baseline: pack the library at $base_commit"
baseline=$work/baseline/pkg/AirspaceSim.$base_version.nupkg
validate=(dotnet pack "$repo/src/AirspaceSim/AirspaceSim.csproj" -c Release --no-build -o "$work/validated"
  -p:PackageValidationBaselinePath="$baseline" -v q -nologo)
if [ "$accept" = 1 ]; then
  "${validate[@]}" -p:ApiCompatGenerateSuppressionFile=true >"$log" 2>&1 || fail "api compatibility: writing the suppression file"
  echo "consumer: wrote src/AirspaceSim/CompatibilitySuppressions.xml (review it and commit it)"
fi
"${validate[@]}" >"$log" 2>&1 || fail "API compatibility with $base_version ($base_commit): breaking changes (CP.... lines below; an intended one: tests/consumer/run.sh --accept-api-breaks)"
step "API compatible with AirspaceSim $base_version at ${base_commit:0:10} (package validation)"

echo "consumer: PASS"
