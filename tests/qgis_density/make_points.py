#!/usr/bin/python3
"""Writes a deterministic point set for the QGIS heatmap parity test (and the density bench).

    make_points.py OUT.gpkg [--n N] [--seed S] [--extent-m M] [--format gpkg|csv]

GeoPackage point layer "points" in EPSG:27700 around E 435000 N 292000, fields
    month (text, "2024-03")   w (real, the weight)
FIDs 1..N in the order written, so every reader that iterates in FID order (hotspot's OGR
reader, QGIS's OGR provider) sees the same sequence. The mix:
  - 55% in Gaussian clusters (a dozen centres, sd 40..400 m),
  - 30% uniform over the square,
  - 15% copies of earlier locations (duplicates, as police.uk snap points give),
  - about 30% of the points snapped to whole metres (police.uk-like), the rest full doubles;
  - weights: 75% are 1, the rest one of 0.25, 0.5, 1.5, 2, 3.125, 7 (short decimals, exact
    in binary, so every reader gets the same double whatever text route it takes).
--long-weights replaces the weights by values with 17 significant digits (w/3, and 1/7 for
the weight-1 points): readers that pass weights through "%.15g" text lose their last digits.
--format csv writes a police.uk-style CSV instead (Month, Longitude, Latitude, ... would need
WGS84; we write the generic columns easting/northing/month/w), used by the benchmark.
"""
import argparse
import sys

import numpy as np


def generate(n, seed, extent_m, cx=435000.0, cy=292000.0):
    rng = np.random.default_rng(seed)
    half = extent_m / 2.0
    n_cluster = int(n * 0.55)
    n_uniform = int(n * 0.30)
    n_dup = n - n_cluster - n_uniform
    centres = rng.uniform(-half * 0.8, half * 0.8, size=(12, 2))
    sds = rng.uniform(40.0, 400.0, size=12)
    which = rng.integers(0, 12, size=n_cluster)
    pc = centres[which] + rng.normal(size=(n_cluster, 2)) * sds[which, None]
    pu = rng.uniform(-half, half, size=(n_uniform, 2))
    base = np.concatenate([pc, pu])
    base = np.clip(base, -half, half)
    dup_of = rng.integers(0, len(base), size=n_dup)
    pts = np.concatenate([base, base[dup_of]])
    order = rng.permutation(len(pts))  # duplicates spread through the file, not at the end
    pts = pts[order]
    x = pts[:, 0] + cx
    y = pts[:, 1] + cy
    snap = rng.random(len(pts)) < 0.30
    x[snap] = np.round(x[snap])
    y[snap] = np.round(y[snap])
    w = np.ones(len(pts))
    other = rng.random(len(pts)) < 0.25
    choices = np.array([0.25, 0.5, 1.5, 2.0, 3.125, 7.0])
    w[other] = choices[rng.integers(0, len(choices), size=int(other.sum()))]
    return x, y, w


def write_gpkg(path, x, y, w):
    from osgeo import ogr, osr
    ogr.UseExceptions()
    drv = ogr.GetDriverByName("GPKG")
    ds = drv.CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(27700)
    lyr = ds.CreateLayer("points", srs, ogr.wkbPoint, options=["SPATIAL_INDEX=NO"])
    lyr.CreateField(ogr.FieldDefn("month", ogr.OFTString))
    lyr.CreateField(ogr.FieldDefn("w", ogr.OFTReal))
    defn = lyr.GetLayerDefn()
    ds.StartTransaction()
    for i in range(len(x)):
        f = ogr.Feature(defn)
        f.SetField(0, "2024-03")
        f.SetField(1, float(w[i]))
        g = ogr.Geometry(ogr.wkbPoint)
        g.AddPoint_2D(float(x[i]), float(y[i]))
        f.SetGeometryDirectly(g)
        lyr.CreateFeature(f)
    ds.CommitTransaction()
    ds = None


def write_csv(path, x, y, w):
    # repr() of a Python float is the shortest text that reads back as the same double.
    with open(path, "w") as out:
        out.write("month,easting,northing,w\n")
        for xi, yi, wi in zip(x.tolist(), y.tolist(), w.tolist()):
            out.write(f"2024-03,{xi!r},{yi!r},{wi!r}\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--n", type=int, default=4000)
    ap.add_argument("--seed", type=int, default=20240301)
    ap.add_argument("--extent-m", type=float, default=6000.0)
    ap.add_argument("--format", choices=["gpkg", "csv"], default="gpkg")
    ap.add_argument("--long-weights", action="store_true")
    a = ap.parse_args()
    x, y, w = generate(a.n, a.seed, a.extent_m)
    if a.long_weights:
        w = np.where(w != 1.0, w / 3.0, 1.0 / 7.0)
    if a.format == "gpkg":
        write_gpkg(a.out, x, y, w)
    else:
        write_csv(a.out, x, y, w)
    print(f"{a.out}: {len(x)} points, x {x.min():.3f}..{x.max():.3f}, y {y.min():.3f}..{y.max():.3f}, "
          f"weight total {w.sum():.3f}", file=sys.stderr)


if __name__ == "__main__":
    main()
