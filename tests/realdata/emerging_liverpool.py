#!/usr/bin/python3
"""hotspot emerging end to end on the real Merseyside files (36 months, all rows) with the Liverpool
LSOA11 study area: 250 m cells from (333000, 398000), band 500 m, time window 1, alpha 0.05, by
month; then by quarter (12 steps). Independent check (numpy, GDAL, pyproj, scipy): the layer
rasterised by GDAL (cell-centre rule), every raw row projected with pyproj and counted per cell
and month; space-time Gi* from its formula (neighbours by cKDTree within 500 m at the bin's step and
the step before, the cube's bins as one population); p two-sided normal; Benjamini-Hochberg at 10,
5 and 1 %; Mann-Kendall S, tie-corrected Var(S) and Z written out here; the pattern from ArcGIS
Pro's definitions as worded (with the overlaps resolved as docs/decisions.md states). Every bin's z
and FDR bin, every cell's pattern, hot steps and trend Z must equal the CSVs'. Then the 297 LSOAs as
locations (--areas, band 1,000 m between ogr centroids): Gi*, FDR, trends and patterns recomputed from
hotspot's counts per LSOA and month, and those counts recounted by ogr point-in-polygon for the five
busiest LSOAs.
Usage: emerging_liverpool.py HOTSPOT WORKDIR. Skips (77) without ../shared/data.
"""
import csv
import glob
import gzip
import os
import subprocess

import numpy as np
from osgeo import ogr
from pyproj import Transformer
from scipy.spatial import cKDTree
from scipy.stats import norm

from merseyside_liverpool import CELL, GX0, GY1, FAILURES as failures, check, finish, paths, study_mask

hotspot, work, data, folder, layer = paths()

CELL, gx0, gy1, BAND = CELL, GX0, GY1, 500.0
mask, nx, ny = study_mask(layer)
ncell = int(mask.sum())
tr = Transformer.from_crs(4326, 27700, always_xy=True)
files = sorted(glob.glob(os.path.join(folder, "*.csv.gz")))
months = [os.path.basename(f)[:7] for f in files]
cube = np.zeros((len(files), ncell))
index = -np.ones((ny, nx), dtype=int)
index[mask] = np.arange(ncell)  # study cells row-major from the north-west, as hotspot numbers them
X, Y = [], []  # every month's projected points, kept for the area recount
for m, f in enumerate(files):
    lo, la = [], []
    for r in csv.DictReader(gzip.open(f, 'rt')):
        lo.append(float(r['Longitude']))
        la.append(float(r['Latitude']))
    px, py = tr.transform(np.array(lo), np.array(la))
    X.append(px), Y.append(py)
    c, r = np.floor((px - gx0) / CELL).astype(int), np.floor((gy1 - py) / CELL).astype(int)
    ok = (c >= 0) & (c < nx) & (r >= 0) & (r < ny)
    cell = index[r[ok], c[ok]]
    np.add.at(cube[m], cell[cell >= 0], 1)
rr, cc = np.nonzero(mask)
tree = cKDTree(np.c_[gx0 + (cc + 0.5) * CELL, gy1 - (rr + 0.5) * CELL])
nb = tree.query_ball_point(tree.data, BAND)  # self included, distance <= band


def gi_star(cube, nb, window=1):
    T, L = cube.shape
    x = cube.ravel()
    n, mean = x.size, x.mean()
    sd = np.sqrt(((x - mean) ** 2).mean())
    col = np.array([[cube[t, v].sum() for v in nb] for t in range(T)])  # location + band at step t
    width = np.array([len(v) for v in nb], dtype=float)
    z = np.zeros((T, L))
    for t in range(T):
        lo = max(0, t - window)
        wx = col[lo:t + 1].sum(0)
        w = width * (t - lo + 1)
        z[t] = (wx - mean * w) / (sd * np.sqrt((n * w - w * w) / (n - 1)))
    return z


def fdr_bins(z):
    p = 2 * norm.sf(np.abs(z.ravel()))
    ps, m = np.sort(p), p.size
    level = np.zeros(p.size, dtype=int)
    for k, alpha in enumerate((0.10, 0.05, 0.01)):
        ok = ps <= np.arange(1, m + 1) * alpha / m
        cut = ps[ok].max() if ok.any() else -1
        level[p <= cut] = k + 1
    return (np.sign(z.ravel()) * level).reshape(z.shape).astype(int)


def mann_kendall(x):
    n = len(x)
    s = sum(np.sign(x[j] - x[i]) for i in range(n) for j in range(i + 1, n))
    _, t = np.unique(x, return_counts=True)
    var = (n * (n - 1) * (2 * n + 5) - (t * (t - 1) * (2 * t + 5)).sum()) / 18
    z = 0.0 if s == 0 or var <= 0 else (s - np.sign(s)) / np.sqrt(var)
    return z, 2 * norm.sf(abs(z))


