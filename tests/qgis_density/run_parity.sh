#!/usr/bin/env bash
# QGIS heatmap parity test: `hotspot density --align qgis` against QGIS's own
# "Heatmap (Kernel Density Estimation)" (qgis:heatmapkerneldensityestimation) on the same
# GeoPackage, for every QGIS kernel, both output values and three radius/pixel combinations:
#   200 / 10    radius a whole number of pixels (buffer 20, no round-up)
#   155 / 20    remainder 15 > 0.5: the buffer is rounded up (7 -> 8 pixels)
#   100.4 / 10  remainder 0.4 <= 0.5: no round-up, so QGIS's block (10 pixels) misses cells the
#               radius reaches; we must miss the same ones
# Plus one case on the same points with 17-significant-digit weights (quartic raw 200/10): it
# must pass at float32 precision; its bitwise count shows whether the weights reach the kernel
# as the same doubles QGIS reads (hotspot's OGR reader takes fields as "%.15g" text: GDAL 3.6).
# Then a per_km2 sanity check (hotspot grid): one point, grid sum x cell area / 1e6 = 1 (1%)
# for every kernel including gaussian. Last, real projected points (Merseyside) from a
# GeoPackage, a Shapefile, GeoJSON and a CSV, bit for bit (real_points.sh; skipped visibly
# without ../shared/data).
#
#   run_parity.sh HOTSPOT_BINARY WORK_DIR
#
# Prints one line per case and finishes with "N passed, M failed". Exit 0 when all passed,
# 1 on any failure, 77 (skip) when PyQGIS is not installed.
set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 HOTSPOT_BINARY WORK_DIR" >&2
    exit 2
fi
if ! /usr/bin/python3 -c "import qgis.core" >/dev/null 2>&1; then
    echo "SKIP: PyQGIS not installed"
    exit 77
fi

HERE=$(cd "$(dirname "$0")" && pwd)
HOTSPOT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -x "$HOTSPOT" ] || { echo "FAIL: hotspot binary not found or not executable: $1"; exit 1; }
mkdir -p "$2" || exit 1
WORK=$(cd "$2" && pwd)
PY=/usr/bin/python3
export QT_QPA_PLATFORM=offscreen
if [ -z "${XDG_RUNTIME_DIR:-}" ]; then  # keeps Qt from warning about it
    export XDG_RUNTIME_DIR="$WORK/xdg-runtime"
    mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
fi

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); }

# ---- the points ---------------------------------------------------------------------------
POINTS=$WORK/points.gpkg
rm -f "$POINTS"
if ! $PY "$HERE/make_points.py" "$POINTS" --n 4000 --seed 20240301 2>"$WORK/make_points.log"; then
    cat "$WORK/make_points.log"
    echo "FAIL: cannot write the points"
    echo "0 passed, 1 failed"
    exit 1
fi
cat "$WORK/make_points.log"
POINTS_W17=$WORK/points_w17.gpkg
rm -f "$POINTS_W17"
$PY "$HERE/make_points.py" "$POINTS_W17" --n 4000 --seed 20240301 --long-weights 2>/dev/null || {
    echo "FAIL: cannot write the points"; echo "0 passed, 1 failed"; exit 1; }

