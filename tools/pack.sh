#!/usr/bin/env bash
# Packs the AirspaceSim library and the airspacesim tool into one folder, ready for `dotnet tool install --add-source`.
#
#   tools/pack.sh OUT [RID...]
#
# The tool is a set of .NET 10 RID-specific tool packages (src/AirspaceSim.Cli/AirspaceSim.Cli.csproj,
# ToolPackageRuntimeIdentifiers): AirspaceSim.Cli.VERSION.nupkg only names them, and `dotnet tool install` fetches the
# one for the user's platform. Packed here:
#   - the library (AirspaceSim.VERSION.nupkg and .snupkg) and the tool's top-level package;
#   - each RID given (default: this machine's RID and `any`), as AirspaceSim.Cli.RID.VERSION.nupkg. This machine's
#     RID is a Native AOT executable (Native AOT does not cross-compile between operating systems or, without a cross
#     toolchain, architectures); every other RID is framework-dependent (JIT) and carries only its own native drawing
#     libraries (SkiaSharp, HarfBuzzSharp); `any` is the framework-dependent fallback for every other platform.
# A release packs every RID of ToolPackageRuntimeIdentifiers, each on a machine of its own platform for a native
# build: `tools/pack.sh OUT linux-x64 linux-arm64 osx-arm64 osx-x64 win-x64 win-arm64 any` (here, on linux-x64,
# all but linux-x64 are then framework-dependent).
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 OUT [RID...]" >&2; exit 2; }
repo=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)
shift
host=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)
rids=("$@")
[ ${#rids[@]} -gt 0 ] || rids=("$host" any)
cli=$repo/src/AirspaceSim.Cli/AirspaceSim.Cli.csproj
common=(-c Release -o "$out" -v q -nologo)

dotnet pack "$repo/src/AirspaceSim/AirspaceSim.csproj" "${common[@]}"
dotnet pack "$cli" "${common[@]}"
for rid in "${rids[@]}"; do
  # A RID package takes everything in its publish folder: no file left there by an earlier publish.
  rm -rf "$repo/src/AirspaceSim.Cli/bin/Release/net10.0/$rid/publish"
  if [ "$rid" = "$host" ]; then
    dotnet pack "$cli" -r "$rid" "${common[@]}"
  else
    # No Native AOT for a foreign platform: framework-dependent, started by `dotnet` (no apphost to fetch or sign).
    dotnet pack "$cli" -r "$rid" -p:PublishAot=false -p:UseAppHost=false "${common[@]}"
  fi
done
ls -l "$out"
