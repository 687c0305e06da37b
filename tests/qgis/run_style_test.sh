#!/usr/bin/env bash
# QGIS style test (used by ctest): runs hotspot, then checks with PyQGIS that QGIS applies
# the default styles from layer_styles (renderer type, class counts, CRS) and renders
# every geometry layer to PNG (kept in WORK/png_*), and that it applies a density surface's
# sidecar .qml when it opens the GeoTIFF (check_raster_style.py).
#
#   run_style_test.sh HOTSPOT_BINARY WORK_DIR
#
# Two independent parts:
#   - real data: if <repo>/../shared/data exists, one month of Merseyside street crime on
#     the Liverpool LSOAs (counts, and rates with a stand-in "population" whose rates
#     have many decimals); all 28 months of British Transport Police on the Birmingham
#     wards and LSOAs (counts, sites, density); all 36 months of Merseyside on the LSOAs;
#   - embedded data: if <repo>/geodata/hotspot.ini exists, the demo analysis
#     (wards and neighbourhoods, both with population).
# Exit 0 when every part that ran passed, 1 on a failure, 77 (skip) when PyQGIS is not
# installed or neither part could run.
set -u

if [ $# -ne 2 ]; then
    echo "usage: $0 HOTSPOT_BINARY WORK_DIR" >&2
    exit 2
fi
if ! /usr/bin/python3 -c "import qgis.core" >/dev/null 2>&1; then
    echo "SKIP: PyQGIS not installed (apt-get install python3-qgis qgis-providers)"
    exit 77
fi

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HOTSPOT=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
mkdir -p "$2" || exit 1
WORK=$(cd "$2" && pwd)
if [ ! -x "$HOTSPOT" ]; then
    echo "FAIL: hotspot binary not found or not executable: $1"
    exit 1
fi
CHECK="$ROOT/tests/qgis/check_styles.py"
export QT_QPA_PLATFORM=offscreen
if [ -z "${XDG_RUNTIME_DIR:-}" ]; then  # keeps Qt from warning about it
    export XDG_RUNTIME_DIR="$WORK/xdg-runtime"
    mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
fi

ran=0
failed=0

# check_part LABEL GPKG [--layer ...]...: check a GeoPackage hotspot has just written.
check_part() {
    local label=$1 gpkg=$2
    shift 2
    echo "== $label: check_styles.py $gpkg $*"
    if /usr/bin/python3 "$CHECK" "$gpkg" "$@" --render "$WORK/png_$label"; then
        echo "== $label: OK"
    else
        echo "== $label: FAILED"
        failed=1
    fi
}

# run_part LABEL RUN_ARGS... -- CHECK_ARGS...: `hotspot run` into WORK/LABEL.gpkg, then check_part.
run_part() {
    local label=$1 run_args=()
    shift
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do
        run_args+=("$1")
        shift
    done
    shift
    if "$HOTSPOT" run --overwrite -q -o "$WORK/$label.gpkg" "${run_args[@]}"; then
        check_part "$label" "$WORK/$label.gpkg" "$@"
    else
        echo "== $label: FAILED (hotspot run exited non-zero)"
        failed=1
    fi
}

# check_raster LABEL SURFACE.tif [--density]: QGIS applies the sidecar .qml when it opens the surface.
check_raster() {
    local label=$1 tif=$2
    shift 2
    echo "== $label: check_raster_style.py $tif $*"
    if /usr/bin/python3 "$ROOT/tests/qgis/check_raster_style.py" "$tif" --work "$WORK/raster_$label" "$@"; then
        echo "== $label: OK"
    else
        echo "== $label: FAILED"
        failed=1
    fi
}

SHARED="$ROOT/../shared/data"
if [ -d "$SHARED" ]; then
    ran=1
    LSOA11="$SHARED/boundaries/liverpool_lsoa11.gpkg,id=LSOA11CD,name=LSOA11NM"
    # 2023-03 with population=Shape__Len gives a top rate (133.51763519... in the month, x 12 =
    # 1602.2116... per year, as the one-month headline period is annualised) that a range
    # bound rounded to 6 decimals would leave undrawn.
    run_part real --police "$SHARED/crime/merseyside_street_2022-10_2025-09/2023-03-merseyside-street.csv.gz" \
        --area "lsoa=$LSOA11" --area "lsoa_rate=$LSOA11,population=Shape__Len" -- \
        --layer incidents:categorized --layer lsoa:graduated:count:6 --layer lsoa_rate:graduated:rate_per_1000:6 \
        --labelled lsoa:area_name --labelled lsoa_rate:area_name
    # Issue 10: the whole real inputs. British Transport Police (national, zero-heavy: most
    # Birmingham wards and LSOAs have no incident, New Street station has hundreds) on the
    # Birmingham wards and the Birmingham-Solihull LSOAs; Merseyside (36 months, skewed) on
    # the Liverpool LSOAs. Neither has a population: the maps show counts.
    BTP="$SHARED/crime/btp_street_2022-10_2025-01"
    WARDS="wards=$SHARED/boundaries/birmingham_wards_2018.gpkg,id=code,name=ward_name"
    run_part btp --police "$BTP" --area "$WARDS" --area "lsoa=$SHARED/boundaries/bsol_lsoa21.gpkg,id=LSOA21,name=LSOA21NM" -- \
        --layer incidents:categorized --layer wards:graduated:count:6 --layer lsoa:graduated:count:6 \
        --labelled wards:area_name --labelled lsoa:area_name
    run_part merseyside --police "$SHARED/crime/merseyside_street_2022-10_2025-09" --area "lsoa=$LSOA11" -- \
        --layer incidents:categorized --layer lsoa:graduated:count:6 --labelled lsoa:area_name
    if "$HOTSPOT" sites --overwrite -q -o "$WORK/btp_sites.gpkg" --police "$BTP" --area "$WARDS" --count 8 >/dev/null &&
        "$HOTSPOT" density --overwrite -q -o "$WORK/btp_density.tif" --police "$BTP" --area "$WARDS" --bandwidth 300 \
            --cell 25 --classes "" >/dev/null; then
        check_part btp_sites "$WORK/btp_sites.gpkg" --layer sites:single --labelled sites:rank \
            --layer hotspots:graduated:weighted_incidents:6
        check_raster btp_density "$WORK/btp_density.tif" --density
    else
        echo "== btp sites/density: FAILED (hotspot exited non-zero)"
        failed=1
    fi
    # Camera placement (issue 12): 25 m grid candidates in five Liverpool city-centre LSOAs.
    if "$HOTSPOT" place --overwrite -q -o "$WORK/place.gpkg" --police "$SHARED/crime/merseyside_street_2022-10_2025-09" \
            --area "lsoa=$LSOA11" \
            --within "lsoa=Liverpool 060A;Liverpool 061A;Liverpool 062A;Liverpool 062B;Liverpool 062C" \
            --candidates grid:25 --count 5 --radius 100 >/dev/null; then
        check_part place "$WORK/place.gpkg" --layer placement_sites:graduated:gain:5 --labelled placement_sites:rank \
            --layer placement_coverage:single --labelled placement_coverage:rank \
            --layer covered_incidents:graduated:weight:6 --layer candidate_gains:graduated:covers_alone:6
    else
        echo "== place: FAILED (hotspot place exited non-zero)"
        failed=1
    fi
    # Emerging hot spots (issue 13): 250 m cells over Liverpool, 36 months, band 500 m.
    if "$HOTSPOT" emerging --overwrite -q -o "$WORK/emerging.gpkg" --police "$SHARED/crime/merseyside_street_2022-10_2025-09" \
            --area "lsoa=$LSOA11" --study-area lsoa --cell 250 --band 500 >/dev/null; then
        check_part emerging "$WORK/emerging.gpkg" --layer emerging_hot_spots:categorized:category:fixed
    else
        echo "== emerging: FAILED (hotspot emerging exited non-zero)"
        failed=1
    fi
else
    echo "SKIP: ../shared/data absent: the real-data style checks (BTP/Birmingham, Merseyside) did not run"
fi

if [ -f "$ROOT/geodata/hotspot.ini" ]; then
    ran=1
    out="$WORK/demo.gpkg"
    # Run from the repository root: the config's paths are written from there.
    if (cd "$ROOT" && "$HOTSPOT" run --overwrite -c geodata/hotspot.ini -o "$out" -q); then
        check_part demo "$out" --layer incidents:categorized --layer wards:graduated:rate_per_1000:6 \
            --layer neighbourhoods:graduated:rate_per_1000:6 --labelled wards:area_name --labelled neighbourhoods:area_name
    else
        echo "== demo: FAILED (hotspot run exited non-zero)"
        failed=1
    fi
    # Sites, hotspots and the classed density surface (issue 3 outputs).
    if (cd "$ROOT" && "$HOTSPOT" sites --overwrite -c geodata/hotspot.ini --category "Anti-social behaviour" \
            --within "wards=Ashcombe;Wexley Green;Billingford;Ladymead" -o "$WORK/sites.gpkg" -q &&
        "$HOTSPOT" density --overwrite -c geodata/hotspot.ini --category "Anti-social behaviour" --bandwidth 200 --cell 20 \
            -o "$WORK/asb.tif" -q >/dev/null); then
        check_part sites "$WORK/sites.gpkg" --layer sites:single --labelled sites:rank \
            --layer hotspots:graduated:weighted_incidents:6
        check_part classes "$WORK/asb_classes.gpkg" --layer density_classes:graduated:heat:3
        check_raster asb "$WORK/asb.tif" --density
        if (cd "$ROOT" && "$HOTSPOT" density --overwrite -c geodata/hotspot.ini --category "Anti-social behaviour" --bandwidth 200 \
                --cell 20 --align qgis --values raw --classes "" -o "$WORK/asb_qgis.tif" -q >/dev/null); then
            check_raster asb_qgis "$WORK/asb_qgis.tif"
        else
            echo "== asb_qgis: FAILED (hotspot density --align qgis exited non-zero)"
            failed=1
        fi
    else
        echo "== sites/density: FAILED (hotspot exited non-zero)"
        failed=1
    fi
    # Gi* bins and LISA clusters (issue 4 outputs): fixed 7-class and quadrant legends.
    if (cd "$ROOT" && "$HOTSPOT" stats --overwrite -c geodata/hotspot.ini --category "Anti-social behaviour" --units grid --cell 200 \
            --neighbours band:600 --permutations 99 --grid-output both -o "$WORK/stats.gpkg" -q >/dev/null &&
        "$HOTSPOT" stats --overwrite -c geodata/hotspot.ini --units wards --neighbours queen --fdr --permutations 99 -o "$WORK/stats_wards.gpkg" -q >/dev/null); then
        check_part stats "$WORK/stats.gpkg" --layer gistar:categorized:gi_bin:fixed --layer lisa:categorized:cluster:fixed
        check_raster gi_z "$WORK/stats_gi_z.tif"
        check_raster gi_bin "$WORK/stats_gi_bin.tif"
        check_part stats_wards "$WORK/stats_wards.gpkg" --layer gistar:categorized:gi_bin_fdr:fixed --layer lisa:categorized:cluster_fdr:fixed
    else
        echo "== stats: FAILED (hotspot exited non-zero)"
        failed=1
    fi
else
    echo "SKIP: geodata/hotspot.ini absent"
fi

if [ "$failed" -ne 0 ]; then
    exit 1
fi
if [ "$ran" -eq 0 ]; then
    exit 77
fi
exit 0
