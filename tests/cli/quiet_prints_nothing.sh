#!/usr/bin/env bash
# -q means only warnings and errors: a successful command prints nothing on stdout (no progress,
# summary or timings) and only "hotspot: warning: ..." lines on stderr. The timings come back
# with --timings (tools/bench-* read them). Each command runs on the embedded city.
#   quiet_prints_nothing.sh HOTSPOT GEODATA_DIR WORK_DIR
set -uo pipefail
hotspot=$1 geo=$2 work=$3
rm -rf "$work" && mkdir -p "$work" || exit 1
failures=0

# quiet NAME COMMAND...: exits 0, stdout empty, stderr only warnings.
quiet() {
    local name=$1
    shift
    local start=$SECONDS
    "$@" >"$work/$name.out" 2>"$work/$name.err"
    local code=$? why=""
    [ "$code" -eq 0 ] || why="exit code $code"
    [ -s "$work/$name.out" ] && why="${why:+$why; }stdout is not empty"
    grep -qv '^hotspot: warning: ' "$work/$name.err" && why="${why:+$why; }stderr has more than warnings"
    if [ -n "$why" ]; then
        echo "FAIL $name: $why"
        sed 's/^/    out| /' "$work/$name.out" | head -20
        sed 's/^/    err| /' "$work/$name.err" | head -20
        failures=$((failures + 1))
    else
        echo "ok $name ($((SECONDS - start)) s)"
    fi
}

police=(--police "$geo/police" --area "wards=$geo/boundaries.gpkg,layer=wards,id=ward_code,name=ward_name,population=population")
no_tiles=(--set output.mbtiles= --set output.xyz= --set output.density=)
quiet join "$hotspot" join "${police[@]}" -of none -q
quiet stats "$hotspot" stats -c "$geo/hotspot.ini" --units wards --neighbours queen --statistics gistar,lisa --permutations 99 \
    -o "$work/stats.gpkg" -q
quiet density "$hotspot" density -c "$geo/hotspot.ini" --bandwidth 200 --cell 50 -o "$work/density.tif" -q
quiet run "$hotspot" run -c "$geo/hotspot.ini" "${no_tiles[@]}" -o "$work/run.gpkg" -q
quiet table "$hotspot" table -c "$geo/hotspot.ini" --csv "$work/table.csv" -of none -q
quiet trend "$hotspot" trend "${police[@]}" -o "$work/trend.gpkg" -q
quiet sites "$hotspot" sites -c "$geo/hotspot.ini" --category "Anti-social behaviour" --within "wards=Ashcombe" --count 3 \
    -o "$work/sites.gpkg" -q
if [ -f "$work/run.gpkg" ] && [ -f "$work/sites.gpkg" ]; then
    quiet report "$hotspot" report "$work/run.gpkg" "$work/sites.gpkg" -o "$work/pack.html" -q
    quiet dashboard "$hotspot" dashboard "$work/run.gpkg" --layers wards -o "$work/dashboard" -q
    quiet tiles "$hotspot" tiles "$work/run.gpkg" --layers wards --mbtiles "$work/wards.mbtiles" -q
fi

# --timings brings back the seconds under -q, and only them.
"$hotspot" join "${police[@]}" -of none -q --timings >"$work/timings.out" 2>&1
if [ "$(cat "$work/timings.out")" = "$(grep -E '^join_seconds: [0-9.]+$' "$work/timings.out")" ] && [ -s "$work/timings.out" ]; then
    echo "ok join --timings"
else
    echo "FAIL join -q --timings should print join_seconds alone:"; sed 's/^/    | /' "$work/timings.out"; failures=$((failures + 1))
fi
[ "$failures" -eq 0 ]
