#!/usr/bin/env bash
# PyQGIS check of the priority layers of a GeoPackage (hand-made by the unit test, or a real
# run such as the Birmingham priority analysis): QGIS applies each default style, the classes
# cover the values, legend titles name the field and unit, and each layer renders to PNG.
#
#   check_priority.sh GPKG PNG_DIR
#
# Exit 0 when every check passed, 1 on a failure, 77 (skip) when PyQGIS is not installed.
set -u
if [ $# -ne 2 ]; then
    echo "usage: $0 GPKG PNG_DIR" >&2
    exit 2
fi
if ! /usr/bin/python3 -c "import qgis.core" >/dev/null 2>&1; then
    echo "SKIP: PyQGIS not installed (apt-get install python3-qgis qgis-providers)"
    exit 77
fi
export QT_QPA_PLATFORM=offscreen
mkdir -p "$2" || exit 1
if [ -z "${XDG_RUNTIME_DIR:-}" ]; then
    export XDG_RUNTIME_DIR="$2/xdg-runtime"
    mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
fi
# The over-representation map shows the first count indicator's flag: read which from the style.
args=$(/usr/bin/python3 - "$1" <<'PY'
import re, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
styled = dict(db.execute("SELECT f_table_name, styleQML FROM layer_styles"))
tables = {r[0] for r in db.execute("SELECT table_name FROM gpkg_geometry_columns")}
out = []
for name in sorted(tables):
    qml = styled.get(name, "")
    attr = re.search(r'<renderer-v2 type="(\w+)" attr="([^"]+)"', qml)
    if name == "priority_index" or name == "priority_grid":
        out.append(f"--layer {name}:graduated:composite_index:6")
    elif name in ("priority_top", "priority_zones") or name == "over_representation":
        field = {"priority_top": "tied_at_cut", "priority_zones": "what"}.get(name, attr.group(2) if attr else "flag")
        out.append(f"--layer {name}:categorized:{field}:fixed")
    elif name.startswith("rollup_") and attr:
        out.append(f"--layer {name}:graduated:{attr.group(2)}:6")
if "priority_index" not in tables:
    out.append("--layer priority_index:graduated:composite_index:6")  # reported missing
print(" ".join(out))
PY
)
echo "check_styles.py $1 $args"
# shellcheck disable=SC2086  # $args is a list of options
/usr/bin/python3 "$(dirname "$0")/check_styles.py" "$1" $args --labelled priority_index:area_name --render "$2"
