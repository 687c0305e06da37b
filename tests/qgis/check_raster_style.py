#!/usr/bin/python3
"""Check that QGIS applies a density surface's sidecar .qml when it opens the GeoTIFF.

QGIS looks for SURFACE.qml beside SURFACE.tif when a raster layer is created with the default
layer options (loadDefaultStyle = True, what "Add Raster Layer" and drag-and-drop do). This
script reads the .qml independently (ElementTree) and checks that the layer QGIS opened has:

  - the renderer type the .qml names (singlebandpseudocolor), on band 1, with its opacity;
  - a colour ramp shader with the .qml's ramp type and exactly its items, value for value
    (float32 precision at most) and colour for colour;
  - the transparent pixel range (NoData and zero cells see-through);
  - and that an explicit loadDefaultStyle() reports the same style as loaded.

With --density (a density surface): the ramp ends at the surface's real maximum (read here
with GDAL), its labels are rounded (whole numbers from 100 up, else 3 significant digits),
the first names the unit and the last says "maximum"; QGIS's legend names the band by what it
holds ("Band 1: Density of ...", not just "Band 1 (Gray)"); and the surface renders (DIR/NAME.png under --work) with
drawn cells.

As a control, the same .tif copied without its .qml must open with QGIS's own default
renderer (not singlebandpseudocolor), so the checks above cannot pass by accident.

Prints one line per check (PASS/FAIL ...) and a last line "N passed, M failed". Exits 0 when
nothing failed, 1 when a check failed, 2 on bad arguments.

  QT_QPA_PLATFORM=offscreen /usr/bin/python3 check_raster_style.py SURFACE.tif [--work DIR]
"""

import argparse
import math
import os
import shutil
import sys
import tempfile
import xml.etree.ElementTree as ET

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy  # noqa: E402
from osgeo import gdal  # noqa: E402
from qgis.core import QgsApplication, QgsMapRendererParallelJob, QgsMapSettings, QgsRasterLayer, QgsRectangle  # noqa: E402
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

from check_styles import NUMBER, Checks, drawn_pixels, rounded  # noqa: E402  (beside this script)


def expected_style(qml_path):
    """What the .qml asks for, read without QGIS."""
    root = ET.parse(qml_path).getroot()
    renderer = root.find("./pipe/rasterrenderer")
    shader = renderer.find("./rastershader/colorrampshader")
    items = [(float(i.get("value")), i.get("color").lower()) for i in shader.findall("item")]
    pixels = [(float(p.get("min")), float(p.get("max")), float(p.get("percentTransparent")))
              for p in renderer.findall("./rasterTransparency/singleValuePixelList/pixelListEntry")]
    return {
        "type": renderer.get("type"),
        "band": int(renderer.get("band")),
        "opacity": float(renderer.get("opacity")),
        "ramp_type": shader.get("colorRampType"),
        "items": items,
        "transparent": pixels,
    }


def same_value(a, b):
    """Equal to float32 precision (QGIS keeps the ramp values as doubles from the text)."""
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-12)


def check_layer(checks, name, layer, exp):
    def ok(condition, what):
        return checks.check(condition, name, what)

    renderer = layer.renderer()
    if not ok(renderer is not None and renderer.type() == exp["type"],
                        f"renderer is {exp['type']!r} (QGIS applied {renderer.type() if renderer else None!r})"):
        return
    ok(renderer.band() == exp["band"], f"renderer reads band {exp['band']} (got {renderer.band()})")
    ok(math.isclose(renderer.opacity(), exp["opacity"], abs_tol=1e-9),
                 f"opacity {exp['opacity']} (got {renderer.opacity()})")
    ramp = renderer.shader().rasterShaderFunction()
    ramp_types = {0: "INTERPOLATED", 1: "DISCRETE", 2: "EXACT"}
    got_type = ramp_types.get(int(ramp.colorRampType()), str(ramp.colorRampType()))
    ok(got_type == exp["ramp_type"], f"colour ramp type {exp['ramp_type']} (got {got_type})")
    got = [(i.value, i.color.name().lower()) for i in ramp.colorRampItemList()]
    ok(len(got) == len(exp["items"]), f"{len(exp['items'])} ramp items (got {len(got)})")
    mismatched = [(g, e) for g, e in zip(got, exp["items"]) if not (same_value(g[0], e[0]) and g[1] == e[1])]
    ok(not mismatched and len(got) == len(exp["items"]),
                 "ramp items equal the .qml's, value and colour" if not mismatched else
                 f"ramp items differ (QGIS, .qml): {mismatched[:3]}")
    transparency = renderer.rasterTransparency()
    got_pixels = [(p.min, p.max, p.percentTransparent) for p in transparency.transparentSingleValuePixelList()] \
        if transparency else []
    ok(len(got_pixels) == len(exp["transparent"]) and all(
        same_value(g[0], e[0]) and same_value(g[1], e[1]) and g[2] == e[2]
        for g, e in zip(got_pixels, exp["transparent"])),
        f"transparent pixel ranges {exp['transparent']} (got {got_pixels})")


