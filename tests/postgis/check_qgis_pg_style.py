#!/usr/bin/env python3
"""PyQGIS: a layer loaded from PostGIS (postgres provider) is valid and styled from the
database's layer_styles just as the same layer is from the GeoPackage: the same renderer type,
the same classes (labels and colours); renders both to PNG for a person to look at.

    check_qgis_pg_style.py GPKG HOST_SOCKET_DIR DATABASE SCHEMA LAYER PNG_DIR
"""
import os
import sys

from qgis.core import QgsApplication, QgsDataSourceUri, QgsVectorLayer, QgsWkbTypes

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "qgis"))
from qgis_checks import render_png  # noqa: E402 (found beside the other PyQGIS tests)


def classes(layer):
    r = layer.renderer()
    if r.type() == "graduatedSymbol":
        return [(c.label(), c.symbol().color().name()) for c in r.ranges()]
    if r.type() == "categorizedSymbol":
        return [(c.label(), c.symbol().color().name()) for c in r.categories()]
    return [(r.type(), r.symbol().color().name())] if hasattr(r, "symbol") else [r.type()]


def render(layer, path):
    render_png([layer], layer.crs(), layer.extent(), path, (800, 800))


def main():
    gpkg, host, database, schema, name, png_dir = sys.argv[1:7]
    app = QgsApplication([], False)
    app.initQgis()
    from_file = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
    uri = QgsDataSourceUri()
    uri.setConnection(host, "", database, "hotspot", "")
    uri.setDataSource(schema, name, "geom", "", "fid")
    failures = []
    # As the browser opens it (the URI names the geometry type), and from a URI without one.
    uri.setWkbType(from_file.wkbType())
    from_browser = QgsVectorLayer(uri.uri(False), name, "postgres")
    if from_browser.isValid() and from_file.isValid() and from_browser.renderer().type() != from_file.renderer().type():
        failures.append(f"opened with its geometry type in the URI: {from_browser.renderer().type()}, not {from_file.renderer().type()}")
    uri.setWkbType(QgsWkbTypes.Unknown)
    from_db = QgsVectorLayer(uri.uri(False), name, "postgres")
    if not from_file.isValid():
        failures.append(f"{gpkg} layer {name} is not valid in QGIS")
    if not from_db.isValid():
        failures.append(f"PostGIS {schema}.{name} is not valid in QGIS: {from_db.error().summary()}")
    if not failures:
        print(f"  {name}: GeoPackage {from_file.renderer().type()} ({len(classes(from_file))} classes), "
              f"PostGIS {from_db.renderer().type()} ({len(classes(from_db))} classes), {from_db.featureCount()} features")
        if from_db.renderer().type() in ("singleSymbol",) and from_file.renderer().type() != "singleSymbol":
            failures.append("the PostGIS layer has QGIS's default single symbol: its style was not loaded from layer_styles")
        if from_db.renderer().type() != from_file.renderer().type():
            failures.append(f"renderer {from_db.renderer().type()} from PostGIS, {from_file.renderer().type()} from the GeoPackage")
        elif classes(from_db) != classes(from_file):
            failures.append(f"classes differ:\n  PostGIS {classes(from_db)}\n  GeoPackage {classes(from_file)}")
        if from_db.featureCount() != from_file.featureCount():
            failures.append(f"{from_db.featureCount()} features from PostGIS, {from_file.featureCount()} from the GeoPackage")
        os.makedirs(png_dir, exist_ok=True)
        render(from_db, os.path.join(png_dir, f"{name}_postgis.png"))
        render(from_file, os.path.join(png_dir, f"{name}_gpkg.png"))
    for f in failures:
        print("FAIL:", f)
    sys.stdout.flush()
    os._exit(1 if failures else 0)  # QGIS 3.22 may crash in exitQgis with postgres layers alive


if __name__ == "__main__":
    sys.exit(main())
