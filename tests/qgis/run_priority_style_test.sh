#!/usr/bin/env bash
# ctest qgis_priority_styles: the unit test writes the priority layers of a hand-built result
# (tests/publish/priority_fixture.cpp) into WORK/priority.gpkg, and the real-data test those of
# the 793 Birmingham and Solihull LSOAs into WORK/priority_real.gpkg (when ../shared/data is
# there); check_priority.sh opens each in PyQGIS and renders WORK/png*/*.png.
#
#   run_priority_style_test.sh HOTSPOT_TESTS HOTSPOT_REALDATA_TESTS WORK_DIR
set -u
if [ $# -ne 3 ]; then
    echo "usage: $0 HOTSPOT_TESTS HOTSPOT_REALDATA_TESTS WORK_DIR" >&2
    exit 2
fi
mkdir -p "$3" || exit 1
WORK=$(cd "$3" && pwd)
HERE=$(dirname "$0")
HOTSPOT_KEEP_PRIORITY_GPKG="$WORK/priority.gpkg" "$1" "priority GeoPackage layers*" >/dev/null || {
    echo "FAIL: the unit test writing the priority GeoPackage failed"
    exit 1
}
# The stand-in for the run's own area layer (empty, unstyled) is not what is checked here.
ogrinfo -q "$WORK/priority.gpkg" -sql "DROP TABLE lsoa" >/dev/null || exit 1
bash "$HERE/check_priority.sh" "$WORK/priority.gpkg" "$WORK/png"
status=$?
[ "$status" -eq 77 ] && exit 77
HOTSPOT_KEEP_PRIORITY_GPKG="$WORK/priority_real.gpkg" "$2" "priority outputs on the real*"
real=$?
if [ "$real" -eq 77 ]; then
    echo "SKIP: ../shared/data absent: the real-data priority layers were not checked"
elif [ "$real" -ne 0 ]; then
    echo "FAIL: the real-data priority test failed"
    status=1
elif ! bash "$HERE/check_priority.sh" "$WORK/priority_real.gpkg" "$WORK/png_real"; then
    status=1
fi
exit "$status"
