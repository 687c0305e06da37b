#!/usr/bin/python3
"""QGIS 3.22 opens the .qgz hotspot writes beside a GeoPackage as a GIS officer would get it.

  check_qgis_project.py HOTSPOT WORK GEODATA_INI [SHARED_DATA]

Runs `hotspot run` on the embedded city (with its density surface), `hotspot stats`, `sites` and
`emerging`, and,
when SHARED_DATA exists, `hotspot run` on British Transport Police incidents in Birmingham's
wards and LSOAs. Each project is opened with QgsProject.read and checked against oracles that
do not come from hotspot's writer: the groups and their order, every layer valid, each
layer's renderer type equal to the type in the GeoPackage's default style (layer_styles read
with sqlite3 and ElementTree) or the COG's sidecar .qml, the incidents layer off, the project
CRS, the default view extent equal to the study area's extent (read with OGR), every source
relative; then the folder is moved elsewhere and the project opened again (still valid).
The canvas is rendered to WORK/*.png. Exit 0 pass, 1 fail, 77 skip (no PyQGIS).
"""
import os
import shutil
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

try:
    from osgeo import ogr
    from qgis.core import QgsApplication, QgsProject, QgsRasterLayer
    from qgis_checks import Tally, render_png
except ImportError:
    print("SKIP: PyQGIS not installed (apt-get install python3-qgis qgis-providers)")
    sys.exit(77)

hotspot, work, ini = sys.argv[1:4]
shared = sys.argv[4] if len(sys.argv) > 4 else ""
work = os.path.abspath(work)
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
app = QgsApplication([], False)
app.initQgis()
check = Tally()


def style_type(gpkg, layer):
    """The renderer type of a layer's default style, as QGIS picks it (useAsDefault, newest)."""
    with sqlite3.connect(gpkg) as db:
        row = db.execute("SELECT styleQML FROM layer_styles WHERE f_table_name = ? AND f_table_schema = '' "
                         "ORDER BY useAsDefault DESC, update_time DESC LIMIT 1", (layer,)).fetchone()
    return ET.fromstring(row[0].encode()).find("renderer-v2").get("type") if row else None


def sidecar_type(tif):
    return ET.parse(os.path.splitext(tif)[0] + ".qml").getroot().find("pipe/rasterrenderer").get("type")


def ogr_extent(gpkg, layers):
    """The union of the layers' extents ("a,b")."""
    ds = ogr.Open(gpkg)
    boxes = [ds.GetLayerByName(name).GetExtent() for name in layers.split(",")]
    return min(b[0] for b in boxes), min(b[2] for b in boxes), max(b[1] for b in boxes), max(b[3] for b in boxes)


def open_project(path):
    project = QgsProject.instance()
    project.clear()
    check(project.read(path), f"QgsProject.read({path})")
    return project


def render(project, png):
    """The canvas as the project opens: the checked layers in layer-tree order, its default extent."""
    render_png(project.layerTreeRoot().checkedLayers(), project.crs(), project.viewSettings().defaultViewExtent(), png)
    print(f"rendered {png}")


