#!/usr/bin/python3
"""Prints the mass of a density surface: sum of the cells (NoData excluded) x cell area / 1e6.

    grid_mass.py SURFACE.tif [EXPECTED TOLERANCE]

For a per_km2 surface (incidents per km2) this is the weighted count on the grid. With
EXPECTED and TOLERANCE (relative), exits 1 when |mass - EXPECTED| > TOLERANCE * EXPECTED.
"""
import sys

import numpy as np
from osgeo import gdal

gdal.UseExceptions()


def main():
    if len(sys.argv) not in (2, 4):
        raise SystemExit(__doc__)
    ds = gdal.Open(sys.argv[1])
    gt = ds.GetGeoTransform()
    band = ds.GetRasterBand(1)
    a = band.ReadAsArray().astype(np.float64)
    nodata = band.GetNoDataValue()
    if nodata is not None:
        a = a[a != nodata]
    mass = a.sum() * abs(gt[1] * gt[5]) / 1e6
    line = f"mass={mass:.6f} cells={ds.RasterXSize}x{ds.RasterYSize}"
    if len(sys.argv) == 4:
        expected, tol = float(sys.argv[2]), float(sys.argv[3])
        err = abs(mass - expected) / expected
        ok = err <= tol
        print(f"{line} rel_err={err:.2e} {'PASS' if ok else 'FAIL'}")
        return 0 if ok else 1
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
