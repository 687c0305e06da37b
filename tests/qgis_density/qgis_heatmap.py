#!/usr/bin/python3
"""Runs QGIS's "Heatmap (Kernel Density Estimation)" for a list of cases, in one QGIS session.

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 qgis_heatmap.py POINTS.gpkg CASES.tsv

CASES.tsv: one case a line, tab separated:  name kernel decay values radius pixel out.tif [points [weight]]
  (points: another GeoPackage for this case instead of POINTS.gpkg (layer "points"), or
  PROVIDER:URI as QGIS opens a layer, e.g. "ogr:x.shp" or "delimitedtext:file:///x.csv?...";
  weight: the weight field, "w" by default, "-" for none)
  kernel: quartic|triangular|uniform|triweight|epanechnikov; values: raw|scaled.
For each case prints "name seconds=S errors=E" where E counts the "Error adding feature"
messages the algorithm reported (QGIS's RasterIO failures for points near the raster edge).
The kernel and output enums are looked up by label in the algorithm's own parameter
definition, so a QGIS that reorders them still gets the right kernel.
"""
import os
import sys
import time

sys.path.insert(0, "/usr/share/qgis/python/plugins")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import QgsApplication, QgsProcessingFeedback, QgsVectorLayer  # noqa: E402

app = QgsApplication([], False)
app.initQgis()

from processing.core.Processing import Processing  # noqa: E402
import processing  # noqa: E402

Processing.initialize()

ALG = "qgis:heatmapkerneldensityestimation"


class Feedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.errors = []

    def reportError(self, error, fatalError=False):  # noqa: N802 (Qt name)
        self.errors.append(error)


def enum_index(alg, name, label):
    options = [o.lower() for o in alg.parameterDefinition(name).options()]
    if label.lower() not in options:
        raise SystemExit(f"{ALG}: {name} has no option {label!r} (options: {options})")
    return options.index(label.lower())


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    points, cases = sys.argv[1], sys.argv[2]
    alg = QgsApplication.processingRegistry().algorithmById(ALG)
    if alg is None:
        raise SystemExit(f"QGIS has no algorithm {ALG}")
    layers = {}

    def layer_for(path):
        if path not in layers:
            provider, uri = "ogr", path + "|layername=points"
            if path.startswith(("ogr:", "delimitedtext:")):
                provider, uri = path.split(":", 1)
            layer = QgsVectorLayer(uri, "points", provider)
            if not layer.isValid():
                raise SystemExit(f"QGIS cannot open {path}")
            layers[path] = layer
        return layers[path]

    status = 0
    with open(cases) as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.rstrip("\n").split("\t")
            name, kernel, decay, values, radius, pixel, out = fields[:7]
            layer = layer_for(fields[7] if len(fields) > 7 and fields[7] else points)
            weight = fields[8] if len(fields) > 8 and fields[8] else "w"
            weight = None if weight == "-" else weight
            fb = Feedback()
            params = {
                "INPUT": layer,
                "RADIUS": float(radius),
                "PIXEL_SIZE": float(pixel),
                "KERNEL": enum_index(alg, "KERNEL", kernel),
                "DECAY": float(decay),
                "OUTPUT_VALUE": enum_index(alg, "OUTPUT_VALUE", values),
                "WEIGHT_FIELD": weight,
                "OUTPUT": out,
            }
            t0 = time.perf_counter()
            try:
                processing.run(ALG, params, feedback=fb)
            except Exception as e:  # a failed case is reported, the others still run
                print(f"{name} FAILED {e}", flush=True)
                status = 1
                continue
            took = time.perf_counter() - t0
            print(f"{name} seconds={took:.3f} errors={len(fb.errors)}", flush=True)
            for e in fb.errors[:5]:
                print(f"    {e}", flush=True)
    return status


if __name__ == "__main__":
    rc = main()
    app.exitQgis()
    sys.exit(rc)