def check_project(label, qgz, groups, study_gpkg, study_layer, crs="EPSG:27700"):
    folder = os.path.dirname(qgz)
    project = open_project(qgz)
    root = project.layerTreeRoot()
    names = [g.name() for g in root.children()]
    check(names == groups, f"{label}: groups {names} == {groups}")
    for node in root.findLayers():
        layer = node.layer()
        check(layer is not None and layer.isValid(), f"{label}: layer {node.name()} valid")
        if layer is None:
            continue
        if isinstance(layer, QgsRasterLayer):
            want = sidecar_type(os.path.join(folder, layer.source()))
            got = layer.renderer().type()
        else:
            path, name = layer.source().split("|layername=")
            want, got = style_type(path, name), layer.renderer().type()
        check(got == want, f"{label}: {node.name()} renderer {got} == default style's {want}")
        if node.name() == "incidents":
            check(not node.itemVisibilityChecked() and not node.parent().itemVisibilityChecked(), f"{label}: incidents off by default")
    check(project.crs().authid() == crs, f"{label}: project CRS {project.crs().authid()} == {crs}")
    view = project.viewSettings().defaultViewExtent()
    want = ogr_extent(study_gpkg, study_layer)
    got = (view.xMinimum(), view.yMinimum(), view.xMaximum(), view.yMaximum())
    # The study area's extent, whole, with a margin of at most 5% of its size each side.
    mx, my = (want[2] - want[0]) * 0.05, (want[3] - want[1]) * 0.05
    inside = got[0] <= want[0] and got[1] <= want[1] and got[2] >= want[2] and got[3] >= want[3]
    tight = got[0] >= want[0] - mx and got[1] >= want[1] - my and got[2] <= want[2] + mx and got[3] <= want[3] + my
    check(inside and tight, f"{label}: view extent {got} holds {study_layer}'s {want} with at most 5% margin")
    with zipfile.ZipFile(qgz) as z:
        qgs = ET.fromstring(z.read(z.namelist()[0]))
    sources = [d.text for d in qgs.iter("datasource")]
    check(sources and all(s.startswith("./") for s in sources), f"{label}: sources relative: {sources}")
    render(project, os.path.join(work, f"{label}.png"))
    # The folder moved elsewhere: relative sources still resolve.
    moved = os.path.join(work, "moved", label)
    shutil.move(folder, moved)
    project = open_project(os.path.join(moved, os.path.basename(qgz)))
    layers = project.layerTreeRoot().findLayers()
    check(layers and all(n.layer() is not None and n.layer().isValid() and n.layer().source().startswith(moved) for n in layers),
          f"{label}: all {len(layers)} layers valid from the moved folder {moved}")
    project.clear()


def run(*args, cwd=None):
    subprocess.run([hotspot, *args, "-q"], check=True, cwd=cwd)


city = os.path.join(work, "city")
run("run", "-c", ini, "-o", f"{city}/city.gpkg", "--set", "output.mbtiles=", "--set", "output.xyz=",
    "--set", f"output.density={city}/city_density.tif")
check_project("city", f"{city}/city.qgz", ["Hotspots", "Areas", "Incidents"], f"{city}/city.gpkg", "wards")

stats = os.path.join(work, "stats")
run("stats", "-c", ini, "--category", "Anti-social behaviour", "--units", "grid", "--cell", "200", "--neighbours", "band:600",
    "--permutations", "99", "--grid-output", "both", "-o", f"{stats}/stats.gpkg")
check_project("stats", f"{stats}/stats.qgz", ["Statistics"], f"{stats}/stats.gpkg", "gistar")

sites = os.path.join(work, "sites")
run("sites", "-c", ini, "--category", "Anti-social behaviour", "--within", "wards=Ashcombe;Wexley Green;Billingford;Ladymead",
    "-o", f"{sites}/sites.gpkg", cwd=os.path.dirname(os.path.dirname(os.path.abspath(ini))))
check_project("sites", f"{sites}/sites.qgz", ["Hotspots"], f"{sites}/sites.gpkg", "sites,hotspots")

emerging = os.path.join(work, "emerging")
run("emerging", "-c", ini, "--cell", "250", "--band", "500", "-o", f"{emerging}/emerging.gpkg")
check_project("emerging", f"{emerging}/emerging.qgz", ["Hotspots"], f"{emerging}/emerging.gpkg", "emerging_hot_spots")

if shared and os.path.isdir(shared):
    btp = os.path.join(work, "btp")
    run("run", "--police", f"{shared}/crime/btp_street_2022-10_2025-01",
        "--area", f"wards={shared}/boundaries/birmingham_wards_2018.gpkg,id=code,name=ward_name",
        "--area", f"lsoa={shared}/boundaries/bsol_lsoa21.gpkg,id=LSOA21,name=LSOA21NM", "-o", f"{btp}/btp.gpkg")
    check_project("btp", f"{btp}/btp.qgz", ["Areas", "Incidents"], f"{btp}/btp.gpkg", "wards")
else:
    print("SKIP: ../shared/data absent: the Birmingham (BTP) project was not checked")

print(f"{check.failed} failures")
sys.exit(1 if check.failed else 0)
