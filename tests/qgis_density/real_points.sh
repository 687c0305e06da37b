#!/usr/bin/env bash
# QGIS heatmap parity on real projected points, read from each format QGIS reads them from:
# three months of Merseyside police.uk incidents joined to the Liverpool LSOAs by `hotspot join`
# (full-precision British National Grid coordinates), then ogr2ogr to a GeoPackage, a
# Shapefile, GeoJSON and a CSV with X/Y columns. QGIS (PyQGIS) runs its heatmap on each
# (CSV as a delimited-text layer, the others through OGR) and hotspot `density --align qgis`
# on the same file must match it bit for bit: that needs the grid origin QGIS takes from the
# layer extent (a GeoPackage's rounded to 15 significant digits by GDAL). Control: QGIS on the
# GeoPackage against hotspot on the GeoJSON copy of the same points (whose extent is exact)
# must differ, or the test could not see the rounding.
#
#   real_points.sh HOTSPOT_BINARY WORK_DIR      (called by run_parity.sh; PyQGIS checked there)
#
# Prints one line per case and finishes with "N passed, M failed"; exit 77 with a SKIP line
# when ../shared/data is absent.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
HOTSPOT=$1
mkdir -p "$2" || exit 1
WORK=$(cd "$2" && pwd)
PY=/usr/bin/python3
DATA=$(cd "$HERE/../.." && pwd)/../shared/data
MONTHS="$DATA/crime/merseyside_street_2022-10_2025-09/2025-0[789]-merseyside-street.csv.gz"
LSOA=$DATA/boundaries/liverpool_lsoa11.gpkg
if ! ls $MONTHS >/dev/null 2>&1 || [ ! -f "$LSOA" ]; then
    echo "SKIP real points: ../shared/data (Merseyside 2025-07..09, Liverpool LSOAs) is absent"
    exit 77
fi
passed=0
failed=0

# ---- the points, in each format --------------------------------------------------------------
JOINED=$WORK/joined.gpkg
if ! "$HOTSPOT" join --overwrite --police "$MONTHS" --area "lsoa=$LSOA,id=LSOA11CD" -o "$JOINED" -q >"$WORK/join.log" 2>&1; then
    echo "FAIL: hotspot join failed:"; sed 's/^/    /' "$WORK/join.log"; echo "0 passed, 1 failed"; exit 1
fi
rm -rf "$WORK/points.gpkg" "$WORK/points.shp" "$WORK/points.shx" "$WORK/points.dbf" "$WORK/points.prj" "$WORK/points.cpg" \
    "$WORK/points.geojson" "$WORK/points.csv"
ogr2ogr -f GPKG "$WORK/points.gpkg" "$JOINED" incidents -nln points -select month,category &&
    ogr2ogr -f "ESRI Shapefile" "$WORK/points.shp" "$JOINED" incidents -select month,category &&
    ogr2ogr -f GeoJSON "$WORK/points.geojson" "$JOINED" incidents -select month,category &&
    ogr2ogr -f CSV "$WORK/points.csv" "$JOINED" incidents -select month,category -lco GEOMETRY=AS_XY ||
    { echo "FAIL: ogr2ogr failed"; echo "0 passed, 1 failed"; exit 1; }
echo "== real points: $(ogrinfo -so -al "$WORK/points.gpkg" | sed -n 's/^Feature Count: //p') Merseyside incidents (2025-07..09) inside the Liverpool LSOAs' extent"

