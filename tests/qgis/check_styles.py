#!/usr/bin/python3
"""Check that QGIS applies hotspot's default styles when it opens a GeoPackage.

Opens every geometry layer of OUT.gpkg the way QGIS does (ogr provider, which loads the
default style from the layer_styles table), then checks, per layer:

  - the layer loads and its CRS is the expected one (EPSG:27700 unless --crs);
  - QGIS lists a style for it in layer_styles and applied it (renderer type is not the
    singleSymbol fallback);
  - categorized layers (--layer NAME:categorized[:FIELD[:fixed]], FIELD defaults to "category";
    "fixed": a fixed legend, so classes may outnumber the values present):
    the renderer classifies on FIELD, has one category per distinct value of FIELD in the
    layer (computed independently with uniqueValues) and every distinct value has one;
  - graduated layers (--layer NAME:graduated:ATTRIBUTE:CLASSES): the renderer classifies
    on ATTRIBUTE with exactly CLASSES ranges, and every non-NULL value falls in a range;
  - the classes do not all share one colour.

With --render DIR each geometry layer is also drawn to DIR/NAME.png (headless, with
QgsMapRendererParallelJob) and the image is checked for at least two class colours.

Prints one line per check (PASS/FAIL ...) and a last line "N passed, M failed". Exits 0
when nothing failed, 1 when a check failed, 2 on bad arguments.

Run with the system Python and no display:
  QT_QPA_PLATFORM=offscreen /usr/bin/python3 check_styles.py OUT.gpkg \
      --layer incidents:categorized --layer lsoa:graduated:count:5 --render /tmp/png
"""

import argparse
import collections
import os
import sqlite3
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402  (QT_QPA_PLATFORM must be set first)
    QgsApplication,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor, QImage  # noqa: E402

RENDERER = {"categorized": "categorizedSymbol", "graduated": "graduatedSymbol"}


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, layer, what):
        print(f"{'PASS' if ok else 'FAIL'} {layer}: {what}", flush=True)
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        return ok


def parse_expectation(text):
    """NAME:categorized[:FIELD] or NAME:graduated:ATTRIBUTE:CLASSES."""
    parts = text.split(":")
    if len(parts) >= 2 and parts[1] == "categorized" and len(parts) in (2, 3):
        return parts[0], {"kind": "categorized", "attribute": parts[2] if len(parts) == 3 else "category", "fixed": False}
    if len(parts) == 4 and parts[1] == "categorized" and parts[3] == "fixed":
        # A fixed legend (Gi* bins, LISA clusters): every value present must have a class,
        # classes absent from this data may stay in the legend.
        return parts[0], {"kind": "categorized", "attribute": parts[2], "fixed": True}
    if len(parts) == 4 and parts[1] == "graduated":
        try:
            classes = int(parts[3])
        except ValueError:
            classes = -1
        if classes > 0:
            return parts[0], {"kind": "graduated", "attribute": parts[2], "classes": classes}
    raise argparse.ArgumentTypeError(
        f"bad --layer {text!r}: expected NAME:categorized[:FIELD[:fixed]] or NAME:graduated:ATTRIBUTE:CLASSES")