# ---- the cases: name kernel decay values radius pixel qgis_output points -----------------------
CASES=$WORK/cases.tsv
: >"$CASES"
for rp in 200:10 155:20 100.4:10; do
    radius=${rp%%:*}
    pixel=${rp##*:}
    for kd in quartic:0 triweight:0 epanechnikov:0 uniform:0 triangular:0 triangular:0.5; do
        kernel=${kd%%:*}
        decay=${kd##*:}
        for values in raw scaled; do
            name="${kernel}_d${decay}_${values}_r${radius}_p${pixel}"
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$kernel" "$decay" "$values" "$radius" "$pixel" \
                "$WORK/qgis_$name.tif" "$POINTS" >>"$CASES"
        done
    done
done
name=quartic_d0_raw_r200_p10_weights17
printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" quartic 0 raw 200 10 "$WORK/qgis_$name.tif" "$POINTS_W17" >>"$CASES"

# ---- QGIS, all cases in one session ----------------------------------------------------------
echo "== QGIS $($PY -c 'from qgis.core import Qgis; print(Qgis.QGIS_VERSION)' 2>/dev/null)"
rm -f "$WORK"/qgis_*.tif
$PY "$HERE/qgis_heatmap.py" "$POINTS" "$CASES" >"$WORK/qgis.log" 2>"$WORK/qgis.err"
qgis_rc=$?
if [ $qgis_rc -ne 0 ]; then
    echo "QGIS runner exited with $qgis_rc (cases without an output fail below):"
    tail -20 "$WORK/qgis.err"
fi

# ---- ours and the comparison -----------------------------------------------------------------
printf '%-44s %-4s %-10s %-10s %-16s %s\n' case ok max_abs max_rel bitwise_diff "edge skipped (ours / QGIS errors)"
while IFS=$'\t' read -r name kernel decay values radius pixel qgis_tif points; do
    ours="$WORK/ours_$name.tif"
    rm -f "$ours"
    ours_values=$values
    [ "$values" = scaled ] && ours_values=qgis_scaled
    if ! "$HOTSPOT" density --overwrite --input "pts=$points,format=ogr,date=month,fixed_category=p,weight_column=w" --kernel "$kernel" --decay "$decay" --bandwidth "$radius" --cell "$pixel" \
        --values "$ours_values" --align qgis -o "$ours" -q --threads 2 >"$WORK/ours_$name.log" 2>&1; then
        echo "$name: FAIL hotspot density failed:"
        sed 's/^/    /' "$WORK/ours_$name.log"
        fail
        continue
    fi
    if [ ! -f "$qgis_tif" ]; then
        echo "$name: FAIL QGIS wrote no output ($(grep "^$name " "$WORK/qgis.log"))"
        fail
        continue
    fi
    qgis_errors=$(sed -n "s/^$name .*errors=\([0-9]*\).*/\1/p" "$WORK/qgis.log")
    IFS=$'\t' read -r ok max_abs max_rel bitwise cells skipped reasons < <($PY "$HERE/compare.py" --tsv --label "$name" "$qgis_tif" "$ours")
    [ -n "$ok" ] || ok=FAIL reasons="compare.py failed"
    # Our edge rule must skip exactly the points QGIS reported an error for.
    if [ "$ok" = PASS ] && [ "$skipped" != "${qgis_errors:-0}" ]; then
        ok=FAIL
        reasons="edge rule: we skipped $skipped points, QGIS reported $qgis_errors errors"
    fi
    printf '%-44s %-4s %-10s %-10s %-16s %s\n' "$name" "$ok" "$max_abs" "$max_rel" "$bitwise/$cells" "$skipped / ${qgis_errors:-?}"
    if [ "$ok" = PASS ]; then pass; else
        echo "    $reasons"
        fail
    fi
done <"$CASES"

# ---- control: the comparison must be able to fail (QGIS quartic vs our triweight) -------------
ctl_ref=$WORK/qgis_quartic_d0_raw_r200_p10.tif
ctl_ours=$WORK/ours_triweight_d0_raw_r200_p10.tif
if [ -f "$ctl_ref" ] && [ -f "$ctl_ours" ]; then
    if $PY "$HERE/compare.py" --label control "$ctl_ref" "$ctl_ours" >"$WORK/control.log"; then
        echo "control (QGIS quartic vs our triweight): FAIL the comparison did not notice the difference"
        fail
    else
        echo "control (QGIS quartic vs our triweight): PASS (compare.py reports: $(sed 's/.*\[//; s/\]$//' "$WORK/control.log"))"
        pass
    fi
fi

# ---- per_km2 sanity (hotspot grid): one point integrates to 1 ----------------------------------
ONE=$WORK/one_point.gpkg
rm -f "$ONE"
$PY - "$ONE" <<'EOF'
import sys
from osgeo import ogr, osr
ogr.UseExceptions()
ds = ogr.GetDriverByName("GPKG").CreateDataSource(sys.argv[1])
srs = osr.SpatialReference(); srs.ImportFromEPSG(27700)
lyr = ds.CreateLayer("points", srs, ogr.wkbPoint)
lyr.CreateField(ogr.FieldDefn("month", ogr.OFTString))
f = ogr.Feature(lyr.GetLayerDefn()); f.SetField(0, "2024-03")
g = ogr.Geometry(ogr.wkbPoint); g.AddPoint_2D(435003.7, 292001.2); f.SetGeometryDirectly(g)
lyr.CreateFeature(f)
EOF
echo "== per_km2 (hotspot grid, one point at 435003.7 292001.2, bandwidth 200 m, cell 10 m): mass must be 1 +- 1%"
for kd in quartic:0 triweight:0 epanechnikov:0 uniform:0 triangular:0 triangular:0.5 gaussian:0; do
    kernel=${kd%%:*}
    decay=${kd##*:}
    name="per_km2_${kernel}_d${decay}"
    out="$WORK/$name.tif"
    # gaussian: bandwidth is sigma; 100 m sigma truncated at 3 sd keeps the grid the same size.
    bw=200
    [ "$kernel" = gaussian ] && bw=100
    if ! "$HOTSPOT" density --overwrite --input "one=$ONE,format=ogr,date=month,fixed_category=p" --kernel "$kernel" --decay "$decay" \
        --bandwidth "$bw" --cell 10 --values per_km2 -o "$out" -q --threads 2 >"$WORK/$name.log" 2>&1; then
        echo "$name: FAIL hotspot density failed:"
        sed 's/^/    /' "$WORK/$name.log"
        fail
        continue
    fi
    # gaussian truncated at 3 sigma holds 1 - exp(-4.5) of the mass; our per_km2 constant
    # renormalises the truncated kernel, so 1 is expected for every kernel.
    if line=$($PY "$HERE/grid_mass.py" "$out" 1 0.01); then echo "$name: $line"; pass; else echo "$name: $line"; fail; fi
done

# ---- real projected points from each format QGIS reads (real_points.sh) ------------------------
bash "$HERE/real_points.sh" "$HOTSPOT" "$WORK/real" | tee "$WORK/real.log"
real_rc=${PIPESTATUS[0]}
if [ "$real_rc" -ne 77 ]; then
    line=$(tail -1 "$WORK/real.log")
    if [[ $line =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
        passed=$((passed + BASH_REMATCH[1])); failed=$((failed + BASH_REMATCH[2]))
    else
        echo "real points: FAIL (exit $real_rc)"; fail
    fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
