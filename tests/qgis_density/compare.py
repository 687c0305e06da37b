#!/usr/bin/python3
"""Compares two single-band rasters cell by cell (QGIS's heatmap vs hotspot density).

    compare.py [--label NAME] [--rel-tol 1e-6] [--json] REFERENCE.tif CANDIDATE.tif

Checks: same size, same geotransform (each term to 1e-9), same NoData mask (NoData value of
each file, or -9999 when a file declares none), and values equal to float32 precision:
|a - b| <= rel_tol * max(1, |a|) with a the reference. Prints one line:
    NAME: PASS|FAIL size=COLSxROWS max_abs=... max_rel=... bitwise_diff=N/M [reasons]
(--tsv: the same fields tab separated, --json: all of them as JSON; edge_skipped is the
candidate's "qgis_edge_skipped" metadata item when it has one)
and exits 0 on PASS, 1 on FAIL, 2 when a file cannot be read.
max_rel is |a - b| / max(1, |a|) (the quantity the tolerance applies to).
"""
import argparse
import json
import sys

import numpy as np
from osgeo import gdal

gdal.UseExceptions()


def read(path):
    ds = gdal.Open(path)
    band = ds.GetRasterBand(1)
    nodata = band.GetNoDataValue()
    arr = band.ReadAsArray().astype(np.float32)
    return ds.RasterXSize, ds.RasterYSize, ds.GetGeoTransform(), nodata, arr


def compare(ref_path, cand_path, rel_tol):
    rx, ry, rgt, rnd, ra = read(ref_path)
    cx, cy, cgt, cnd, ca = read(cand_path)
    skipped = gdal.Open(cand_path).GetMetadataItem("qgis_edge_skipped")
    out = {"size": f"{rx}x{ry}", "reasons": [], "max_abs": float("nan"), "max_rel": float("nan"),
           "bitwise_diff": 0, "cells": rx * ry, "nodata_ref": 0, "mask_diff": 0,
           "edge_skipped": skipped}
    if (rx, ry) != (cx, cy):
        out["reasons"].append(f"size {rx}x{ry} vs {cx}x{cy}")
        return out
    gt_diff = max(abs(a - b) for a, b in zip(rgt, cgt))
    out["gt_diff"] = gt_diff
    if gt_diff > 1e-9:
        out["reasons"].append(f"geotransform {rgt} vs {cgt}")
    rnd = -9999.0 if rnd is None else rnd
    cnd = -9999.0 if cnd is None else cnd
    rmask = ra == np.float32(rnd)
    cmask = ca == np.float32(cnd)
    out["nodata_ref"] = int(rmask.sum())
    out["mask_diff"] = int((rmask != cmask).sum())
    if out["mask_diff"]:
        out["reasons"].append(f"NoData mask differs in {out['mask_diff']} cells")
    both = ~rmask & ~cmask
    a = ra[both].astype(np.float64)
    b = ca[both].astype(np.float64)
    if a.size:
        diff = np.abs(a - b)
        rel = diff / np.maximum(1.0, np.abs(a))
        out["max_abs"] = float(diff.max())
        out["max_rel"] = float(rel.max())
        bad = int((rel > rel_tol).sum())
        if bad:
            out["reasons"].append(f"{bad} cells differ by more than {rel_tol:g} relative")
    else:
        out["max_abs"] = out["max_rel"] = 0.0
    # Bit-for-bit: every cell (NoData included) compared as raw float32 bits.
    out["bitwise_diff"] = int((ra.view(np.uint32) != ca.view(np.uint32)).sum())
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("reference")
    ap.add_argument("candidate")
    ap.add_argument("--label", default=None)
    ap.add_argument("--rel-tol", type=float, default=1e-6)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--tsv", action="store_true", help="one tab-separated line: verdict max_abs max_rel bitwise_diff cells "
                    "edge_skipped reasons")
    a = ap.parse_args()
    label = a.label or a.candidate
    try:
        r = compare(a.reference, a.candidate, a.rel_tol)
    except Exception as e:  # unreadable file
        print(f"{label}: FAIL cannot read: {e}")
        return 2
    ok = not r["reasons"]
    r["label"] = label
    r["pass"] = ok
    if a.json:
        print(json.dumps(r))
    elif a.tsv:
        print("\t".join([("PASS" if ok else "FAIL"), f"{r['max_abs']:.3g}", f"{r['max_rel']:.3g}", str(r["bitwise_diff"]),
                         str(r["cells"]), str(r["edge_skipped"]), "; ".join(r["reasons"]) or "-"]))
    else:
        print(f"{label}: {'PASS' if ok else 'FAIL'} size={r['size']} max_abs={r['max_abs']:.3g} max_rel={r['max_rel']:.3g} "
              f"bitwise_diff={r['bitwise_diff']}/{r['cells']} nodata={r['nodata_ref']}"
              + ("" if r["edge_skipped"] is None else f" edge_skipped={r['edge_skipped']}")
              + ("" if ok else "  [" + "; ".join(r["reasons"]) + "]"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
