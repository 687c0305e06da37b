#!/usr/bin/python3
"""Checks a public GeoPackage's QGIS legends against the values it publishes, without hotspot's code.

Usage: legend_bounds_oracle.py FILE.gpkg LAYER...
For each LAYER's default style in layer_styles (parsed with Python's XML parser): every class bound
(<range lower upper>) of the graduated renderer is 0 or a value the layer holds in the classified
field (sqlite3; NULL is no value), a count bound is never 1..9, and the classes cover every value
(QGIS draws an area only inside a class). Natural breaks fall on data values, so a legend computed
before suppression or rounding fails. Exit 0 when all hold, 1 naming each bound that does not.
"""
import sqlite3
import sys
import xml.etree.ElementTree as ET

gpkg, layers = sys.argv[1], sys.argv[2:]
con = sqlite3.connect(gpkg)
problems = []
for layer in layers:
    rows = con.execute("SELECT styleQML FROM layer_styles WHERE f_table_name = ? AND useAsDefault", (layer,)).fetchall()
    if len(rows) != 1:
        problems.append(f"{layer}: {len(rows)} default styles, expected 1")
        continue
    renderer = ET.fromstring(rows[0][0]).find("renderer-v2")
    field = renderer.get("attr")
    ranges = [(float(r.get("lower")), float(r.get("upper"))) for r in renderer.find("ranges")]
    values = [v for (v,) in con.execute(f'SELECT "{field}" FROM "{layer}" WHERE "{field}" IS NOT NULL')]
    nulls = con.execute(f'SELECT count(*) FROM "{layer}" WHERE "{field}" IS NULL').fetchone()[0]
    shown = set(values)
    bad = []
    for b in sorted({b for r in ranges for b in r}):
        if b == 0:
            continue
        if field == "count" and b == int(b) and 1 <= b <= 9:
            bad.append(f"{b:g} (a count below 10)")
        elif not any(abs(b - v) <= 1e-9 * max(1.0, abs(v)) for v in shown):
            bad.append(f"{b:.17g} (no published value)")
    uncovered = [v for v in values if not any(lo - 1e-9 * max(1.0, abs(lo)) <= v <= hi + 1e-9 * max(1.0, abs(hi)) for lo, hi in ranges)]
    print(f"{layer}: legend of {field}, {len(ranges)} classes, bounds {[f'{lo:g}-{hi:g}' for lo, hi in ranges]}; "
          f"{len(values)} values shown, {nulls} NULL")
    if not ranges:
        problems.append(f"{layer}: no classes")
    for b in bad:
        problems.append(f"{layer} legend of {field}: bound {b}")
    if uncovered:
        problems.append(f"{layer} legend of {field}: {len(uncovered)} values outside every class, e.g. {uncovered[0]}")
for p in problems:
    print("LEGEND", p)
sys.exit(1 if problems else 0)
