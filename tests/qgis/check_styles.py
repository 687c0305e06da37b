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
    on ATTRIBUTE with 1 to CLASSES ranges, and every non-NULL value falls in a range; the
    breaks are distinct, increasing and contiguous; every class holds at least one feature
    (counted here from the features, QGIS's rule: the first range with lower <= v <= upper);
    each label shows its class's smallest and largest value rounded (whole numbers for whole
    values, else 3 significant digits unless neighbouring classes need more); the first label's
    first line is a legend title naming the field, its unit and (for count and rate_per_1000)
    a period; the classes and their counts are printed (lines "CLASS ...");
  - single-symbol layers (--layer NAME:single), e.g. sites;
  - labelled layers (--labelled NAME:FIELD): labels on, on FIELD (and for areas only at
    readable scales: scale-dependent, shown at 1:1,000 but not at 1:5,000,000);
  - the classes do not all share one colour.

With --render DIR each geometry layer is also drawn to DIR/NAME.png (headless, with
QgsMapRendererParallelJob) and the image is checked for at least two class colours (a
single-symbol layer: for at least 200 drawn, non-white pixels).

Prints one line per check (PASS/FAIL ...) and a last line "N passed, M failed". Exits 0
when nothing failed, 1 when a check failed, 2 on bad arguments.

Run with the system Python and no display:
  QT_QPA_PLATFORM=offscreen /usr/bin/python3 check_styles.py OUT.gpkg \
      --layer incidents:categorized --layer lsoa:graduated:count:5 --render /tmp/png
"""

import argparse
import collections
import math
import os
import re
import sqlite3
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (  # noqa: E402  (QT_QPA_PLATFORM must be set first)
    QgsApplication,
    QgsMapRendererParallelJob,
    QgsMapSettings,
    QgsRectangle,
    QgsSymbolLayerUtils,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter  # noqa: E402

RENDERER = {"categorized": "categorizedSymbol", "graduated": "graduatedSymbol", "single": "singleSymbol"}


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
    """NAME:categorized[:FIELD], NAME:graduated:ATTRIBUTE:CLASSES or NAME:single."""
    parts = text.split(":")
    if len(parts) == 2 and parts[1] == "single":
        return parts[0], {"kind": "single"}
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
        f"bad --layer {text!r}: expected NAME:categorized[:FIELD[:fixed]], NAME:graduated:ATTRIBUTE:CLASSES or NAME:single")


def parse_labelled(text):
    parts = text.split(":")
    if len(parts) != 2 or not all(parts):
        raise argparse.ArgumentTypeError(f"bad --labelled {text!r}: expected NAME:FIELD")
    return parts[0], parts[1]


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


def rounded(v, whole):
    """The label text of v, computed here independently of hotspot's code."""
    if whole:
        return f"{int(round(v)):,}"
    if v == 0:
        return "0"
    decimals = max(0, 3 - 1 - math.floor(math.log10(abs(v))))
    text = f"{v:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def check_graduated(checks, name, layer, renderer, exp):
    attr = exp["attribute"]
    # An index draws its NULLs in a class of their own: coalesce(attr, -1e+300) with a range at the sentinel.
    missing_class = renderer.classAttribute() == f'coalesce("{attr}", -1e+300)'
    checks.check(renderer.classAttribute() == attr or missing_class, name,
                 f"graduated on attribute {attr!r} (renderer uses {renderer.classAttribute()!r})")
    ranges = [(r.lowerValue(), r.upperValue(), r.label()) for r in renderer.ranges()]
    if missing_class:
        sentinel = [r for r in ranges if r[0] == r[1] == -1e300]
        checks.check(len(sentinel) == 1 and "no index" in sentinel[0][2], name, "one class for the areas without a value, at the sentinel")
        ranges = [r for r in ranges if not (r[0] == r[1] == -1e300)]
    checks.check(1 <= len(ranges) <= exp["classes"], name,
                 f"{len(ranges)} ranges, expected 1 to {exp['classes']} ("
                 + ", ".join(f"{lo:g}-{up:g}" for lo, up, _ in ranges) + ")")
    increasing = all(ranges[k][1] > ranges[k - 1][1] for k in range(1, len(ranges)))
    contiguous = all(ranges[k][0] == ranges[k - 1][1] for k in range(1, len(ranges)))
    checks.check(bool(ranges) and increasing and contiguous and ranges[0][0] <= ranges[0][1], name,
                 "class breaks distinct, increasing and contiguous: " + ", ".join(f"{lo:g}-{up:g}" for lo, up, _ in ranges))
    idx = layer.fields().indexOf(attr)
    if not checks.check(idx >= 0, name, f"layer has field {attr!r}"):
        return
    nulls = 0
    outside = []
    members = [[] for _ in ranges]
    for f in layer.getFeatures():
        v = f.attribute(idx)
        if is_null(v):
            nulls += 1
            continue
        v = float(v)
        k = next((k for k, (lo, up, _) in enumerate(ranges) if lo <= v <= up), None)
        if k is None:
            outside.append(v)
        else:
            members[k].append(v)
        if renderer.rangeForValue(v) is None and k is not None:
            outside.append(v)
    note = f" ({nulls} NULL values are left undrawn)" if nulls else ""
    checks.check(not outside, name,
                 f"every value of {attr!r} falls in a range{note}" if not outside else
                 f"{len(outside)} values fall in no range, e.g. {sorted(outside)[:5]}")
    counts = [len(m) for m in members]
    checks.check(all(counts), name, f"every class holds features (counted here): {counts}")
    whole = all(v == int(v) for m in members for v in m)
    lines = [label.split("\n") for _, _, label in ranges]
    title = lines[0][0] if ranges and len(lines[0]) > 1 else ""
    class_labels = [ln[-1] for ln in lines]
    for k, (lo, up, _) in enumerate(ranges):
        print(f"CLASS {name}: {class_labels[k]!r} range {lo:g} - {up:g}: {counts[k]} features", flush=True)
    # Labels: the class's own min and max, rounded; more digits allowed only where 3 would
    # make neighbouring classes read alike.
    bad = []
    for k, m in enumerate(members):
        if not m:
            continue
        lo, hi = min(m), max(m)
        want = rounded(lo, whole) if rounded(lo, whole) == rounded(hi, whole) else f"{rounded(lo, whole)} - {rounded(hi, whole)}"
        if class_labels[k] != want:
            shown = [float(x.replace(",", "")) for x in NUMBER.findall(class_labels[k])]
            close = len(shown) in (1, 2) and all(math.isclose(a, b, rel_tol=5e-3) for a, b in zip(shown, (lo, hi)))
            if not close or whole:
                bad.append(f"{class_labels[k]!r} (expected {want!r})")
    checks.check(not bad, name, "class labels rounded, min to max of each class" if not bad else
                 "class labels not as expected: " + "; ".join(bad))
    named = (attr in title or (attr == "composite_index" and title.startswith("Priority index"))) and (attr != "rate_per_1000" or "per 1,000" in title)
    period = re.search(r"\b(19|20)\d\d\b", title) is not None or attr not in ("count", "rate_per_1000")
    checks.check(bool(title) and named and period, name,
                 f"legend title (first line) names field, unit and period: {title!r}")


