#!/usr/bin/python3
"""QGIS 3.22 imports hotspot's MapLibre style.json with QgsMapBoxGlStyleConverter and gets the
legend of the GeoPackage's own QGIS style back.

  check_maplibre_style.py HOTSPOT WORK GEODATA_INI

Runs `hotspot run` on the embedded city and `hotspot tiles --pmtiles --style`, then, per area
layer: the converter's renderer has one fill rule per QML class (the QML read from layer_styles
with sqlite3 and ElementTree here, not by hotspot's parser) with the class's colour, and each
rule's QGIS filter expression, evaluated by QGIS on every feature of the layer, selects exactly
the features QGIS's graduated renderer puts in that class (first range with lower <= v <= upper).
Exit 0 pass, 1 fail, 77 skip (no PyQGIS).
"""
import json
import os
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET

try:
    from qgis.core import (QgsApplication, QgsExpression, QgsExpressionContext, QgsExpressionContextUtils,
                           QgsMapBoxGlStyleConversionContext, QgsMapBoxGlStyleConverter, QgsVectorLayer)
    from qgis_checks import Tally
except ImportError:
    print("SKIP: PyQGIS not installed")
    sys.exit(77)

hotspot, work, ini = sys.argv[1:4]
os.makedirs(work, exist_ok=True)
gpkg, pm, style_path = (os.path.join(work, n) for n in ("city.gpkg", "city.pmtiles", "city.style.json"))
subprocess.run([hotspot, "run", "-c", ini, "-o", gpkg, "--no-incidents-layer", "--overwrite", "-q", "--set", "output.mbtiles=", "--set", "output.xyz=", "--set", "output.density="], check=True)
subprocess.run([hotspot, "tiles", gpkg, "--layers", "wards,neighbourhoods", "--pmtiles", pm, "--style", style_path, "--overwrite"], check=True)

app = QgsApplication([], False)
app.initQgis()
check = Tally()


def qml_classes(layer):
    with sqlite3.connect(gpkg) as db:
        qml = db.execute("SELECT styleQML FROM layer_styles WHERE f_table_name = ? AND useAsDefault", (layer,)).fetchone()[0]
    renderer = ET.fromstring(qml).find("renderer-v2")
    colours = {}
    for sym in renderer.find("symbols"):
        props = {o.get("name"): o.get("value") for o in sym.iter("Option") if o.get("name")}
        colours[sym.get("name")] = tuple(int(v) for v in props["color"].split(",")[:3])
    return renderer.get("attr"), [(float(r.get("lower")), float(r.get("upper")), colours[r.get("symbol")]) for r in renderer.find("ranges")]


with open(style_path, encoding="utf-8") as f:
    style = json.load(f)
converter = QgsMapBoxGlStyleConverter()
context = QgsMapBoxGlStyleConversionContext()
check(converter.convert(style, context) == QgsMapBoxGlStyleConverter.Success, "QGIS converts the style: " + converter.errorMessage())
for w in context.warnings():
    print("warning from the converter: " + w)
rules = converter.renderer().styles()

for layer in ("wards", "neighbourhoods"):
    attribute, classes = qml_classes(layer)
    fills = [r for r in rules if r.layerName() == layer and r.geometryType() == 2]  # QgsWkbTypes.PolygonGeometry
    check(len(fills) == len(classes), f"{layer}: {len(fills)} fill rules for {len(classes)} QML classes")
    for k, (rule, (lower, upper, rgb)) in enumerate(zip(fills, classes)):
        c = rule.symbol().color()
        check((c.red(), c.green(), c.blue()) == rgb, f"{layer} class {k + 1} ({lower} to {upper}): colour {c.name()} = QML {rgb}")
    vl = QgsVectorLayer(f"{gpkg}|layername={layer}", layer, "ogr")
    check(vl.isValid(), f"{layer}: opened in QGIS")
    exprs = [QgsExpression(r.filterExpression()) for r in fills]
    wrong = 0
    for feature in vl.getFeatures():
        v = feature[attribute]
        v = None if v is None or (hasattr(v, "isNull") and v.isNull()) else float(v)
        qgis_class = next((k for k, (lo, up, _) in enumerate(classes) if v is not None and lo <= v <= up), None)
        ctx = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(vl))
        ctx.setFeature(feature)
        hits = [k for k, e in enumerate(exprs) if e.evaluate(ctx)]
        if hits != ([] if qgis_class is None else [qgis_class]):
            wrong += 1
            print(f"  {layer} fid {feature.id()}: {attribute} = {v}: rules {hits}, QGIS class {qgis_class}")
    check(wrong == 0, f"{layer}: every feature matched by exactly its QGIS class's rule ({vl.featureCount()} features; filters e.g. {fills[0].filterExpression()!r})")
    check(any(r.layerName() == layer and r.geometryType() == 1 for r in rules), f"{layer}: an outline rule")

print(f"{check.failed} failed")
sys.stdout.flush()
os._exit(1 if check.failed else 0)  # exitQgis() with the converter's objects alive crashes QGIS 3.22
