#!/usr/bin/python3
"""The hotspot Processing provider, headless, as a QGIS user gets it.

    check_processing.py HOTSPOT WORK_DIR [--real-data]

Installs the plugin with tools/install-qgis-plugin into WORK_DIR/profile, starts it from there as QGIS
does (qgis.utils: metadata, classFactory, initProcessing) in a headless QGIS with Processing, points its
HOTSPOT_EXECUTABLE setting at HOTSPOT, and checks on the embedded city (geodata/):

  - processing.run("hotspot:density", ...) writes the same surface as the command line with the
    same options (GDAL: every cell, the grid, the CRS, nodata) and reports hotspot's progress;
  - an area layer QGIS holds in memory (not a file) is copied for hotspot: the surface equals the
    command line's on the GeoPackage itself;
  - hotspot:sites and hotspot:density, then run, stats, emerging, priority and place, loaded into the
    project (runAndLoadResults), each drawn to WORK_DIR/png: every layer written (OGR lists them)
    loaded, valid, its renderer the type of the default style in layer_styles or the GeoTIFF's .qml,
    points above polygons above rasters;
  - hotspot's own errors (a bad period, an existing output without OVERWRITE, a missing
    executable) become a QgsProcessingException carrying hotspot's message.

The same for hotspot:place given candidate points as a layer in memory.

With --real-data: hotspot:sites on British Transport Police incidents (../shared/data) with the
Birmingham wards as a QGIS layer equals the command line's sites; rendered too. Exits 77 when
that data is absent.

Prints PASS/FAIL lines; exits 0, 1 on a failure, 77 when PyQGIS is not installed.
"""

import faulthandler
import os
import re
import sqlite3
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(ROOT, "..", "shared", "data")
faulthandler.enable()  # a crash inside QGIS shows its Python stack

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
try:
    from qgis.core import QgsApplication  # noqa: F401
except ImportError:
    print("SKIP: PyQGIS not installed (tools/install-deps test)")
    sys.exit(77)