# ---- the cases: name kernel decay values radius pixel out qgis_layer weight_field -------------
# qgis_layer is PROVIDER:URI as QGIS opens it; ours are the matching hotspot --input specs.
CASES=$WORK/cases.tsv
: >"$CASES"
declare -A OURS
add_case() {  # name values radius pixel qgis_layer hotspot_input
    printf '%s\tquartic\t0\t%s\t%s\t%s\t%s\t%s\t-\n' "$1" "$2" "$3" "$4" "$WORK/qgis_$1.tif" "$5" >>"$CASES"
    OURS[$1]=$6
}
fields="date=month,category=category"
add_case gpkg_raw_r200_p10 raw 200 10 "ogr:$WORK/points.gpkg|layername=points" "p=$WORK/points.gpkg,format=ogr,$fields"
add_case gpkg_scaled_r155_p20 scaled 155 20 "ogr:$WORK/points.gpkg|layername=points" "p=$WORK/points.gpkg,format=ogr,$fields"
add_case shp_raw_r200_p10 raw 200 10 "ogr:$WORK/points.shp" "p=$WORK/points.shp,format=ogr,$fields"
add_case geojson_raw_r200_p10 raw 200 10 "ogr:$WORK/points.geojson" "p=$WORK/points.geojson,format=ogr,$fields"
add_case csv_raw_r200_p10 raw 200 10 \
    "delimitedtext:file://$WORK/points.csv?type=csv&xField=X&yField=Y&crs=EPSG:27700&detectTypes=yes&geomType=point" \
    "p=$WORK/points.csv,format=csv,s_srs=EPSG:27700,x=X,y=Y,$fields"

echo "== QGIS on each format"
rm -f "$WORK"/qgis_*.tif
$PY "$HERE/qgis_heatmap.py" - "$CASES" >"$WORK/qgis.log" 2>"$WORK/qgis.err" || { echo "QGIS runner failed:"; tail -20 "$WORK/qgis.err"; }

# Bit for bit: --rel-tol 0. The grid origin is printed so a failure shows which extent we took.
printf '%-24s %-4s %-10s %-16s %s\n' case ok max_rel bitwise_diff "our grid from"
ours_for() {  # name values radius pixel input -> $WORK/ours_name.tif
    local values=$2
    [ "$values" = scaled ] && values=qgis_scaled
    "$HOTSPOT" density --overwrite --input "$5" --kernel quartic --bandwidth "$3" --cell "$4" --values "$values" --align qgis \
        -o "$WORK/ours_$1.tif" --threads 2 >"$WORK/ours_$1.log" 2>&1
}
while IFS=$'\t' read -r name kernel decay values radius pixel qgis_tif layer weight; do
    if ! ours_for "$name" "$values" "$radius" "$pixel" "${OURS[$name]}"; then
        echo "$name: FAIL hotspot density failed:"; sed 's/^/    /' "$WORK/ours_$name.log"; failed=$((failed + 1)); continue
    fi
    if [ ! -f "$qgis_tif" ]; then
        echo "$name: FAIL QGIS wrote no output ($(grep "^$name " "$WORK/qgis.log"))"; failed=$((failed + 1)); continue
    fi
    IFS=$'\t' read -r ok max_abs max_rel bitwise cells skipped reasons < <($PY "$HERE/compare.py" --tsv --rel-tol 0 --label "$name" "$qgis_tif" "$WORK/ours_$name.tif")
    [ -n "$ok" ] || ok=FAIL reasons="compare.py failed"
    printf '%-24s %-4s %-10s %-16s %s\n' "$name" "$ok" "$max_rel" "$bitwise/$cells" "$(sed -n 's/^QGIS grid from: //p' "$WORK/ours_$name.log")"
    if [ "$ok" = PASS ]; then passed=$((passed + 1)); else echo "    $reasons"; failed=$((failed + 1)); fi
done <"$CASES"

# ---- control: the GeoPackage's rounded extent must matter ------------------------------------
if [ -f "$WORK/qgis_gpkg_raw_r200_p10.tif" ] && [ -f "$WORK/ours_geojson_raw_r200_p10.tif" ]; then
    if $PY "$HERE/compare.py" --rel-tol 0 --label control "$WORK/qgis_gpkg_raw_r200_p10.tif" "$WORK/ours_geojson_raw_r200_p10.tif" >"$WORK/control.log"; then
        echo "control (QGIS on the GeoPackage vs ours on the GeoJSON copy, exact extent): FAIL no difference seen"
        failed=$((failed + 1))
    else
        echo "control (QGIS on the GeoPackage vs ours on the GeoJSON copy, exact extent): PASS ($(sed 's/.*PASS //; s/.*FAIL //' "$WORK/control.log"))"
        passed=$((passed + 1))
    fi
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