def check_density(checks, name, layer, surface, work):
    dataset = gdal.Open(surface)  # kept: the band dies with it
    band = dataset.GetRasterBand(1)
    values = band.ReadAsArray().astype(numpy.float64)
    nodata = band.GetNoDataValue()
    if nodata is not None:
        values = values[values != nodata]
    top = float(values.max())
    # Each object kept alive while the next is taken from it (PyQGIS does not own them).
    renderer = layer.renderer()
    shader = renderer.shader()
    ramp = shader.rasterShaderFunction()
    items = ramp.colorRampItemList()
    labels = [i.label for i in items]
    print(f"RAMP {name}: " + " | ".join(f"{i.value:g}: {i.label}" for i in items), flush=True)
    checks.check(bool(items) and same_value(items[-1].value, top), name,
                 f"ramp ends at the surface's maximum {top:g} (last item {items[-1].value if items else None})")
    checks.check(bool(labels) and "maximum" in labels[-1], name, f"last label says maximum: {labels[-1] if labels else None!r}")
    checks.check(bool(labels) and any(u in labels[0] for u in ("per km", "kernel-weighted", "scaled")), name,
                 f"first label names the unit: {labels[0] if labels else None!r}")
    bad = []
    for i in items:
        numbers = NUMBER.findall(i.label)
        v = i.value
        want = rounded(v, abs(v) >= 100 or v == 0)
        if not numbers or numbers[0] != want:
            bad.append(f"{i.label!r} for {v:g} (expected {want!r})")
    checks.check(not bad, name, "ramp labels rounded" if not bad else "ramp labels not rounded: " + "; ".join(bad))
    shown = layer.dataProvider().displayBandName(1) if hasattr(layer.dataProvider(), "displayBandName") \
        else layer.bandName(1)
    # GDAL's COG driver keeps "(Gray)" (minisblack); the description before it is ours.
    checks.check(shown.startswith("Band 1: Density of "), name, f"legend names the band by what it holds: {shown!r}")
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setBackgroundColor(QColor(255, 255, 255))
    extent = QgsRectangle(layer.extent())
    settings.setExtent(extent)
    settings.setOutputSize(QSize(900, max(1, int(900 * extent.height() / extent.width()))))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    png = os.path.join(work, os.path.splitext(name)[0] + ".png")
    image = job.renderedImage()
    image.save(png)
    drawn = drawn_pixels(image)
    checks.check(drawn >= 200, name, f"{drawn} drawn (non-white) pixels in {png}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("surface", help="density GeoTIFF written by hotspot (its .qml beside it)")
    parser.add_argument("--work", help="folder for the control copy and the PNG (default: a temporary folder)")
    parser.add_argument("--density", action="store_true", help="a density surface: check its legend and render it")
    args = parser.parse_args()
    qml = os.path.splitext(args.surface)[0] + ".qml"
    if not os.path.isfile(args.surface) or not os.path.isfile(qml):
        print(f"FAIL {args.surface} or its sidecar {qml} is missing")
        return 2
    exp = expected_style(qml)

    app = QgsApplication([], False)
    app.initQgis()
    checks = Checks()
    work = args.work or tempfile.mkdtemp(prefix="raster-style-")
    try:
        # As QGIS opens it: default layer options, which load the default (sidecar) style.
        layer = QgsRasterLayer(args.surface, "density", "gdal")
        name = os.path.basename(args.surface)
        if checks.check(layer.isValid(), name, "QGIS opens it"):
            check_layer(checks, name, layer, exp)
            message, loaded = layer.loadDefaultStyle()
            checks.check(loaded, name, "loadDefaultStyle() finds the sidecar style" + (f" ({message})" if message else ""))
            check_layer(checks, name, layer, exp)
            if args.density:
                os.makedirs(work, exist_ok=True)
                check_density(checks, name, layer, args.surface, work)
        del layer

        # Control: the same raster without a sidecar gets QGIS's own renderer.
        os.makedirs(work, exist_ok=True)
        bare = os.path.join(work, "bare_" + os.path.basename(args.surface))
        shutil.copyfile(args.surface, bare)
        control = QgsRasterLayer(bare, "bare", "gdal")
        kind = control.renderer().type() if control.isValid() and control.renderer() else None
        checks.check(control.isValid() and kind != exp["type"], "bare copy",
                     f"control without the .qml opens with QGIS's default renderer ({kind!r})")
        del control
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print(f"{checks.passed} passed, {checks.failed} failed")
    app.exitQgis()
    return 0 if checks.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
