#!/usr/bin/python3
"""Deterministic point sets for tools/bench-density.

    density_points.py gpkg OUT.gpkg --n 1000000 [--extent-m 25000] [--seed S]
        GeoPackage point layer "points" (EPSG:27700, fields month, w) plus OUT.npz with the
        same x, y, w arrays (for the scikit-learn peer, which should not time an OGR loop).
    density_points.py police OUTDIR --n 10000000 [--files 10] [--snap-points 250000] [--seed S]
        police.uk-style street CSVs (the 12 police.uk columns, WGS84 longitude/latitude with
        6 decimals, one file per month 2024-01..), every row on one of SNAP_POINTS anonymised
        "snap points" chosen with uneven popularity, as police.uk publishes them.

Points: the mix of tests/qgis_density/make_points.py (clusters, uniform, duplicates, weights)
scaled to a square of EXTENT_M metres centred on E 435000 N 292000.
"""
import argparse
import os
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "qgis_density"))
from make_points import generate  # noqa: E402


def write_gpkg(out, n, extent_m, seed):
    from osgeo import gdal
    gdal.UseExceptions()
    x, y, w = generate(n, seed, extent_m)
    np.savez(os.path.splitext(out)[0] + ".npz", x=x, y=y, w=w)
    # CSV -> GPKG with GDAL (much faster than a Python feature loop); repr() round-trips.
    with tempfile.TemporaryDirectory(dir=os.path.dirname(os.path.abspath(out))) as tmp:
        csv = os.path.join(tmp, "points.csv")
        with open(csv, "w") as f:
            f.write("month,easting,northing,w\n")
            f.writelines(f"2024-03,{a!r},{b!r},{c!r}\n" for a, b, c in zip(x.tolist(), y.tolist(), w.tolist()))
        # An OGR VRT builds the points from the easting/northing columns and keeps month, w only.
        vrt = os.path.join(tmp, "points.vrt")
        with open(vrt, "w") as f:
            f.write(f"""<OGRVRTDataSource><OGRVRTLayer name="points">
  <SrcDataSource>{csv}</SrcDataSource><SrcLayer>points</SrcLayer>
  <GeometryType>wkbPoint</GeometryType><LayerSRS>EPSG:27700</LayerSRS>
  <GeometryField encoding="PointFromColumns" x="easting" y="northing"/>
  <Field name="month" type="String"/><Field name="w" type="Real"/>
</OGRVRTLayer></OGRVRTDataSource>
""")
        tmp_out = out + ".tmp.gpkg"
        if os.path.exists(tmp_out):
            os.remove(tmp_out)
        gdal.VectorTranslate(tmp_out, vrt, format="GPKG", layerName="points",
                             options=["-lco", "SPATIAL_INDEX=NO", "-gt", "65536"])
        os.replace(tmp_out, out)
    print(f"{out}: {n} points, weight total {w.sum():.3f}", file=sys.stderr)


def write_police(outdir, n, files, snap_points, extent_m, seed):
    from osgeo import osr
    sx, sy, _ = generate(snap_points, seed, extent_m)
    # 6-decimal WGS84 text per snap point, as police.uk publishes it.
    src = osr.SpatialReference()
    src.ImportFromEPSG(27700)
    dst = osr.SpatialReference()
    dst.ImportFromEPSG(4326)
    dst.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ct = osr.CoordinateTransformation(src, dst)
    lonlat = np.array(ct.TransformPoints(np.column_stack([sx, sy])))[:, :2]
    text = np.array([f"{lon:.6f},{lat:.6f},On or near Synthetic Street {i % 997},E0100{i % 9000:04d},Synthetic {i % 300:03d}A"
                     for i, (lon, lat) in enumerate(lonlat.tolist())])
    rng = np.random.default_rng(seed + 1)
    types = np.array(["Anti-social behaviour", "Violence and sexual offences", "Burglary", "Vehicle crime",
                      "Criminal damage and arson", "Shoplifting", "Other theft"])
    os.makedirs(outdir, exist_ok=True)
    header = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n"
    written = 0
    for k in range(files):
        rows = n * (k + 1) // files - n * k // files
        month = f"{2024 + k // 12}-{k % 12 + 1:02d}"
        # uneven popularity: a few snap points take many rows (u^3 skews towards low indices)
        snap = np.minimum((rng.random(rows) ** 3 * snap_points).astype(np.int64), snap_points - 1)
        kind = rng.integers(0, len(types), size=rows)
        prefix = f",{month},Synthetic Police,Synthetic Police,"
        path = os.path.join(outdir, f"{month}-synthetic-street.csv")
        with open(path + ".tmp", "w") as f:
            f.write(header)
            chunk = 200_000
            for a in range(0, rows, chunk):
                b = min(rows, a + chunk)
                f.write("".join(prefix + t + "," + c + ",,\n" for t, c in zip(text[snap[a:b]].tolist(), types[kind[a:b]].tolist())))
        os.replace(path + ".tmp", path)
        written += rows
    with open(os.path.join(outdir, "MANIFEST.txt"), "w") as f:
        f.write(f"rows {written}\nfiles {files}\nsnap_points {snap_points}\nseed {seed}\n")
    print(f"{outdir}: {written} rows in {files} files on {snap_points} snap points", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kind", choices=["gpkg", "police"])
    ap.add_argument("out")
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--extent-m", type=float, default=25000.0)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--files", type=int, default=10)
    ap.add_argument("--snap-points", type=int, default=250000)
    a = ap.parse_args()
    if a.kind == "gpkg":
        write_gpkg(a.out, a.n, a.extent_m, a.seed)
    else:
        write_police(a.out, a.n, a.files, a.snap_points, a.extent_m, a.seed)


if __name__ == "__main__":
    main()