def pattern(sig, trend):
    """ArcGIS Pro's words, with decisions.md's resolutions: the final bin's side first;
    oscillating over new and consecutive; historical over persistent."""
    n = len(sig)

    def side(s, up):
        hot = [v == s for v in sig]
        count, final = sum(hot), hot[-1]
        mostly = 10 * count >= 9 * n
        if not final:
            return 8 if mostly else 0
        if mostly:
            return 3 if trend == up else 5 if trend == -up else 4
        if any(v == -s for v in sig):
            return 7
        if count == 1:
            return 1
        first = hot.index(True)
        return 2 if all(hot[first:]) else 6
    if sig[-1] >= 0:
        code = side(1, 1)
        if code or sig[-1] == 1:
            return code
    return -side(-1, -1)


def oracle(cube, nb):
    z = gi_star(cube, nb)
    bins = fdr_bins(z)
    sig = np.where(bins >= 2, 1, np.where(bins <= -2, -1, 0))
    cells = []
    for i in range(cube.shape[1]):
        tz, tp = mann_kendall(z[:, i])
        trend = 0 if not (tp < 0.05) or tz == 0 else int(np.sign(tz))
        cells.append((pattern(list(sig[:, i]), trend), int((sig[:, i] > 0).sum()), tz))
    return z, bins, cells


def compare(label, out, cube, step_labels, nb=nb, key=lambda row: int(row['cell_id']) - 1):
    """Every bin's count, z and FDR bin, and every location's pattern, hot steps and trend Z;
    `key` gives a CSV row's location index."""
    z, bins, cells = oracle(cube, nb)
    rows = list(csv.DictReader(open(os.path.join(out, "emerging_cube.csv"))))
    check(f"{label}: cube rows", len(rows), cube.size)
    for row in rows:
        t, i = step_labels.index(row['step']), key(row)
        check(f"{label}: incidents location {i + 1} {row['step']}", float(row['incidents']), cube[t, i])
        check(f"{label}: z location {i + 1} {row['step']}", float(row['gi_z']), z[t, i])
        check(f"{label}: FDR bin location {i + 1} {row['step']}", float(row['gi_bin_fdr']), bins[t, i])
    locs = list(csv.DictReader(open(os.path.join(out, "emerging_locations.csv"))))
    check(f"{label}: location rows", len(locs), cube.shape[1])
    found = {}
    for row in locs:
        i = key(row)
        code, hot, tz = cells[i]
        check(f"{label}: pattern location {i + 1}", float(row['category']), code)
        check(f"{label}: hot steps location {i + 1}", float(row['hot_steps']), hot)
        check(f"{label}: z trend Z location {i + 1}", float(row['z_trend_z']), tz)
        found[code] = found.get(code, 0) + 1
    return found


run = subprocess.run([hotspot, "emerging", "--police", folder, "--area", f"lsoa={layer},id=LSOA11CD", "--study-area", "lsoa",
                      "--cell", "250", "--grid-origin", "333000,398000", "--band", "500", "--overwrite",
                      "-o", os.path.join(work, "emerging.gpkg"), "--csv-dir", os.path.join(work, "months")], capture_output=True, text=True)
print(run.stdout, run.stderr)
if run.returncode != 0:
    failures.append(f"hotspot emerging exited {run.returncode}")
    finish("no run")
check("cells", ncell, 1783)
found = compare("by month", os.path.join(work, "months"), cube, months)
print("by month, cells per pattern code:", dict(sorted(found.items())))
if len([c for c in found if c != 0]) < 4:
    failures.append(f"only {found} patterns on real data: the test would not test much")
quarters = cube.reshape(12, 3, ncell).sum(1)
qrun = subprocess.run([hotspot, "emerging", "--police", folder, "--area", f"lsoa={layer},id=LSOA11CD", "--study-area", "lsoa",
                       "--cell", "250", "--grid-origin", "333000,398000", "--band", "500", "--step", "quarter", "--overwrite",
                       "--csv-dir", os.path.join(work, "quarters")], capture_output=True, text=True)
print(qrun.stdout, qrun.stderr)
if qrun.returncode != 0:
    failures.append(f"hotspot emerging --step quarter exited {qrun.returncode}")
else:
    qfound = compare("by quarter", os.path.join(work, "quarters"), quarters, [f"{months[3 * q]}..{months[3 * q + 2]}" for q in range(12)])
    print("by quarter, cells per pattern code:", dict(sorted(qfound.items())))
