#!/usr/bin/python3
"""scikit-learn peer for tools/bench-density: KernelDensity on a grid of cell centres.

    density_sklearn.py POINTS.npz XMIN YMAX CELL NX NY BANDWIDTH OUT.tif [--kernel epanechnikov]

POINTS.npz holds x, y, w (tools/bench/density_points.py). Fits
KernelDensity(kernel, bandwidth, algorithm="kd_tree") (unweighted unless --weights) and evaluates
score_samples at the NX x NY cell centres (XMIN + (c + 0.5) CELL, YMAX - (r + 0.5) CELL).
scikit-learn returns log(density / total weight) with the kernel normalised to integrate to
1 (for epanechnikov in 2-D: 2 / (pi h^2) (1 - d^2/h^2)); exp(score) x total weight x 1e6 is
then incidents per km2, the unit of hotspot's per_km2 values, and is written to OUT.tif
(Float32, same geotransform as hotspot's) for compare.py.
Prints fit_seconds:, score_seconds: (the two timed steps) and sklearn_version:.
"""
import argparse
import time

import numpy as np
import sklearn
from sklearn.neighbors import KernelDensity


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("points")
    ap.add_argument("xmin", type=float)
    ap.add_argument("ymax", type=float)
    ap.add_argument("cell", type=float)
    ap.add_argument("nx", type=int)
    ap.add_argument("ny", type=int)
    ap.add_argument("bandwidth", type=float)
    ap.add_argument("out")
    ap.add_argument("--kernel", default="epanechnikov")
    ap.add_argument("--weights", action="store_true",
                    help="use the w column as sample_weight (scikit-learn 1.2's weighted tree KDE is ~200x slower: "
                         "it re-sums the weights of every node it visits)")
    a = ap.parse_args()
    d = np.load(a.points)
    xy = np.column_stack([d["x"], d["y"]])
    w = d["w"] if a.weights else np.ones(len(xy))
    cx = a.xmin + (np.arange(a.nx) + 0.5) * a.cell
    cy = a.ymax - (np.arange(a.ny) + 0.5) * a.cell
    gx, gy = np.meshgrid(cx, cy)  # row-major, row 0 at the top
    query = np.column_stack([gx.ravel(), gy.ravel()])

    t0 = time.perf_counter()
    kde = KernelDensity(kernel=a.kernel, bandwidth=a.bandwidth, algorithm="kd_tree").fit(xy, sample_weight=w if a.weights else None)
    t1 = time.perf_counter()
    score = kde.score_samples(query)
    t2 = time.perf_counter()
    print(f"fit_seconds: {t1 - t0:.3f}")
    print(f"score_seconds: {t2 - t1:.3f}")
    print(f"sklearn_version: {sklearn.__version__}")

    per_km2 = (np.exp(score) * w.sum() * 1e6).reshape(a.ny, a.nx).astype(np.float32)
    from osgeo import gdal
    gdal.UseExceptions()
    ds = gdal.GetDriverByName("GTiff").Create(a.out, a.nx, a.ny, 1, gdal.GDT_Float32)
    ds.SetGeoTransform((a.xmin, a.cell, 0.0, a.ymax, 0.0, -a.cell))
    ds.GetRasterBand(1).WriteArray(per_km2)
    ds = None


if __name__ == "__main__":
    main()