def geometry_layers(path):
    """Geometry tables of the GeoPackage, read with sqlite (independently of QGIS)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [row[0] for row in con.execute("SELECT table_name FROM gpkg_geometry_columns ORDER BY table_name")]
    finally:
        con.close()


def fmt(v):
    return "NULL" if v is None or (hasattr(v, "isNull") and v.isNull()) else repr(v)


def is_null(v):
    return v is None or (hasattr(v, "isNull") and v.isNull())


def class_colours(renderer):
    """(QColor, opacity) of each class. Copied while the class list is alive: the symbols
    belong to the categories/ranges that categories()/ranges() return by value."""
    if renderer.type() == "categorizedSymbol":
        classes = renderer.categories()
    elif renderer.type() == "graduatedSymbol":
        classes = renderer.ranges()
    else:
        return []
    out = []
    for c in classes:
        s = c.symbol()
        out.append((QColor(s.color()), s.opacity()) if s else (QColor(), 0.0))
    return out


def check_categorized(checks, name, layer, renderer, exp):
    field = exp["attribute"]
    checks.check(renderer.classAttribute() == field, name,
                 f"categorized on field {field!r} (renderer uses {renderer.classAttribute()!r})")
    idx = layer.fields().indexOf(field)
    if not checks.check(idx >= 0, name, f"layer has field {field!r}"):
        return
    values = list(layer.uniqueValues(idx))
    cats = renderer.categories()
    if not exp["fixed"]:
        checks.check(len(cats) == len(values), name,
                     f"{len(cats)} categories for {len(values)} distinct values of {field!r}")
    missing = [v for v in values if renderer.categoryIndexForValue(v) < 0]
    checks.check(not missing, name,
                 "every distinct value has a category" if not missing else
                 "values without a category: " + ", ".join(fmt(v) for v in sorted(missing, key=str)))


def check_graduated(checks, name, layer, renderer, exp):
    attr = exp["attribute"]
    checks.check(renderer.classAttribute() == attr, name,
                 f"graduated on attribute {attr!r} (renderer uses {renderer.classAttribute()!r})")
    ranges = renderer.ranges()
    checks.check(len(ranges) == exp["classes"], name,
                 f"{len(ranges)} ranges, expected {exp['classes']} ("
                 + ", ".join(f"{r.lowerValue():g}-{r.upperValue():g}" for r in ranges) + ")")
    idx = layer.fields().indexOf(attr)
    if not checks.check(idx >= 0, name, f"layer has field {attr!r}"):
        return
    nulls = 0
    outside = []
    for f in layer.getFeatures():
        v = f.attribute(idx)
        if is_null(v):
            nulls += 1
        elif renderer.rangeForValue(float(v)) is None:
            outside.append(float(v))
    note = f" ({nulls} NULL values are left undrawn)" if nulls else ""
    checks.check(not outside, name,
                 f"every value of {attr!r} falls in a range{note}" if not outside else
                 f"{len(outside)} values fall in no range, e.g. {sorted(outside)[:5]}")


def render(layer, path, size=900):
    extent = QgsRectangle(layer.extent())
    extent.scale(1.05)
    w = size
    h = max(1, int(round(size * extent.height() / extent.width()))) if extent.width() > 0 else size
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setBackgroundColor(QColor(255, 255, 255))
    settings.setOutputSize(QSize(w, h))
    settings.setExtent(extent)
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    image.save(path)
    return image, [str(e.message) for e in job.errors()]


def visible_classes(image, colours):
    """How many class colours appear in the image (colours blended over white, with tolerance)."""
    img = image.convertToFormat(QImage.Format_RGBA8888)
    data = bytes(img.constBits().asstring(img.sizeInBytes()))
    counts = collections.Counter(data[i:i + 3] for i in range(0, len(data), 4))
    # Candidates per class: the colour drawn once over white, and n = 2, 3 or many times
    # over itself (stacked markers at one snap point, as police.uk locations are).
    expected = []
    for k, (c, opacity) in enumerate(colours):
        a = c.alphaF() * opacity
        for n in (1, 2, 3, 1000):
            eff = 1 - (1 - a) ** n
            expected.append((k, tuple(eff * x + (1 - eff) * 255 for x in (c.red(), c.green(), c.blue()))))
    seen = collections.Counter()
    for rgb, n in counts.items():
        if rgb == b"\xff\xff\xff":
            continue
        best, dist = None, 1e9
        for k, e in expected:
            d = sum((rgb[j] - e[j]) ** 2 for j in range(3))
            if d < dist:
                best, dist = k, d
        if best is not None and dist <= 20 ** 2:
            seen[best] += n
    # A class counts as visible with at least 20 pixels of its colour.
    return sum(1 for k in range(len(colours)) if seen[k] >= 20)


def check_layer(checks, args, name, exp):
    """All checks of one geometry layer; the layer is freed on return (before exitQgis)."""
    layer = QgsVectorLayer(f"{args.gpkg}|layername={name}", name, "ogr")
    if not checks.check(layer.isValid(), name, "QGIS opens the layer"):
        return
    checks.check(layer.crs().authid() == args.crs, name, f"CRS is {layer.crs().authid() or 'unknown'} (expected {args.crs})")
    n_styles, _ids, style_names, _descr, _msg = layer.listStylesInDatabase()
    checks.check(n_styles > 0, name,
                 f"layer_styles has a style for it ({', '.join(style_names[:n_styles]) or 'none'})")
    renderer = layer.renderer()
    rtype = renderer.type() if renderer else "none"
    if exp is None:
        checks.check(rtype != "singleSymbol", name,
                     f"default style applied (renderer {rtype}; no --layer expectation, class checks skipped)")
    elif not checks.check(rtype == RENDERER[exp["kind"]], name,
                          f"default style applied: renderer is {rtype} (expected {RENDERER[exp['kind']]})"):
        return
    elif exp["kind"] == "categorized":
        check_categorized(checks, name, layer, renderer, exp)
    else:
        check_graduated(checks, name, layer, renderer, exp)
    colours = class_colours(renderer)
    distinct = {c.name() for c, _ in colours}
    if len(colours) > 1:
        checks.check(len(distinct) > 1, name, f"{len(distinct)} distinct colours over {len(colours)} classes")
    if args.render:
        png = os.path.join(args.render, f"{name}.png")
        image, errors = render(layer, png)
        checks.check(not image.isNull() and not errors, name,
                     f"rendered to {png}" + (f" with errors: {'; '.join(errors)}" if errors else ""))
        if len(colours) > 1 and not image.isNull():
            seen = visible_classes(image, colours)
            checks.check(seen >= 2, name, f"{seen} of {len(colours)} class colours visible in {png}")


def main():
    ap = argparse.ArgumentParser(description="Check the QGIS default styles hotspot writes into a GeoPackage.")
    ap.add_argument("gpkg")
    ap.add_argument("--layer", action="append", default=[], type=parse_expectation, metavar="EXPECTATION",
                    help="NAME:categorized[:FIELD] or NAME:graduated:ATTRIBUTE:CLASSES (repeatable)")
    ap.add_argument("--crs", default="EPSG:27700", help="expected CRS of every geometry layer (default EPSG:27700)")
    ap.add_argument("--render", metavar="DIR", help="also draw each geometry layer to DIR/NAME.png and check its colours")
    args = ap.parse_args()
    if not os.path.isfile(args.gpkg):
        ap.error(f"no such file: {args.gpkg}")
    expectations = dict(args.layer)

    app = QgsApplication([], False)
    app.initQgis()
    checks = Checks()
    try:
        names = geometry_layers(args.gpkg)
    except sqlite3.Error as e:
        checks.check(False, args.gpkg, f"cannot read gpkg_geometry_columns: {e}")
        names = []
    for missing in sorted(set(expectations) - set(names)):
        checks.check(False, missing, f"no such geometry layer in {args.gpkg} (it has: {', '.join(names) or 'none'})")
    if args.render:
        os.makedirs(args.render, exist_ok=True)

    for name in names:
        check_layer(checks, args, name, expectations.get(name))
    app.exitQgis()
    print(f"{checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed or checks.passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