# --- areas as locations: the 297 LSOAs, neighbours within 1,000 m between centroids (ogr) ---
aout = os.path.join(work, "areas")
arun = subprocess.run([hotspot, "emerging", "--police", folder, "--area", f"lsoa={layer},id=LSOA11CD,name=LSOA11NM", "--study-area", "lsoa",
                       "--areas", "lsoa", "--band", "1000", "--overwrite", "--csv-dir", aout], capture_output=True, text=True)
print(arun.stdout, arun.stderr)
if arun.returncode != 0:
    failures.append(f"hotspot emerging --areas exited {arun.returncode}")
else:
    ds = ogr.Open(layer)
    lyr = ds.GetLayer(0)
    ids, centres, polys = [], [], []
    for f in lyr:
        g = f.GetGeometryRef()
        ids.append(f.GetField("LSOA11CD"))
        c = g.Centroid()
        centres.append((c.GetX(), c.GetY()))
        polys.append(g.Clone())
    where = {a: i for i, a in enumerate(ids)}
    arows = list(csv.DictReader(open(os.path.join(aout, "emerging_cube.csv"))))
    acube = np.zeros((len(months), len(ids)))
    for row in arows:  # the counts per area are hotspot's (its assignment); checked below for the busiest areas
        acube[months.index(row['step']), where[row['area_id']]] = float(row['incidents'])
    atree = cKDTree(np.array(centres))
    anb = atree.query_ball_point(atree.data, 1000.0)
    # LSOAs with no other centroid within the band (purely temporal there): counted in run_report.csv
    # of the --csv-dir and warned when there are any.
    alone = sum(1 for l in anb if len(l) == 1)
    report_rows = list(csv.DictReader(open(os.path.join(aout, "run_report.csv"))))
    stated = [r["value"] for r in report_rows if r["section"] == "emerging" and r["key"] == "locations_without_neighbour"]
    if not stated or not stated[0].startswith(f"{alone} of {len(ids)} "):
        failures.append(f"areas: {alone} LSOAs without a neighbour within 1000 m (ogr centroids), run_report.csv says {stated!r}")
    warned = f"hotspot: warning: {alone} of {len(ids)} areas of layer lsoa have no other area centroid within the --band of 1000 m"
    if (alone > 0) != (warned in arun.stderr):
        failures.append(f"areas: expected {'the' if alone else 'no'} warning {warned!r}")
    print(f"areas: {alone} of {len(ids)} LSOAs without a neighbour within 1000 m")
    # A 400 m band leaves many LSOAs alone: their count and the band reaching them all (the largest
    # of their nearest-centroid distances, cKDTree) are in the warning.
    nearest = atree.query(atree.data, k=2)[0][:, 1]
    alone400 = int((nearest > 400.0).sum())
    run400 = subprocess.run([hotspot, "emerging", "--police", folder, "--area", f"lsoa={layer},id=LSOA11CD,name=LSOA11NM", "--study-area",
                             "lsoa", "--areas", "lsoa", "--band", "400", "--overwrite", "--csv-dir", aout + "_400", "-q"],
                            capture_output=True, text=True)
    warned = (f"hotspot: warning: {alone400} of {len(ids)} areas of layer lsoa have no other area centroid within the --band of 400 m "
              f"(for them the nearest centroid is up to {nearest[nearest > 400.0].max():.0f} m away): for them the analysis is purely temporal")
    if alone400 == 0 or run400.returncode != 0 or warned not in run400.stderr:
        failures.append(f"areas, band 400 m: expected {warned!r}, got exit {run400.returncode}: {run400.stderr!r}")
    print(f"areas: {alone400} of {len(ids)} LSOAs without a neighbour within 400 m")
    afound = compare("areas", aout, acube, months, anb, lambda row: where[row['area_id']])
    print("areas by month, LSOAs per pattern code:", dict(sorted(afound.items())))
    # The five busiest LSOAs recounted independently: every raw point in the polygon (ogr), per month.
    busiest = np.argsort(-acube.sum(0))[:5]
    px, py, pm = np.concatenate(X), np.concatenate(Y), np.concatenate([np.full(len(x), m) for m, x in enumerate(X)])
    for i in busiest:
        minx, maxx, miny, maxy = polys[i].GetEnvelope()
        near = np.nonzero((px >= minx) & (px <= maxx) & (py >= miny) & (py <= maxy))[0]
        per_month = np.zeros(len(months))
        for k in near:
            p = ogr.Geometry(ogr.wkbPoint)
            p.AddPoint_2D(float(px[k]), float(py[k]))
            if polys[i].Contains(p):
                per_month[pm[k]] += 1
        for m in range(len(months)):
            check(f"areas: {ids[i]} {months[m]} recounted", acube[m, i], per_month[m])
finish("every bin and location compared: cells by month and by quarter, LSOAs by month")
