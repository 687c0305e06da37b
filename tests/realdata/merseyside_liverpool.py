"""Shared by the real-data oracles that run hotspot on the Merseyside police.uk files and the
Liverpool LSOA11 layer: the paths (skipping with exit 77 when ../shared/data is absent), a failure
list with a tolerant numeric check, and the Liverpool 250 m study cells by GDAL's cell-centre rule."""
import os
import sys

FAILURES = []


def paths():
    """(hotspot, work, data, folder, layer) from argv; exits 77 without the shared data."""
    hotspot, work = sys.argv[1], sys.argv[2]
    data = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data")
    folder = os.path.join(data, "crime", "merseyside_street_2022-10_2025-09")
    layer = os.path.join(data, "boundaries", "liverpool_lsoa11.gpkg")
    if not os.path.isdir(folder) or not os.path.exists(layer):
        print(f"SKIP: the real-data test needs {folder} and {layer}")
        sys.exit(77)
    os.makedirs(work, exist_ok=True)
    return hotspot, work, data, folder, layer


def check(what, got, want, tol=1e-9):
    if abs(got - want) > tol * max(1.0, abs(want)):
        FAILURES.append(f"{what}: hotspot {got!r}, oracle {want!r}")


def finish(summary):
    for f in FAILURES[:20]:
        print("FAIL:", f)
    print(f"{summary}; {len(FAILURES)} failures")
    sys.exit(1 if FAILURES else 0)


CELL, GX0, GY1 = 250.0, 333000.0, 398000.0  # the Liverpool grid: 250 m cells from this north-west corner


def study_mask(layer):
    """(mask[ny, nx], nx, ny): the cells whose centre GDAL's rasteriser puts inside the layer."""
    import numpy as np
    from osgeo import gdal, ogr
    ds = ogr.Open(layer)  # kept: the layer dies with its dataset
    lyr = ds.GetLayer(0)
    x0, x1, y0, y1 = lyr.GetExtent()
    nx, ny = int(np.ceil((x1 - GX0) / CELL)), int(np.ceil((GY1 - y0) / CELL))
    mem = gdal.GetDriverByName('MEM').Create('', nx, ny, 1, gdal.GDT_Byte)
    mem.SetGeoTransform((GX0, CELL, 0, GY1, 0, -CELL))
    mem.SetProjection(lyr.GetSpatialRef().ExportToWkt())
    gdal.RasterizeLayer(mem, [1], lyr, burn_values=[1])
    return mem.ReadAsArray().astype(bool), nx, ny
