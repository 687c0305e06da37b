#!/usr/bin/env bash
# PostGIS test (ctest postgis_io): starts a throwaway PostgreSQL 15 + PostGIS 3 server on a Unix
# socket in a new folder under /tmp (pg_cluster.sh), then
#   - embedded city: one run writes the GeoPackage and the database (output.postgres); every table
#     equals the GeoPackage's, row for row, and layer_styles holds its QGIS styles as QGIS does
#     (compare_gpkg_pg.py); a second run without --overwrite is refused (exit 6, naming the tables,
#     no password printed) and changes nothing; an absent schema is refused; -of PostgreSQL alone
#     into another schema, and --overwrite, leave one default style per table; PyQGIS opens the
#     wards from the database styled as from the GeoPackage (check_qgis_pg_style.py, PNGs in
#     WORK/png); the wards read FROM PostGIS as the area layer, and the fly-tipping incidents
#     (format = ogr), give the same layers as the files;
#   - real data (../shared/data): British Transport Police on the Birmingham wards, the same.
# The server is always stopped (trap). Exit 0 passed, 1 failed, 77 skipped (no server, PostGIS,
# GDAL python or PyQGIS).
#   run_postgis_test.sh HOTSPOT_BINARY WORK_DIR
set -u
[ $# -eq 2 ] || { echo "usage: $0 HOTSPOT_BINARY WORK_DIR" >&2; exit 2; }
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HOTSPOT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
mkdir -p "$2" || exit 1
WORK=$(cd "$2" && pwd)
HERE="$ROOT/tests/postgis"
/usr/bin/python3 -c "from osgeo import ogr" 2>/dev/null || { echo "SKIP: python3-gdal not installed"; exit 77; }
/usr/bin/python3 -c "import qgis.core" 2>/dev/null || { echo "SKIP: PyQGIS not installed (python3-qgis)"; exit 77; }
command -v ogr2ogr >/dev/null || { echo "SKIP: ogr2ogr not installed (gdal-bin)"; exit 77; }
export QT_QPA_PLATFORM=offscreen
if [ -z "${XDG_RUNTIME_DIR:-}" ]; then
    export XDG_RUNTIME_DIR="$WORK/xdg-runtime"
    mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
fi

source "$HERE/pg_cluster.sh"
trap pg_cluster_stop EXIT
pg_cluster_start || exit 1
failed=0
check() {  # check LABEL COMMAND...: runs the command, prints OK or FAILED
    local label=$1
    shift
    echo "== $label"
    if "$@"; then echo "== $label: OK"; else echo "== $label: FAILED"; failed=1; fi
}
compare() { /usr/bin/python3 "$HERE/compare_gpkg_pg.py" "$@"; }
sql() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }

# expect_refusal CODE TEXT COMMAND...: exit CODE (6 output, 3 input), TEXT in the message, the
# password never shown.
expect_refusal() {
    local code=$1 text=$2 out rc
    shift 2
    out=$("$@" 2>&1)
    rc=$?
    echo "$out" | tail -2
    if [ "$rc" -ne "$code" ]; then echo "FAIL: exit $rc, expected $code"; return 1; fi
    if ! grep -qF -- "$text" <<<"$out"; then echo "FAIL: the message does not say '$text'"; return 1; fi
    if grep -qF "topsecret" <<<"$out"; then echo "FAIL: the password is printed"; return 1; fi
}

# same_layers A.gpkg B.gpkg LAYER...: the layers' rows are equal (fid, attributes, geometry).
same_layers() {
    /usr/bin/python3 - "$@" <<'PY'
import sys
sys.path.insert(0, sys.argv[0] and __import__("os").environ["HERE"])
from compare_gpkg_pg import rows_digest
from osgeo import ogr
a, b = ogr.Open(sys.argv[1]), ogr.Open(sys.argv[2])
bad = 0
for name in sys.argv[3:]:
    (da, na), (db, nb) = rows_digest(a.GetLayerByName(name)), rows_digest(b.GetLayerByName(name))
    print(f"  {name}: {na} and {nb} rows, {'same' if da == db else 'DIFFERENT'}")
    bad |= da != db or na != nb
sys.exit(bad)
PY
}
export HERE

