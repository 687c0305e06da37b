#!/usr/bin/python3
"""hotspot evaluate end to end on the real Merseyside files (36 months, all rows) with the Liverpool
LSOA11 study area, 250 m cells from (333000, 398000), fit 12 months, test 2023-10..2025-09, methods
prev:12, prev:1, kde:250, kde:500, gistar:500, shares 1 % and 5 %. Independent check (numpy, GDAL,
pyproj, scipy; Gi* from its formula with cKDTree neighbours; otherwise the method of /tmp/i12/evalroll.py and accuracy_oracle.py): the layer rasterised by GDAL (cell-centre
rule), every raw row projected with pyproj and counted per cell and month, each window's kernel sum
taken directly over the window's points with a cKDTree (not per month), the top k cells taken by
numpy's lexsort (score descending, ties by cell order). Per test month, k and n must equal the CSV's
to 1e-9; the means must equal plan 4.3's. The SVG charts are checked for their lines and labels.
Then composite:12 and composite:3 of Merseyside and British Transport Police (two police.uk inputs,
2023-10..2025-01 by month) recomputed the same way, and a window past the BTP files refused.
Usage: evaluate_cli_liverpool.py HOTSPOT WORKDIR. Skips (77) without ../shared/data.
"""
import csv
import glob
import gzip
import os
import subprocess
import sys

import numpy as np
from pyproj import Transformer
from scipy.spatial import cKDTree

from merseyside_liverpool import CELL, GX0, GY1, paths, study_mask

hotspot, work, data, folder, layer = paths()
out = os.path.join(work, "tables")
run = subprocess.run([hotspot, "evaluate", "--police", folder, "--area", f"lsoa={layer},id=LSOA11CD", "--study-area", "lsoa",
                      "--cell", "250", "--grid-origin", "333000,398000", "--fit-months", "12", "--window", "2023-10..2025-09",
                      "--methods", "prev:12,prev:1,kde:250,kde:500,gistar:500", "--shares", "1,5", "--overwrite",
                      "-o", os.path.join(work, "eval.gpkg"), "--csv-dir", out, "--charts", out], capture_output=True, text=True)
print(run.stdout, run.stderr)
if run.returncode != 0:
    print(f"FAIL: hotspot evaluate exited {run.returncode}")
    sys.exit(1)
failures = []


def check(what, got, want, tol=1e-9):
    if abs(got - want) > tol * max(1.0, abs(want)):
        failures.append(f"{what}: hotspot {got!r}, oracle {want!r}")


# --- the oracle ---
CELL, gx0, gy1 = CELL, GX0, GY1
mask, nx, ny = study_mask(layer)
ncell = int(mask.sum())
check("cells", ncell, 1783)
tr = Transformer.from_crs(4326, 27700, always_xy=True)
files = sorted(glob.glob(os.path.join(folder, "*.csv.gz")))
X, Y, months = [], [], []
for f in files:
    lo, la = [], []
    for r in csv.DictReader(gzip.open(f, 'rt')):
        lo.append(float(r['Longitude']))
        la.append(float(r['Latitude']))
    px, py = tr.transform(np.array(lo), np.array(la))
    X.append(px), Y.append(py), months.append(os.path.basename(f)[:7])
cnt = np.zeros((len(files), ny, nx))
for m in range(len(files)):
    c, r = np.floor((X[m] - gx0) / CELL).astype(int), np.floor((gy1 - Y[m]) / CELL).astype(int)
    ok = (c >= 0) & (c < nx) & (r >= 0) & (r < ny)
    c, r = c[ok], r[ok]
    ok2 = mask[r, c]
    np.add.at(cnt[m], (r[ok2], c[ok2]), 1)
C = cnt[:, mask]
check("incidents in the cells", C.sum(), 213258)
rr, cc = np.nonzero(mask)
ctree = cKDTree(np.c_[gx0 + (cc + 0.5) * CELL, gy1 - (rr + 0.5) * CELL])


def kde(window, h):  # every Merseyside point of the window, quartic (1 - u^2)^2 within h (inclusive)
    pts = np.c_[np.concatenate([X[m] for m in window]), np.concatenate([Y[m] for m in window])]
    pairs = ctree.sparse_distance_matrix(cKDTree(pts), h, output_type='coo_matrix')
    s = np.zeros(ncell)
    u = pairs.data / h
    np.add.at(s, pairs.row, (1 - u * u) ** 2)
    return s


nb = ctree.query_ball_point(ctree.data, 500.0)  # self included, distance <= 500 m
W = np.array([len(v) for v in nb], dtype=float)


def gistar(x):  # Getis-Ord Gi* (binary weights, self included) from its formula; z <= 0 scores 0
    n, xbar = len(x), x.mean()
    s = np.sqrt((x * x).mean() - xbar * xbar)
    wx = np.array([x[v].sum() for v in nb])
    z = (wx - xbar * W) / (s * np.sqrt((n * W - W * W) / (n - 1)))
    z[(W == 1) | (W == n)] = 0
    return np.where(z > 0, z, 0.0)


