#!/usr/bin/env bash
# Consumer proof (issue 12): the packages work for someone who has only them. Packs AirspaceSim and the
# AirspaceSim.Cli tool into a temporary folder, then, outside the repository and with a private NuGet cache (so that
# no stale AirspaceSim from an earlier run can be picked up):
#   1. a brand-new console project (dotnet new console + dotnet add package) runs the example of
#      src/AirspaceSim/PACKAGE.md with the checks of checks.cs appended;
#   2. the same program as a .NET 10 file-based script (#:package AirspaceSim@VERSION);
#   3. the tool is installed into a temporary tool path and run from an empty folder.
# Prints one PASS/FAIL line per step and a last line "consumer: PASS" or "consumer: FAIL: ..."; exit code 0 or 1.
set -uo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log=$work/log
fail() { echo "consumer: FAIL: $1 (last output below)"; tail -n 40 "$log"; exit 1; }
step() { echo "consumer: PASS: $1 (${SECONDS}s)"; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export NUGET_PACKAGES=$work/nuget-cache
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$repo/Directory.Build.props" | head -n 1)
[ -n "$version" ] || { echo "consumer: FAIL: no <Version> in Directory.Build.props"; exit 1; }
pkgs=$work/packages

# Build once (the tool builds the library), then pack both without building again.
dotnet build "$repo/src/AirspaceSim.Cli/AirspaceSim.Cli.csproj" -c Release -v q -nologo >"$log" 2>&1 || fail "Release build"
for p in AirspaceSim/AirspaceSim AirspaceSim.Cli/AirspaceSim.Cli; do
  dotnet pack "$repo/src/$p.csproj" -c Release --no-build -o "$pkgs" -v q -nologo >"$log" 2>&1 || fail "pack $p"
done
for f in AirspaceSim.$version.nupkg AirspaceSim.$version.snupkg AirspaceSim.Cli.$version.nupkg; do
  [ -f "$pkgs/$f" ] || { echo "consumer: FAIL: pack did not produce $f"; ls -l "$pkgs"; exit 1; }
done
step "packed $(cd "$pkgs" && ls | tr '\n' ' ')"

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
sed -n '/^```csharp$/,/^```$/p' "$repo/src/AirspaceSim/PACKAGE.md" | sed '1d;$d' >"$example"
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
step "tool: airspacesim --version, route AMS CUR, default what-if, report"

echo "consumer: PASS"
