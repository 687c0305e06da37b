#!/usr/bin/env python3
"""Oracle for -of PostgreSQL: every table of a GeoPackage hotspot wrote is in the PostGIS schema
with the same rows (count, field names and types, a SHA-256 of every row's fid, attributes and
geometry WKB, read by OGR from both sides), and the database's layer_styles holds the
GeoPackage's QGIS styles as QGIS stores them (catalog = database, schema, geom column, type NULL,
useasdefault true, the same QML).

    compare_gpkg_pg.py GPKG PG_CONNECTION SCHEMA DATABASE [--fields-only TABLE]...

--fields-only TABLE compares only the fields of TABLE (run_report, when the database holds
another run of the same analysis: its run id, timings and output rows differ).
"""
import hashlib
import sys

from osgeo import gdal, ogr

gdal.UseExceptions()


def rows_digest(layer):
    layer.ResetReading()
    defn = layer.GetLayerDefn()
    digests = []
    for f in layer:
        parts = [str(f.GetFID())]
        for i in range(defn.GetFieldCount()):
            # repr of the Python value: every bit of a double (GetFieldAsString keeps 15 digits)
            parts.append("NULL" if not f.IsFieldSetAndNotNull(i) else repr(f.GetField(i)))
        g = f.GetGeometryRef()
        parts.append(g.ExportToIsoWkb().hex() if g else "")
        digests.append("\x1f".join(parts))
    digests.sort()  # the database need not return rows in fid order
    return hashlib.sha256("\x1e".join(digests).encode()).hexdigest(), len(digests)


def fields(layer):
    d = layer.GetLayerDefn()
    return [(d.GetFieldDefn(i).GetName(), d.GetFieldDefn(i).GetTypeName()) for i in range(d.GetFieldCount())]


def main():
    gpkg_path, conn, schema, database = sys.argv[1:5]
    fields_only = {sys.argv[i + 1] for i in range(5, len(sys.argv) - 1) if sys.argv[i] == "--fields-only"}
    gpkg = ogr.Open(gpkg_path)
    pg = gdal.OpenEx(conn, gdal.OF_VECTOR, allowed_drivers=["PostgreSQL"], open_options=["SCHEMAS=" + schema])
    failures = []
    tables = [gpkg.GetLayer(i).GetName() for i in range(gpkg.GetLayerCount())]
    tables = [t for t in tables if t != "layer_styles"]
    for name in tables:
        src = gpkg.GetLayerByName(name)
        dst = pg.GetLayerByName(name) or pg.GetLayerByName(schema + "." + name)
        if dst is None:
            failures.append(f"{name}: not in schema {schema}")
            continue
        if fields(src) != fields(dst):
            failures.append(f"{name}: fields differ\n  gpkg {fields(src)}\n  pg   {fields(dst)}")
        (a, n), (b, m) = rows_digest(src), rows_digest(dst)
        if name in fields_only:
            a, m = b, n
        if n != m or a != b:
            failures.append(f"{name}: {n} rows in the GeoPackage, {m} in PostgreSQL; digests {'equal' if a == b else 'differ'}")
        gt = ogr.GeometryTypeToName(src.GetGeomType())
        print(f"  {name}: {n} rows, {len(fields(src))} fields, {gt}: {'same' if a == b and n == m else 'DIFFERENT'}")

    expected = {}
    for f in gpkg.GetLayerByName("layer_styles"):
        expected[f.GetField("f_table_name")] = (f.GetField("styleQML"), f.GetField("styleName"))
    sql = ("SELECT f_table_catalog, f_table_schema, f_table_name, f_geometry_column, stylename, styleqml::text AS qml, "
           "useasdefault::text AS d, type FROM public.layer_styles WHERE f_table_schema = '%s' AND useasdefault" % schema)
    result = pg.ExecuteSQL(sql)
    found = {}
    for f in result:
        found[f.GetField("f_table_name")] = f
        want = expected.get(f.GetField("f_table_name"))
        if want is None:
            failures.append(f"layer_styles: a default style for {f.GetField('f_table_name')}, which the GeoPackage does not style")
            continue
        want_type = None  # QGIS loads a NULL type whatever geometry type the layer's URI names
        got = (f.GetField("f_table_catalog"), f.GetField("f_geometry_column"), f.GetField("type"), f.GetField("stylename"))
        if got != (database, "geom", want_type, want[1]):
            failures.append(f"layer_styles row of {f.GetField('f_table_name')}: {got}, expected {(database, 'geom', want_type, want[1])}")
        if f.GetField("qml").strip() != want[0].strip():
            failures.append(f"layer_styles: the QML of {f.GetField('f_table_name')} differs from the GeoPackage's")
    pg.ReleaseResultSet(result)
    if set(found) != set(expected):
        failures.append(f"layer_styles: default styles for {sorted(found)}, the GeoPackage styles {sorted(expected)}")
    print(f"  layer_styles: {len(found)} default styles, {len(expected)} in the GeoPackage")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
