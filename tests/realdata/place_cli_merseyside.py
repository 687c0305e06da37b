#!/usr/bin/python3
"""hotspot place end to end on the real Merseyside files (36 months, all rows): p = 11,
r = 150 m, CBC. Independent check: the raw CSVs are read here, every distinct Longitude/Latitude
projected with pyproj to EPSG:27700, counted, and put in a scipy cKDTree; each site of the CSV
is matched to its snap point (< 0.1 m, the CSV's rounding), and the incidents within 150 m
(inclusive) of the chosen sites are counted here: they must be 34,537 (the optimum that PuLP's
CBC and GLPK found, place_merseyside_oracle.py), equal the CSV's last cumulative, and each
row's gain must equal what that site adds after the rows above it.
Usage: place_cli_merseyside.py HOTSPOT WORKDIR. Skips (77) without ../shared/data.
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

hotspot, work = sys.argv[1], sys.argv[2]
data = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data")
folder = os.path.join(data, "crime", "merseyside_street_2022-10_2025-09")
if not os.path.isdir(folder):
    print(f"SKIP: the real-data test needs {folder}")
    sys.exit(77)
os.makedirs(work, exist_ok=True)
sites_csv = os.path.join(work, "place.csv")
run = subprocess.run([hotspot, "place", "--police", folder, "--count", "11", "--radius", "150", "--overwrite", "-q",
                      "-o", os.path.join(work, "place.gpkg"), "--csv", sites_csv], capture_output=True, text=True)
print(run.stdout, run.stderr)
if run.returncode != 0:
    print(f"FAIL: hotspot place exited {run.returncode}")
    sys.exit(1)

counts = {}
for f in sorted(glob.glob(os.path.join(folder, "*.csv*"))):
    opener = gzip.open if f.endswith(".gz") else open
    with opener(f, "rt", newline="") as fh:
        for r in csv.DictReader(fh):
            key = (r["Longitude"], r["Latitude"])
            counts[key] = counts.get(key, 0) + 1
keys = list(counts)
x, y = Transformer.from_crs(4326, 27700, always_xy=True).transform(
    np.array([float(k[0]) for k in keys]), np.array([float(k[1]) for k in keys]))
w = np.array([counts[k] for k in keys])
tree = cKDTree(np.c_[x, y])

failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


check(len(keys) == 18051 and w.sum() == 477331, f"{len(keys)} distinct points, {w.sum()} rows")
with open(sites_csv, newline="") as fh:
    rows = list(csv.DictReader(fh))
check(len(rows) == 11, f"{len(rows)} sites")
covered = np.zeros(len(w), bool)
for row in rows:
    d, j = tree.query([float(row["easting"]), float(row["northing"])])
    check(d < 0.1, f"site {row['rank']} is {d:.3f} m from snap point {j}")
    within = tree.query_ball_point([x[j], y[j]], 150.0)
    gain = w[[i for i in within if not covered[i]]].sum()
    covered[within] = True
    check(float(row["gain"]) == gain, f"site {row['rank']}: gain {row['gain']} = {gain} recomputed")
    check(int(row["incidents_within_radius"]) == w[within].sum(), f"site {row['rank']}: {w[within].sum()} incidents within 150 m")
total = w[covered].sum()
check(total == 34537, f"covered {total} = 34,537")
check(float(rows[-1]["cumulative"]) == total, f"last cumulative {rows[-1]['cumulative']} = {total}")
gpkg_report = subprocess.run(["ogrinfo", "-q", "-sql", "SELECT value FROM run_report WHERE key = 'status'",
                              os.path.join(work, "place.gpkg")], capture_output=True, text=True).stdout
check("optimal" in gpkg_report, "run report status optimal")
if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("hotspot place on Merseyside equals the independent recomputation")
