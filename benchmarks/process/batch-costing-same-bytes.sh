#!/usr/bin/env bash
# Same bytes from two builds of the CLI for the costed batch and route (proof for a change that must not change any
# answer, e.g. moving the batch costing from the CLI into the library): the route lists the tests use
# (data/routes/caribbean.csv and lists like theirs) with --type, a row type column, an unknown type, --fl above an
# ATR's ceiling, --wind 270/400 with an ATR row, the bundled and a file wind grid (data/winds) and a synthetic grid
# whose strongest wind reaches the ATR's airspeed, technical stops; in csv and json (and a map with --out), and the
# route command in every format with --type (and --realistic where it is an error).
#
#   benchmarks/process/batch-costing-same-bytes.sh OLD-EXECUTABLE NEW-EXECUTABLE
#
# Exit 0 when every output (stdout, stderr, exit code, written file) is the same; prints one line per comparison.
set -uo pipefail
[ $# -ge 2 ] || { echo "usage: $0 OLD-EXECUTABLE NEW-EXECUTABLE" >&2; exit 2; }
repo=$(cd "$(dirname "$0")/../.." && pwd)
old=$1 new=$2; shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail=0 n=0
. "$repo/benchmarks/process/same-bytes-run.sh"
carib=$repo/data/routes/caribbean.csv
jan=$repo/data/winds/caribbean-north-atlantic-january.csv
# The lists of the tests (PerformanceCliTests, TechStopCliTests), and one of every row kind with a type column.
printf 'from,to\nAMS,CUR\nXXX,CUR\nGRU,MIA\n' >plain.csv
printf 'from,to,type\nGRU,MIA,B789\nGRU,MIA,\n' >typed.csv
printf 'from,to,type\nLIS,SCL,A20N\nLIS,MAD,A20N\nJFK,HND,AT76\n' >stops.csv
printf 'from,to,type\nLIS,MAD,A20N\nLIS,MAD,B73\nLIS,OPO,A20N\n' >unknown.csv
{
  echo 'from,to,type,note'
  echo 'AMS,CUR,B38M,a'
  echo 'MIA,AUA,AT76,"atr, short"'
  echo 'CCS,POS,AT76,'
  echo 'AMS,CUR,,no type'
  echo 'AMS,CUR,XXXX,unknown'
  echo 'AMS,CUR,b73,close to B737/B738'
  echo "AMS,CUR,$(printf 'Q%.0s' $(seq 1 70)),long junk"
  echo 'QQQ,CUR,B38M,unknown end'
  echo '"0,0","0,180",B38M,antipodal'
  echo 'GRU,MIA,A20N,beyond range?'
  echo 'LIS,SCL,A20N,tech stop'
  echo 'JFK,HND,AT76,no tech stop'
  echo 'SCL,SYD,E75L,far'
  echo 'MIA,BOG,b38m,lower case'
} >mixed.csv
# A grid whose strongest wind (300 kt, in one corner over the Caribbean) reaches the ATR's airspeed (about 275 kt).
{
  echo 'lat,lon,fl,u_kt,v_kt'
  for lat in 0 10 20 30; do for lon in -90 -80 -70 -60; do for fl in 100 200 300 400; do
    if [ $lat = 10 ] && [ $lon = -70 ]; then echo "$lat,$lon,$fl,300,0"; else echo "$lat,$lon,$fl,20,-10"; fi
  done; done; done
} >strong.csv
# A list long enough that csv and json go out in many pieces (16 K chars each): the caribbean list 30 times, types mixed.
{
  echo 'from,to,type'
  for i in $(seq 1 30); do tail -n +2 "$carib" | cut -d, -f1,2 | awk -v i=$i '{ t = (NR + i) % 4; print $0 "," (t == 0 ? "" : t == 1 ? "AT76" : t == 2 ? "B38M" : "XX" i) }'; done
} >long.csv
for fmt in csv json; do
  run "long (caribbean x30, types mixed) --closed SVZM $fmt" batch long.csv --closed SVZM --format $fmt
  run "caribbean $fmt" batch "$carib" --format $fmt
  run "caribbean --type B38M $fmt" batch "$carib" --type B38M --format $fmt
  run "caribbean --type B38M --closed SVZM $fmt" batch "$carib" --type B38M --closed SVZM --format $fmt
  run "caribbean --type AT76 --wind 270/80 --closed SVZM,TNCF $fmt" batch "$carib" --type AT76 --wind 270/80 --closed SVZM,TNCF --format $fmt
  run "plain --type B789 $fmt" batch plain.csv --type B789 --format $fmt
  run "typed --wind 270/80 $fmt" batch typed.csv --wind 270/80 --format $fmt
  run "stops --closed UKBV $fmt" batch stops.csv --closed UKBV --format $fmt
  run "unknown type --closed UKBV $fmt" batch unknown.csv --closed UKBV --format $fmt
  run "mixed $fmt" batch mixed.csv --format $fmt
  run "mixed --type B738 $fmt" batch mixed.csv --type B738 --format $fmt
  run "mixed --closed SVZM,UKBV $fmt" batch mixed.csv --closed SVZM,UKBV --format $fmt
  run "mixed --fl 300 (above the ATR's FL250) $fmt" batch mixed.csv --fl 300 --format $fmt
  run "mixed --type B38M --fl 390 $fmt" batch mixed.csv --type B38M --fl 390 --format $fmt
  run "mixed --wind 270/400 $fmt" batch mixed.csv --wind 270/400 --format $fmt
  run "mixed --wind 090/150 --isa-dev-k 15 $fmt" batch mixed.csv --wind 090/150 --isa-dev-k 15 --format $fmt
  run "mixed --wind grid file $fmt" batch mixed.csv --wind "$jan" --format $fmt
  run "mixed --wind bundled climatology $fmt" batch mixed.csv --wind caribbean-north-atlantic-july --closed SVZM --format $fmt
  run "mixed --wind strong grid $fmt" batch mixed.csv --wind strong.csv --format $fmt
  run "mixed --wind strong grid --fl 200 --type E190 $fmt" batch mixed.csv --wind strong.csv --fl 200 --type E190 --format $fmt
  run "caribbean --type AT76 --wind strong grid $fmt" batch "$carib" --type AT76 --wind strong.csv --format $fmt
  run "caribbean --type AT76 --wind 270/400 $fmt" batch "$carib" --type AT76 --wind 270/400 --format $fmt
  run "caribbean --type AT76 --fl 300 $fmt (a user error)" batch "$carib" --type AT76 --fl 300 --format $fmt
  run "caribbean --wind 270/80 without --type $fmt (a user error)" batch "$carib" --wind 270/80 --format $fmt
done
for fmt in png svg; do
  run "mixed --type B38M --wind strong grid --closed SVZM $fmt --out" batch mixed.csv --type B38M --wind strong.csv --closed SVZM --format $fmt --out "@OUT@"
done
for fmt in table csv json geojson; do
  run "route AMS CUR --type B38M --closed SVZM $fmt" route AMS CUR --type B38M --closed SVZM --format $fmt
  run "route LIS SCL --type A20N --closed UKBV $fmt" route LIS SCL --type A20N --closed UKBV --format $fmt
  run "route JFK HND --type AT76 $fmt" route JFK HND --type AT76 --format $fmt
  run "route MIA AUA --type AT76 --wind 270/400 $fmt (an error)" route MIA AUA --type AT76 --wind 270/400 --format $fmt
  run "route MIA AUA --type AT76 --wind strong grid $fmt" route MIA AUA --type AT76 --wind strong.csv --format $fmt
  run "route GRU MIA --type B789 --wind grid file $fmt" route GRU MIA --type B789 --wind "$jan" --format $fmt
done
for fmt in png svg; do
  run "route LIS SCL --type A20N --closed UKBV $fmt --out" route LIS SCL --type A20N --closed UKBV --format $fmt --out "@OUT@"
done
for fmt in csv geojson; do
  run "route AMS CUR --type B38M --realistic $fmt (a user error)" route AMS CUR --type B38M --realistic --format $fmt
done
run "route AMS CUR --type B38M --realistic png --out (a user error)" route AMS CUR --type B38M --realistic --format png --out "@OUT@"
for fmt in table json; do
  run "route LIS SCL --type A20N --realistic --closed UKBV $fmt" route LIS SCL --type A20N --realistic --closed UKBV --format $fmt
  run "route AMS CUR --type B38M --realistic --wind 270/80 --closed SVZM $fmt" route AMS CUR --type B38M --realistic --wind 270/80 --closed SVZM --format $fmt
done
echo "$n comparisons, $([ $fail = 0 ] && echo 'all the same' || echo 'SOME DIFFERENT')"
exit $fail
