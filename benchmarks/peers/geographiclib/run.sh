#!/usr/bin/env bash
# Builds and runs the GeographicLib C++ peer of the geodesic benchmark (Debian/Ubuntu).
# Usage: benchmarks/peers/geographiclib/run.sh [pairs] [batches]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if ! dpkg -s libgeographiclib-dev >/dev/null 2>&1 || ! command -v g++ >/dev/null 2>&1; then
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update
  $sudo_cmd apt-get install -y libgeographiclib-dev g++
fi
out="${TMPDIR:-/tmp}/airspacesim-inverse-bench"
g++ -O2 -std=c++17 -o "$out" "$here/inverse_bench.cpp" -lGeographicLib
"$out" "$@"