# ---- embedded city
CITY="$ROOT/geodata/hotspot.ini"
NO_EXTRAS=(--set output.mbtiles= --set output.xyz= --set output.density= --set output.pmtiles=)
if pg_new_database city; then
    CONN="PG:dbname=city host=$PGHOST user=hotspot"
    start=$(date +%s)
    check "city: one run into the GeoPackage and PostGIS" \
        "$HOTSPOT" run -q -c "$CITY" "${NO_EXTRAS[@]}" --overwrite -o "$WORK/city.gpkg" --set "output.postgres=$CONN"
    echo "   (run with the copy: $(( $(date +%s) - start )) s)"
    check "city: every table and style as in the GeoPackage" compare "$WORK/city.gpkg" "$CONN" public city
    run_id=$(sql city "SELECT value FROM run_report WHERE key = 'run_id'")
    check "city: existing tables refused without --overwrite" expect_refusal 6 "already has the tables" \
        "$HOTSPOT" run -q -c "$CITY" "${NO_EXTRAS[@]}" -of PostgreSQL -o "$CONN password=topsecret"
    check "city: the refused run changed nothing" test "$(sql city "SELECT value FROM run_report WHERE key = 'run_id'")" = "$run_id"
    check "city: an absent schema refused" expect_refusal 6 "has no schema" \
        "$HOTSPOT" run -q -c "$CITY" "${NO_EXTRAS[@]}" -of PostgreSQL -o "$CONN password=topsecret" --schema nowhere
    check "city: a bad connection names it, without the password" expect_refusal 6 "dbname=nosuchdb" \
        "$HOTSPOT" run -q -c "$CITY" "${NO_EXTRAS[@]}" -of PostgreSQL -o "PG:dbname=nosuchdb host=$PGHOST password=topsecret"
    sql city "CREATE SCHEMA analysis"
    check "city: -of PostgreSQL alone, schema analysis" \
        "$HOTSPOT" run -q -c "$CITY" "${NO_EXTRAS[@]}" -of PostgreSQL -o "$CONN" --schema analysis
    check "city: schema analysis as the GeoPackage" compare "$WORK/city.gpkg" "$CONN" analysis city --fields-only run_report
    check "city: --overwrite replaces the tables" \
        "$HOTSPOT" run -q -c "$CITY" "${NO_EXTRAS[@]}" -of PostgreSQL -o "$CONN" --overwrite
    check "city: replaced tables as the GeoPackage" compare "$WORK/city.gpkg" "$CONN" public city --fields-only run_report
    check "city: one default style per table after replacing" test \
        "$(sql city "SELECT count(*) FROM public.layer_styles WHERE useasdefault GROUP BY f_table_schema, f_table_name ORDER BY 1 DESC LIMIT 1")" = 1
    check "city: PyQGIS opens the wards from PostGIS styled" \
        /usr/bin/python3 "$HERE/check_qgis_pg_style.py" "$WORK/city.gpkg" "$PGHOST" city public wards "$WORK/png"
    check "city: PyQGIS opens the incidents from PostGIS styled" \
        /usr/bin/python3 "$HERE/check_qgis_pg_style.py" "$WORK/city.gpkg" "$PGHOST" city analysis incidents "$WORK/png"
    # Input: the wards read from PostGIS as the area layer.
    sql city "CREATE SCHEMA inputs"
    check "city: boundaries loaded into PostGIS with ogr2ogr" ogr2ogr -f PostgreSQL "$CONN" "$ROOT/geodata/boundaries.gpkg" wards \
        -nln inputs.wards -preserve_fid
    check "city: a run with the wards from PostGIS" \
        "$HOTSPOT" run -q -c "$CITY" "${NO_EXTRAS[@]}" --overwrite -o "$WORK/city_pg_input.gpkg" \
        --set "area.wards.path=$CONN password=topsecret" --set area.wards.layer=inputs.wards
    check "city: the same layers as with the wards from the file" same_layers "$WORK/city.gpkg" "$WORK/city_pg_input.gpkg" \
        wards wards_periods neighbourhoods incidents rejects outside_study_area
    check "city: the run report names the database, not the password" \
        bash -c "! ogrinfo -q -sql \"SELECT value FROM run_report\" '$WORK/city_pg_input.gpkg' | grep -q topsecret"
    # Input: the fly-tipping incidents read from PostGIS (format = ogr) instead of their CSV.
    check "city: fly-tipping loaded into PostGIS with ogr2ogr" ogr2ogr -f PostgreSQL "$CONN" \
        /vsigzip/"$ROOT/geodata/flytipping/brindleford_flytipping_2022-04_2025-03.csv.gz" -oo X_POSSIBLE_NAMES=easting \
        -oo Y_POSSIBLE_NAMES=northing -a_srs EPSG:27700 -nln inputs.flytipping -nlt POINT
    /usr/bin/python3 - "$ROOT/geodata" "$CONN password=topsecret" >"$WORK/pg_incidents.ini" <<'PY'