from osgeo import gdal, ogr  # noqa: E402
import numpy  # noqa: E402
from qgis.core import (  # noqa: E402
    QgsMapRendererParallelJob,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsMapSettings,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402

failures = []


def check(ok, what):
    print(f"{'PASS' if ok else 'FAIL'} {what}", flush=True)
    if not ok:
        failures.append(what)
    return ok


class Feedback(QgsProcessingFeedback):
    def __init__(self):
        super().__init__()
        self.percents = []

    def setProgress(self, progress):  # noqa: N802 (Qt name)
        self.percents.append(progress)
        super().setProgress(progress)


def start_qgis(hotspot, work):
    profile = os.path.join(work, "profile")
    # A profile where the plugin was switched off, with other settings that must survive.
    os.makedirs(os.path.join(profile, "QGIS"), exist_ok=True)
    before = "[General]\nlocale\\userLocale=en_GB\n\n[PythonPlugins]\nhotspot_processing=false\nprocessing=true\n"
    with open(os.path.join(profile, "QGIS", "QGIS3.ini"), "w", encoding="utf-8") as ini:
        ini.write(before)
    for _ in range(2):  # installing again replaces the first install
        subprocess.run([os.path.join(ROOT, "tools", "install-qgis-plugin"), profile], check=True)
    with open(os.path.join(profile, "QGIS", "QGIS3.ini"), encoding="utf-8") as ini:
        after = ini.read()
    check(after == before.replace("hotspot_processing=false", "hotspot_processing=true"),
          f"install-qgis-plugin enables the plugin in QGIS3.ini, other settings kept: {after!r}")
    sys.path.insert(0, "/usr/share/qgis/python/plugins")
    sys.path.insert(0, os.path.join(profile, "python", "plugins"))
    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing
    from processing.core.ProcessingConfig import ProcessingConfig
    Processing.initialize()
    # As QGIS starts a plugin with a Processing provider (qgis_process does the same): find it in the
    # profile's plugin folder, read metadata.txt, import it, call classFactory and initProcessing.
    import qgis.utils
    qgis.utils.plugin_paths = [os.path.join(profile, "python", "plugins")]
    qgis.utils.updateAvailablePlugins()
    metadata = qgis.utils.pluginMetadata("hotspot_processing", "hasProcessingProvider")
    started = qgis.utils.loadPlugin("hotspot_processing") and qgis.utils.startProcessingPlugin("hotspot_processing")
    check(started and metadata == "yes", f"QGIS starts the plugin from the profile (hasProcessingProvider={metadata})")
    if not started:
        raise SystemExit(1)
    plugin = qgis.utils.plugins["hotspot_processing"]
    check(sys.modules["hotspot_processing"].__file__.startswith(profile),
          f"plugin imported from the profile: {sys.modules['hotspot_processing'].__file__}")
    ProcessingConfig.setSettingValue("HOTSPOT_EXECUTABLE", hotspot)
    return app, plugin, ProcessingConfig


def hotspot_cli(hotspot, command, args):
    """The command line's run (the oracle), from the repository root as the config's paths need."""
    result = subprocess.run([hotspot, command, "-q", "--overwrite"] + args, cwd=ROOT, capture_output=True, text=True)
    return result


def same_raster(a, b):
    da, db = gdal.Open(a), gdal.Open(b)
    ba, bb = da.GetRasterBand(1), db.GetRasterBand(1)
    return (da.RasterXSize, da.RasterYSize) == (db.RasterXSize, db.RasterYSize) and \
        da.GetGeoTransform() == db.GetGeoTransform() and \
        da.GetProjection() == db.GetProjection() and \
        ba.GetNoDataValue() == bb.GetNoDataValue() and \
        numpy.array_equal(ba.ReadAsArray(), bb.ReadAsArray(), equal_nan=True)


def layer_rows(path, layer_name, field):
    """[(FIELD, geometry WKT)] of a layer read with OGR (the data source kept open while read)."""
    source = ogr.Open(path)
    return [(f.GetField(field), f.GetGeometryRef().ExportToWkt()) for f in source.GetLayerByName(layer_name)]


def default_renderer(gpkg, layer):
    """The renderer type of the layer's default style in layer_styles, read with SQLite."""
    with sqlite3.connect(gpkg) as db:
        row = db.execute("SELECT styleQML FROM layer_styles WHERE f_table_name = ? AND useAsDefault "
                         "ORDER BY update_time DESC LIMIT 1", (layer,)).fetchone()
    match = re.search(r'<renderer-v2[^>]*\btype="(\w+)"', row[0]) if row else None
    return match.group(1) if match else None


def sidecar_renderer(tif):
    with open(os.path.splitext(tif)[0] + ".qml", encoding="utf-8") as qml:
        text = qml.read()
    return re.search(r'<rasterrenderer[^>]*\btype="(\w+)"', text).group(1)


def render(layers, extent, path):
    """Draws the layers (first on top) headless and returns the count of non-white pixels."""
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(layers[0].crs())
    settings.setExtent(extent)
    settings.setOutputSize(QSize(1000, 800))
    settings.setBackgroundColor(QColor("white"))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    image.save(path)
    white = QColor("white").rgb()
    return sum(1 for y in range(0, image.height(), 4) for x in range(0, image.width(), 4)
               if image.pixel(x, y) != white)


def expect_error(processing, alg, parameters, expected, what):
    try:
        processing.run(alg, parameters)
    except QgsProcessingException as error:
        return check(expected in str(error), f"{what}: QgsProcessingException carries {expected!r} (got {str(error)!r})")
    return check(False, f"{what}: no QgsProcessingException")


def loaded_layers_checks(project, label):
    """Every loaded layer valid and styled as its file says; our drawing order; returns the layers."""
    nodes = project.layerTreeRoot().findLayers()
    layers = [n.layer() for n in nodes]
    for layer in layers:
        source = layer.source()
        if layer.type() == layer.RasterLayer:
            expected = sidecar_renderer(source)
        else:
            path, name = source.split("|layername=")
            expected = default_renderer(path, name)
        check(layer.isValid() and layer.renderer() is not None and layer.renderer().type() == expected,
              f"{label}: {layer.name()} loaded valid, renderer {layer.renderer().type() if layer.renderer() else None} "
              f"= its file's default style {expected}")
    ranks = [int(layer.customProperty("hotspot_processing/rank")) for layer in layers]
    check(ranks == sorted(ranks), f"{label}: points above polygons above rasters, top to bottom {[l.name() for l in layers]}")
    return layers


def progress_parser():
    """GDAL's bar split across reads as a pipe may deliver it: a mark cut short ("1" of "10", "10" of
    "100") is not taken until its dots follow; other lines come whole."""
    from hotspot_processing.executable import ProgressParser
    percents, lines = [], []
    parser = ProgressParser(percents.append, lines.append)
    for chunk in ("0..", ".1", "0...20...30...40...50...60...70...80...90...10", "0 - done.\npoints:   7",
                  "4896\n0...10 total\n", "output: x.tif"):
        parser.feed(chunk)
    parser.close()
    check(percents == [0, 0, 90, 100] and lines == ["points:   74896", "0...10 total", "output: x.tif"],
          f"progress marks split across reads: {percents}, other lines whole: {lines}")


def embedded(processing, config, hotspot, work):
    progress_parser()
    ini = os.path.join(ROOT, "geodata", "hotspot.ini")
    asb = "Anti-social behaviour"
    # 1. density equals the command line's
    cli = hotspot_cli(hotspot, "density", ["-c", ini, "--category", asb, "--bandwidth", "200", "--cell", "20",
                                           "-o", f"{work}/cli_density.tif"])
    check(cli.returncode == 0, f"command line density ran ({cli.stderr.strip()})")
    feedback = Feedback()
    started = time.monotonic()
    result = processing.run("hotspot:density", {"CONFIG": ini, "CATEGORY": asb, "BANDWIDTH": 200, "CELL": 20,
                                                "OVERWRITE": True, "OUTPUT": f"{work}/alg_density.tif"}, feedback=feedback)
    print(f"hotspot:density took {time.monotonic() - started:.1f} s")
    check(result["OUTPUT"] == f"{work}/alg_density.tif", "hotspot:density returns its output path")
    check(same_raster(f"{work}/cli_density.tif", f"{work}/alg_density.tif"),
          "hotspot:density surface = the command line's (cells, grid, CRS, nodata)")
    percents = feedback.percents
    check(percents == sorted(percents) and percents[-1] == 100 and any(0 < p < 100 for p in percents),
          f"hotspot's progress marks reach the feedback, rising to 100 ({percents})")

    # 2. an area layer held in memory is copied to a file for hotspot
    wards_file = QgsVectorLayer(f"{ROOT}/geodata/boundaries.gpkg|layername=wards", "wards", "ogr")
    memory = wards_file.materialize(QgsFeatureRequest())
    police = os.path.join(ROOT, "geodata", "police")
    spec = f"wards={ROOT}/geodata/boundaries.gpkg,layer=wards,id=ward_code,name=ward_name"
    cli = hotspot_cli(hotspot, "density", ["--police", police, "--area", spec, "--bandwidth", "300", "--cell", "25",
                                           "-o", f"{work}/cli_wards.tif"])
    check(cli.returncode == 0, f"command line density on the wards file ran ({cli.stderr.strip()})")
    processing.run("hotspot:density", {"POLICE": police, "AREAS": memory, "AREA_NAME": "wards", "AREA_ID": "ward_code",
                                       "AREA_LABEL": "ward_name", "BANDWIDTH": 300, "CELL": 25,
                                       "OVERWRITE": True, "OUTPUT": f"{work}/alg_wards.tif"})
    check(memory.providerType() == "memory" and same_raster(f"{work}/cli_wards.tif", f"{work}/alg_wards.tif"),
          "hotspot:density with a memory area layer = the command line's on the GeoPackage")

    # 3. sites and density loaded into the project, styled, drawn
    project = QgsProject.instance()
    project.clear()
    within = "wards=Ashcombe;Wexley Green;Billingford;Ladymead"
    processing.runAndLoadResults("hotspot:sites", {"CONFIG": ini, "CATEGORY": asb, "WITHIN": within, "OVERWRITE": True,
                                                   "OUTPUT": f"{work}/alg_sites.gpkg"})
    processing.runAndLoadResults("hotspot:density", {"CONFIG": ini, "CATEGORY": asb, "BANDWIDTH": 200, "CELL": 20,
                                                     "OVERWRITE": True, "OUTPUT": f"{work}/asb_density.tif"})
    layers = loaded_layers_checks(project, "embedded")
    names = {layer.name() for layer in layers}
    check({"sites", "hotspots", "density_classes", "asb_density"} <= names, f"sites, hotspots, classes and surface loaded: {sorted(names)}")
    sites = next(layer for layer in layers if layer.name() == "sites")
    extent = QgsRectangle(sites.extent())
    extent.grow(400)
    drawn = render(layers, extent, f"{work}/png/embedded_sites_density.png")
    check(drawn > 5000, f"map of the loaded outputs drawn ({drawn} of 50000 sampled pixels not white)")

    # 4. the other algorithms: every geometry layer they write (listed by OGR) loaded and styled
    wards = QgsVectorLayer(f"{ROOT}/geodata/boundaries.gpkg|layername=wards", "wards", "ogr")
    others = {
        "run": {"POLICE": police, "AREAS": wards, "AREA_NAME": "wards", "AREA_ID": "ward_code", "AREA_LABEL": "ward_name",
                "AREA_POPULATION": "population", "BASE_PERIOD": "2023/24", "CURRENT_PERIOD": "2024/25"},
        "stats": {"CONFIG": ini, "CATEGORY": asb, "CELL": 200, "NEIGHBOURS": "band:600", "PERMUTATIONS": 99},
        "emerging": {"CONFIG": ini, "CELL": 250, "BAND": 500},
        "priority": {"CONFIG": ini, "LAYER": "neighbourhoods", "TOP": 5,
                     "INDICATORS": "asb=categories:Anti-social behaviour,per:1000 residents|"
                                   "burglary=categories:Burglary,per:1000 residents"},
        "place": {"CONFIG": ini, "CATEGORY": asb, "COUNT": 5, "WITHIN": "wards=Ashcombe;Ladymead"},
    }
    for name, parameters in others.items():
        project.clear()
        output = f"{work}/alg_{name}.gpkg"
        started = time.monotonic()
        processing.runAndLoadResults(f"hotspot:{name}", dict(parameters, OVERWRITE=True, OUTPUT=output))
        print(f"hotspot:{name} took {time.monotonic() - started:.1f} s")
        source = ogr.Open(output)
        written = {source.GetLayer(i).GetName() for i in range(source.GetLayerCount())
                   if source.GetLayer(i).GetGeomType() != ogr.wkbNone}
        layers = loaded_layers_checks(project, name)
        loaded = {layer.name() for layer in layers}
        check(loaded == written and written, f"hotspot:{name}: the layers loaded {sorted(loaded)} = those written")
        visible = [n.layer() for n in project.layerTreeRoot().findLayers() if n.isVisible()]
        drawn = render(visible, visible[-1].extent(), f"{work}/png/{name}.png")
        check(drawn > 1000, f"hotspot:{name}: map of the visible layers drawn ({drawn} sampled pixels not white)")

    # Candidate points as a QGIS layer held in memory = the same points given to the command line by
    # file: every other candidate of the run above (ogr2ogr), so the choice differs from the default's.
    subset = f"{work}/candidates_subset.gpkg"
    subprocess.run(["ogr2ogr", "-overwrite", "-f", "GPKG", "-where", "fid % 2 = 0", "-nln", "candidates", subset,
                    f"{work}/alg_place.gpkg", "candidate_gains"], check=True)
    place = ["-c", ini, "--category", asb, "--count", "3", "--within", "wards=Ashcombe;Ladymead"]
    for name, extra in (("cli_place_layer", ["--candidates", f"layer:{subset},layer=candidates"]), ("cli_place_all", [])):
        cli = hotspot_cli(hotspot, "place", place + extra + ["-o", f"{work}/{name}.gpkg"])
        check(cli.returncode == 0, f"command line place ({name}) ran ({cli.stderr.strip()})")
    in_memory = QgsVectorLayer(subset, "candidates", "ogr").materialize(QgsFeatureRequest())
    processing.run("hotspot:place", {"CONFIG": ini, "CATEGORY": asb, "COUNT": 3, "WITHIN": "wards=Ashcombe;Ladymead",
                                     "CANDIDATE_LAYER": in_memory, "OVERWRITE": True,
                                     "OUTPUT": f"{work}/alg_place_layer.gpkg"})
    cli_sites, alg_sites, all_sites = [sorted(wkt for _, wkt in layer_rows(f"{work}/{name}.gpkg", "placement_sites", "rank"))
                                       for name in ("cli_place_layer", "alg_place_layer", "cli_place_all")]
    check(len(cli_sites) == 3 and alg_sites == cli_sites and cli_sites != all_sites,
          f"hotspot:place with candidate points in memory chooses the command line's 3 sites from them "
          f"({alg_sites}), not those from every incident ({all_sites})")

    # 5. hotspot's errors
    bad = hotspot_cli(hotspot, "density", ["-c", ini, "--period", "2024-13", "--bandwidth", "200", "--cell", "20",
                                           "-o", f"{work}/bad.tif"])
    message = bad.stderr.strip().splitlines()[-1] if bad.stderr.strip() else "(none)"
    check(bad.returncode == 2, f"command line refuses --period 2024-13: {message}")
    expect_error(processing, "hotspot:density", {"CONFIG": ini, "PERIOD": "2024-13", "BANDWIDTH": 200, "CELL": 20,
                                                 "OUTPUT": f"{work}/bad.tif"}, message, "a bad period")
    expect_error(processing, "hotspot:density", {"CONFIG": ini, "BANDWIDTH": 200, "CELL": 20,
                                                 "OUTPUT": f"{work}/alg_density.tif"}, "pass --overwrite", "an existing output")
    # The setting names a file that is not a program; then no setting and no hotspot on PATH.
    config.setSettingValue("HOTSPOT_EXECUTABLE", ini)
    expect_error(processing, "hotspot:density", {"CONFIG": ini, "BANDWIDTH": 200, "CELL": 20, "OUTPUT": f"{work}/x.tif"},
                 f"hotspot executable '{ini}' (Processing setting HOTSPOT_EXECUTABLE) does not exist or is not executable",
                 "a setting that is not a program")
    config.setSettingValue("HOTSPOT_EXECUTABLE", "")
    path = os.environ["PATH"]
    os.environ["PATH"] = os.path.join(work, "empty-path")
    expect_error(processing, "hotspot:density", {"CONFIG": ini, "BANDWIDTH": 200, "CELL": 20, "OUTPUT": f"{work}/x.tif"},
                 "hotspot executable not found", "no setting and no hotspot on PATH")
    os.environ["PATH"] = os.path.dirname(hotspot) + os.pathsep + path
    processing.run("hotspot:density", {"CONFIG": ini, "BANDWIDTH": 200, "CELL": 20, "OVERWRITE": True,
                                       "OUTPUT": f"{work}/from_path.tif"})
    check(os.path.isfile(f"{work}/from_path.tif"), "no setting: the hotspot on PATH runs")
    os.environ["PATH"] = path
    config.setSettingValue("HOTSPOT_EXECUTABLE", hotspot)


def real_data(processing, hotspot, work):
    btp = os.path.join(SHARED, "crime", "btp_street_2022-10_2025-01")
    wards_path = os.path.join(SHARED, "boundaries", "birmingham_wards_2018.gpkg")
    if not (os.path.isdir(btp) and os.path.isfile(wards_path)):
        print(f"SKIP: {btp} or {wards_path} absent: the real-data check did not run")
        return False
    cli = hotspot_cli(hotspot, "sites", ["--police", btp, "--area", f"wards={wards_path},id=code,name=ward_name",
                                         "--count", "8", "-o", f"{work}/cli_btp_sites.gpkg"])
    check(cli.returncode == 0, f"command line BTP sites ran ({cli.stderr.strip()})")
    wards = QgsVectorLayer(wards_path, "Birmingham wards", "ogr")
    project = QgsProject.instance()
    project.clear()
    started = time.monotonic()
    processing.runAndLoadResults("hotspot:sites", {"POLICE": btp, "AREAS": wards, "AREA_NAME": "wards",
                                                   "AREA_ID": "code", "AREA_LABEL": "ward_name", "COUNT": 8,
                                                   "OVERWRITE": True, "OUTPUT": f"{work}/alg_btp_sites.gpkg"})
    print(f"hotspot:sites on BTP took {time.monotonic() - started:.1f} s")
    expected = layer_rows(f"{work}/cli_btp_sites.gpkg", "sites", "rank")
    check(len(expected) == 8 and layer_rows(f"{work}/alg_btp_sites.gpkg", "sites", "rank") == expected,
          "BTP hotspot:sites with the wards as a QGIS layer = the command line's 8 sites (rank, geometry)")
    layers = loaded_layers_checks(project, "BTP")
    # The input wards as outlines under the outputs, the whole city and the centre (sites 1 and 2).
    wards.renderer().setSymbol(QgsFillSymbol.createSimple({"color": "0,0,0,0", "outline_color": "120,120,120"}))
    extent = next(layer for layer in layers if layer.name() == "sites").extent()
    extent.grow(1500)
    drawn = render(layers + [wards], extent, f"{work}/png/btp_sites.png")
    check(drawn > 300, f"map of the BTP sites drawn ({drawn} sampled pixels not white)")
    first = next(layer for layer in layers if layer.name() == "sites").getFeature(1).geometry().boundingBox()
    first.grow(1200)
    drawn = render(layers + [wards], first, f"{work}/png/btp_sites_centre.png")
    check(drawn > 300, f"map of the first BTP site drawn ({drawn} sampled pixels not white)")
    return True


def main():
    if len(sys.argv) not in (3, 4) or (len(sys.argv) == 4 and sys.argv[3] != "--real-data"):
        raise SystemExit(__doc__)
    hotspot, work = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    os.makedirs(os.path.join(work, "png"), exist_ok=True)
    if not os.environ.get("XDG_RUNTIME_DIR"):  # keeps Qt from warning about it
        os.environ["XDG_RUNTIME_DIR"] = os.path.join(work, "xdg-runtime")
        os.makedirs(os.environ["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)
    app, plugin, config = start_qgis(hotspot, work)
    import processing
    ran = True
    if len(sys.argv) == 4:
        ran = real_data(processing, hotspot, work)
    else:
        embedded(processing, config, hotspot, work)
    print(f"{len(failures)} failed" + "".join(f"\n  {f}" for f in failures))
    plugin.unload()
    if failures:
        return 1
    return 0 if ran else 77


if __name__ == "__main__":
    sys.exit(main())