K = 12
methods = {'gistar:500': lambda t: gistar(C[t - K:t].sum(0)),'prev:12': lambda t: C[t - K:t].sum(0), 'prev:1': lambda t: C[t - 1],
           'kde:250': lambda t: kde(range(t - K, t), 250.0), 'kde:500': lambda t: kde(range(t - K, t), 500.0)}
oracle = {}
for name, fn in methods.items():
    for t in range(12, 36):
        s, obs, fit = fn(t), C[t], C[t - K:t].sum(0)
        for share in (1, 5):
            k = int(np.floor(ncell * share / 100))
            idx = np.lexsort((np.arange(ncell), -s))[:k]
            idx = idx[s[idx] > 0]
            n, N = obs[idx].sum(), obs.sum()
            oracle[(name, share, months[t])] = (len(idx), n, n / N, (n / N) / (len(idx) / ncell),
                                                n / np.sort(obs)[::-1][:len(idx)].sum(), (n / N) / (fit[idx].sum() / fit.sum()))

# --- hotspot's tables against it ---
rows = list(csv.DictReader(open(os.path.join(out, "evaluation_origins.csv"))))
check("origin rows", len(rows), 5 * 2 * 24)
for row in rows:
    key = (row['method'], int(float(row['share_pct'])), row['test_month'])
    k, n, hit, pai, pei, rri = oracle[key]
    check(f"{key} k", float(row['cells_flagged']), k)
    check(f"{key} n", float(row['test_incidents_flagged']), n)
    check(f"{key} hit rate %", float(row['hit_rate_pct']), 100 * hit)
    check(f"{key} PAI", float(row['pai']), pai)
    check(f"{key} PEI", float(row['pei']), pei)
    check(f"{key} RRI", float(row['rri_levine']), rri)
# Plan 4.3's means (evalroll.py, run independently): hit %, PAI, PEI, RRI at 1 % and 5 %.
plan = {('prev:12', 1): (17.9432, 18.8193, 0.9663, 1.0318), ('prev:12', 5): (37.5238, 7.5174, 0.9248, 1.0098),
        ('prev:1', 1): (17.6766, 18.5397, 0.9520, 1.0514), ('prev:1', 5): (36.3347, 7.2792, 0.8955, 1.0399),
        ('kde:250', 1): (17.1869, 18.0261, 0.9263, 1.0191), ('kde:250', 5): (36.1754, 7.2473, 0.8917, 1.0119),
        ('kde:500', 1): (16.9762, 17.8051, 0.9147, 1.0329), ('kde:500', 5): (33.6646, 6.7443, 0.8297, 1.0202)}
summary = {(r['method'], int(float(r['share_pct']))): r for r in csv.DictReader(open(os.path.join(out, "evaluation_summary.csv")))}
for key, want in plan.items():
    got = summary[key]
    for col, w in zip(('hit_rate_pct_mean', 'pai_mean', 'pei_mean', 'rri_levine_mean'), want):
        check(f"{key} {col} (plan 4.3)", float(got[col]), w, 0.00006 / max(1.0, abs(w)))
for share in (1, 5):
    best = [m for (m, s), r in summary.items() if s == share and r['best_at_share'] == 'yes']
    if best != ['prev:12']:
        failures.append(f"best at {share} %: {best}, plan 4.3 says prev:12")
if "top 1 %: best prev:12" not in run.stdout or "above prev:1" not in run.stdout:
    failures.append("the console does not name the best method and its margin over the runner-up")
for share in (1, 5):
    svg = open(os.path.join(out, f"evaluation_pai_{share}pct.svg")).read()
    for needed in ("<polyline", "Test month (2023-10..2025-09", "PAI = hit rate / share of area", "prev:12 (mean", "kde:500 (mean"):
        if needed not in svg:
            failures.append(f"chart {share} %: no {needed!r}")
    if svg.count("<polyline") != 5:
        failures.append(f"chart {share} %: {svg.count('<polyline')} lines, not 5")
def check_flagged(what, row, s, obs):
    """The top floor(cells x share) cells by score (ties in cell order, score > 0): k, n and N as the row's."""
    k = int(np.floor(ncell * float(row['share_pct']) / 100))
    idx = np.lexsort((np.arange(ncell), -s))[:k]
    idx = idx[s[idx] > 0]
    key = (row['method'], row['share_pct'], row['test_month'])
    check(f"{what} {key} k", float(row['cells_flagged']), len(idx))
    check(f"{what} {key} n", float(row['test_incidents_flagged']), obs[idx].sum())
    check(f"{what} {key} N", float(row['test_incidents']), obs.sum())
    return idx


# --- by quarter: prev:12 and kde:250 predicting each 3 months 2023-10..2025-09 (8 quarters) ---
qout = os.path.join(work, "quarters")
qrun = subprocess.run([hotspot, "evaluate", "--police", folder, "--area", f"lsoa={layer},id=LSOA11CD", "--study-area", "lsoa",
                       "--cell", "250", "--grid-origin", "333000,398000", "--fit-months", "12", "--window", "2023-10..2025-09",
                       "--test", "quarter", "--methods", "prev:12,kde:250", "--shares", "1,5", "--overwrite", "--csv-dir", qout],
                      capture_output=True, text=True)
