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

from qgis.core import QgsApplication, QgsRasterLayer  # noqa: E402  (QT_QPA_PLATFORM must be set first)

from check_styles import Checks  # noqa: E402  (beside this script)


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


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("surface", help="density GeoTIFF written by hotspot (its .qml beside it)")
    parser.add_argument("--work", help="folder for the control copy (default: a temporary folder)")
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
