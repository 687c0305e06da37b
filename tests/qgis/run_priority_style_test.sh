#!/usr/bin/env bash
# ctest qgis_priority_styles: the unit test writes the priority layers of a hand-built result
# (tests/publish/priority_fixture.cpp) into WORK/priority.gpkg, then check_priority.sh opens
# them in PyQGIS and renders WORK/png/*.png (the stand-in run layer `lsoa` dropped first).
#
#   run_priority_style_test.sh HOTSPOT_TESTS_BINARY WORK_DIR
set -u
if [ $# -ne 2 ]; then
    echo "usage: $0 HOTSPOT_TESTS_BINARY WORK_DIR" >&2
    exit 2
fi
mkdir -p "$2" || exit 1
WORK=$(cd "$2" && pwd)
HOTSPOT_KEEP_PRIORITY_GPKG="$WORK/priority.gpkg" "$1" "priority GeoPackage layers*" >/dev/null || {
    echo "FAIL: the unit test writing the priority GeoPackage failed"
    exit 1
}
# The stand-in for the run's own area layer (empty, unstyled) is not what is checked here.
ogrinfo -q "$WORK/priority.gpkg" -sql "DROP TABLE lsoa" >/dev/null || exit 1
exec bash "$(dirname "$0")/check_priority.sh" "$WORK/priority.gpkg" "$WORK/png"
