#!/usr/bin/env bash
# R spdep parity test: `hotspot stats` Gi*, Local Moran's I and global Moran's I against spdep
# 1.2 (localG with include.self and binary weights, localmoran and moran.test with
# row-standardised weights), recomputed in R from each output's own unit centres and values
# (or polygons, for queen contiguity) by parity.R. Cases:
#   a            embedded city (geodata/hotspot.ini), 250 m grid, band 750 m
#   a_isolates   the same cells, occupied ones only, band 250 m: 45 units without neighbours
#                (Gi* and Local Moran NULL there; moran.test's n less those units)
#   b_queen      embedded city, neighbourhood polygons, queen contiguity (poly2nb)
#   b_knn        embedded city, ward polygons, 5 nearest centroids (knearneigh)
#   b_queen_rate embedded city, neighbourhoods, queen contiguity, --value rate (per 1,000 residents)
#   d_rate       BTP police.uk files on the 69 Birmingham wards, population joined with --attributes
#                from the ward population CSV, 5 nearest, --value rate; R checks the rates
#                against that CSV (skipped when ../shared/data is absent)
#   c            Merseyside police.uk files (../shared/data beside the repository), 500 m grid,
#                band 1500 m; skipped, with a message, when that folder is absent
#
#   run_parity.sh HOTSPOT_BINARY WORK_DIR
#
# Prints each case's checks and a PASS/FAIL line per case, then "N passed, M failed". Exit 0
# when all passed, 1 on any failure, 77 (skip) when Rscript, spdep or sf is not installed.
set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 HOTSPOT_BINARY WORK_DIR" >&2
    exit 2
fi
. "$(cd "$(dirname "$0")" && pwd)/require_spdep.sh"

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHARED=$(dirname "$ROOT")/shared
HOTSPOT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -x "$HOTSPOT" ] || { echo "FAIL: hotspot binary not found or not executable: $1"; exit 1; }
mkdir -p "$2" || exit 1
WORK=$(cd "$2" && pwd)

passed=0
failed=0

# One case: run hotspot stats, then parity.R on its GeoPackage.
run_case() {  # NAME DESCRIPTION NEIGHBOURS hotspot-arguments... [-- POPULATION.csv KEY COLUMN]
    local name=$1 description=$2 neighbours=$3
    shift 3
    local args=() extra=()
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do args+=("$1"); shift; done
    [ $# -gt 0 ] && { shift; extra=("$@"); }
    set -- "${args[@]}"
    local out=$WORK/$name.gpkg
    rm -f "$out"
    echo "== $name: $description"
    if ! "$HOTSPOT" stats --overwrite "$@" --neighbours "$neighbours" -o "$out" -q >"$WORK/$name.log" 2>&1; then
        sed 's/^/    /' "$WORK/$name.log"
        echo "$name: FAIL (hotspot stats failed)"
        failed=$((failed + 1))
        return
    fi
    if Rscript "$HERE/parity.R" "$out" "$neighbours" "${extra[@]}" 2>"$WORK/$name.R.err"; then
        echo "$name: PASS"
        passed=$((passed + 1))
    else
        sed 's/^/    R: /' "$WORK/$name.R.err" | grep -v '^    R: *$' | tail -15
        echo "$name: FAIL"
        failed=$((failed + 1))
    fi
}

INI=$ROOT/geodata/hotspot.ini
run_case a "embedded city, grid 250 m, band 750 m" band:750 -c "$INI" --units grid --cell 250
run_case a_isolates "embedded city, occupied 250 m cells only, band 250 m (units without neighbours)" band:250 \
    -c "$INI" --units grid --cell 250 --fishnet-cells occupied
run_case b_queen "embedded city, neighbourhoods, queen contiguity" queen -c "$INI" --units neighbourhoods
run_case b_knn "embedded city, wards, 5 nearest" knn:5 -c "$INI" --units wards
run_case b_queen_rate "embedded city, neighbourhoods, queen contiguity, incidents per 1,000 residents" queen \
    -c "$INI" --units neighbourhoods --value rate

MERSEYSIDE=$SHARED/data/crime/merseyside_street_2022-10_2025-09
if [ -d "$MERSEYSIDE" ]; then
    run_case c "Merseyside police.uk 2022-10..2025-09, grid 500 m, band 1500 m" band:1500 \
        --police "$MERSEYSIDE" --units grid --cell 500
else
    echo "c: SKIP: $MERSEYSIDE is absent (the shared data sits beside the repository)"
fi

BTP=$SHARED/data/crime/btp_street_2022-10_2025-01
WARDPOP=$SHARED/data/derived/birmingham_ward2022_population_from_lsoa21_bestfit.csv
if [ -d "$BTP" ]; then
    run_case d_rate "BTP on the 69 Birmingham wards, population from --attributes, 5 nearest, per 1,000 residents" knn:5 \
        --police "$BTP" --area "wards=$SHARED/data/boundaries/birmingham_wards_2018.gpkg,id=code,name=ward_name" \
        --attributes "wards=$WARDPOP,key=WD22CD,fields=WD22NM,population=usual_residents_census2021_TS001" \
        --units wards --value rate -- "$WARDPOP" WD22CD usual_residents_census2021_TS001
else
    echo "d_rate: SKIP: $BTP is absent (the shared data sits beside the repository)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