def check_labelled(checks, name, layer, field):
    labeling = layer.labeling()
    settings = labeling.settings() if labeling is not None and hasattr(labeling, "settings") else None
    if not checks.check(layer.labelsEnabled() and settings is not None, name, "labels are on by default"):
        return
    checks.check(settings.fieldName == field, name, f"labelled with {field!r} (got {settings.fieldName!r})")
    if field != "rank":
        readable = settings.scaleVisibility and settings.minimumScale >= 1000 and settings.minimumScale < 5000000
        checks.check(readable, name, f"labels only at readable scales: 1:{settings.minimumScale:,.0f} and closer")


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
    with_legend(layer, image).save(path)
    return image, [str(e.message) for e in job.errors()]


def with_legend(layer, image):
    """The map with the layer's legend drawn to its right (swatch and label of each class, as
    the renderer lists them), for a person to look at; the checks use the map alone."""
    items = layer.renderer().legendSymbolItems() if layer.renderer() else []
    font = QFont("DejaVu Sans", 9)
    metrics = QFontMetrics(font)
    lines = [line for item in items for line in (item.label() or "").split("\n")]
    width = max([metrics.horizontalAdvance(line) for line in lines + [layer.name()]]) + 60
    out = QImage(image.width() + width, max(image.height(), 40 + 20 * len(lines)), QImage.Format_ARGB32)
    out.fill(QColor(255, 255, 255))
    painter = QPainter(out)
    painter.drawImage(0, 0, image)
    painter.setPen(QColor(0, 0, 0))
    painter.setFont(font)
    x, y = image.width() + 10, 24
    painter.drawText(x, y, layer.name())
    y += 12
    for item in items:
        symbol = item.symbol()
        if symbol is not None:
            painter.drawPixmap(x, y, QgsSymbolLayerUtils.symbolPreviewPixmap(symbol, QSize(24, 16)))
        for line in (item.label() or "").split("\n"):
            painter.drawText(x + 32, y + 13, line)
            y += 16
        y += 4
    painter.end()
    return out


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


def drawn_pixels(image):
    img = image.convertToFormat(QImage.Format_RGBA8888)
    data = bytes(img.constBits().asstring(img.sizeInBytes()))
    return sum(1 for i in range(0, len(data), 4) if data[i:i + 3] != b"\xff\xff\xff")


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
    elif exp["kind"] == "graduated":
        check_graduated(checks, name, layer, renderer, exp)
    if name in args.labelled:
        check_labelled(checks, name, layer, args.labelled[name])
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
        elif not image.isNull():
            drawn = drawn_pixels(image)
            checks.check(drawn >= 200, name, f"{drawn} drawn (non-white) pixels in {png}")


def main():
    ap = argparse.ArgumentParser(description="Check the QGIS default styles hotspot writes into a GeoPackage.")
    ap.add_argument("gpkg")
    ap.add_argument("--layer", action="append", default=[], type=parse_expectation, metavar="EXPECTATION",
                    help="NAME:categorized[:FIELD] or NAME:graduated:ATTRIBUTE:CLASSES (repeatable)")
    ap.add_argument("--labelled", action="append", default=[], type=parse_labelled, metavar="NAME:FIELD",
                    help="the layer's default style labels it with FIELD (repeatable)")
    ap.add_argument("--crs", default="EPSG:27700", help="expected CRS of every geometry layer (default EPSG:27700)")
    ap.add_argument("--render", metavar="DIR", help="also draw each geometry layer to DIR/NAME.png and check its colours")
    args = ap.parse_args()
    if not os.path.isfile(args.gpkg):
        ap.error(f"no such file: {args.gpkg}")
    expectations = dict(args.layer)
    args.labelled = dict(args.labelled)

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