import re, sys
geodata, conn = sys.argv[1:3]
text = open(geodata + "/hotspot.ini").read()
text = re.sub(r"^path = (?!/)", "path = " + geodata + "/", text, flags=re.M)
block = ("[input.flytipping]\nformat = ogr\npath = " + conn + "\nlayer = inputs.flytipping\ndate = date_reported\n"
         "date_format = DD/MM/YYYY\nfixed_category = Fly-tipping\nid = reference\nlocation = land_type\n")
text, n = re.subn(r"\[input\.flytipping\]\n(?:.*\n)*?(?=\n\[)", block, text)
assert n == 1, "no [input.flytipping] section in hotspot.ini"
print(text)
PY
    check "city: a run with the fly-tipping from PostGIS" \
        "$HOTSPOT" run -q -c "$WORK/pg_incidents.ini" "${NO_EXTRAS[@]}" --overwrite -o "$WORK/city_pg_incidents.gpkg"
    check "city: the same areas as with the fly-tipping CSV" same_layers "$WORK/city.gpkg" "$WORK/city_pg_incidents.gpkg" \
        wards wards_periods neighbourhoods neighbourhoods_periods
    check "city: the incidents name the database, not the password" \
        bash -c "! ogrinfo -q -sql \"SELECT source_file FROM incidents\" '$WORK/city_pg_incidents.gpkg' | grep -q topsecret"
    check "city: a PostGIS area layer that is not there is named" expect_refusal 3 "has no layer 'inputs.nothing'" \
        "$HOTSPOT" run -q -c "$CITY" "${NO_EXTRAS[@]}" --overwrite -o "$WORK/none.gpkg" \
        --set "area.wards.path=$CONN password=topsecret" --set area.wards.layer=inputs.nothing
else
    echo "FAIL: cannot create the city database"; failed=1
fi

# ---- real data: British Transport Police on the Birmingham wards
SHARED="$ROOT/../shared/data"
BTP="$SHARED/crime/btp_street_2022-10_2025-01"
WARDS="$SHARED/boundaries/birmingham_wards_2018.gpkg"
if [ -d "$BTP" ] && [ -f "$WARDS" ]; then
    if pg_new_database birmingham; then
        CONN="PG:dbname=birmingham host=$PGHOST user=hotspot"
        check "birmingham: one run into the GeoPackage and PostGIS" "$HOTSPOT" run -q --overwrite --police "$BTP" \
            --area "wards=$WARDS,id=code,name=ward_name" -o "$WORK/btp.gpkg" --set "output.postgres=$CONN"
        check "birmingham: every table and style as in the GeoPackage" compare "$WORK/btp.gpkg" "$CONN" public birmingham
        check "birmingham: PyQGIS opens the wards from PostGIS styled" \
            /usr/bin/python3 "$HERE/check_qgis_pg_style.py" "$WORK/btp.gpkg" "$PGHOST" birmingham public wards "$WORK/png_birmingham"
        sql birmingham "CREATE SCHEMA inputs"
        check "birmingham: wards loaded into PostGIS" ogr2ogr -f PostgreSQL "$CONN" "$WARDS" -nln inputs.wards -preserve_fid
        check "birmingham: a run with the wards from PostGIS" "$HOTSPOT" run -q --overwrite --police "$BTP" \
            --area "wards=$CONN,layer=inputs.wards,id=code,name=ward_name" -o "$WORK/btp_pg_input.gpkg"
        check "birmingham: the same layers as with the wards from the file" same_layers "$WORK/btp.gpkg" "$WORK/btp_pg_input.gpkg" \
            wards wards_periods incidents rejects outside_study_area
    else
        echo "FAIL: cannot create the birmingham database"; failed=1
    fi
else
    echo "SKIP: ../shared/data absent: the Birmingham PostGIS part did not run"
fi
[ "$failed" -eq 0 ] && echo "PASS" || echo "FAILED"
exit "$failed"