print(qrun.stdout, qrun.stderr)
if qrun.returncode != 0:
    failures.append(f"hotspot evaluate --test quarter exited {qrun.returncode}")
else:
    qrows = list(csv.DictReader(open(os.path.join(qout, "evaluation_origins.csv"))))
    check("quarter origin rows", len(qrows), 2 * 2 * 8)
    for row in qrows:
        t = months.index(row['test_month'].split('..')[0])
        s, obs = methods[row['method']](t), C[t:t + 3].sum(0)
        idx = check_flagged("quarter", row, s, obs)
        check(f"quarter {row['method']} {row['test_month']} PAI", float(row['pai']), (obs[idx].sum() / obs.sum()) / (len(idx) / ncell))
    if "8 test quarters 2023-10..2025-09" not in qrun.stdout:
        failures.append("the quarterly console line does not name the 8 quarters 2023-10..2025-09")
# --- composite of two sources: Merseyside Police and British Transport Police (28 months to 2025-01) ---
btp_folder = os.path.join(data, "crime", "btp_street_2022-10_2025-01")
cout = os.path.join(work, "composite")
crun = subprocess.run([hotspot, "evaluate", "--input", f"merseyside={folder},format=police.uk", "--input", f"btp={btp_folder},format=police.uk",
                       "--area", f"lsoa={layer},id=LSOA11CD", "--study-area", "lsoa", "--cell", "250", "--grid-origin", "333000,398000",
                       "--fit-months", "12", "--window", "2023-10..2025-01", "--methods", "composite:12,composite:3,prev:12", "--shares", "1,5",
                       "--overwrite", "--csv-dir", cout], capture_output=True, text=True)
print(crun.stdout, crun.stderr)
if crun.returncode != 0:
    failures.append(f"hotspot evaluate with composite exited {crun.returncode}")
else:
    btp = np.zeros((len(files), ny, nx))  # BTP incidents per Merseyside month index (both start 2022-10)
    for f in sorted(glob.glob(os.path.join(btp_folder, "*.csv.gz"))):
        m = months.index(os.path.basename(f)[:7])
        lo, la = [], []
        for r in csv.DictReader(gzip.open(f, 'rt')):
            if r['Longitude'] and r['Latitude']:
                lo.append(float(r['Longitude']))
                la.append(float(r['Latitude']))
        px, py = tr.transform(np.array(lo), np.array(la))
        c, r = np.floor((px - gx0) / CELL).astype(int), np.floor((gy1 - py) / CELL).astype(int)
        ok = (c >= 0) & (c < nx) & (r >= 0) & (r < ny)
        ok[ok] = mask[r[ok], c[ok]]
        np.add.at(btp[m], (r[ok], c[ok]), 1)
    B = btp[:, mask]
    if B.sum() < 100:
        failures.append(f"only {B.sum()} BTP incidents in the cells: the composite test would not test much")

    def composite(t, K):  # each source's window sum over its busiest cell, mean of the two
        return sum(v / v.max() for v in (C[t - K:t].sum(0), B[t - K:t].sum(0)))/2

    crows = list(csv.DictReader(open(os.path.join(cout, "evaluation_origins.csv"))))
    check("composite origin rows", len(crows), 3 * 2 * 16)
    for row in crows:
        t = months.index(row['test_month'])
        K = int(row['method'].split(':')[1])
        s = composite(t, K) if row['method'].startswith('composite') else C[t - K:t].sum(0) + B[t - K:t].sum(0)
        check_flagged("composite", row, s, C[t] + B[t])
    desc = [r['method_description'] for r in csv.DictReader(open(os.path.join(cout, "evaluation_summary.csv"))) if r['method'] == 'composite:12']
    if not desc or "sources: merseyside, btp" not in desc[0]:
        failures.append(f"the composite's description does not name its sources: {desc}")
    print(f"composite: {int(B.sum())} BTP incidents in the cells over 28 months")
# A window the BTP files do not cover is refused, naming the source and its months.
gap = subprocess.run([hotspot, "evaluate", "--input", f"merseyside={folder},format=police.uk", "--input", f"btp={btp_folder},format=police.uk",
                      "--area", f"lsoa={layer},id=LSOA11CD", "--study-area", "lsoa", "--cell", "250", "--fit-months", "12",
                      "--window", "2023-10..2025-02", "--methods", "prev:12", "--csv-dir", os.path.join(work, "gap"), "--overwrite"],
                     capture_output=True, text=True)
if gap.returncode != 2 or "no police.uk file for btp 2025-02" not in gap.stderr:
    failures.append(f"a window beyond the BTP files: exit {gap.returncode}, {gap.stderr.strip()!r}")
for f in failures:
    print("FAIL:", f)
print(f"{len(rows)} origin rows checked against the oracle; {len(failures)} failures")
sys.exit(1 if failures else 0)
