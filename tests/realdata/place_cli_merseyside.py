#!/usr/bin/python3
"""hotspot place end to end on the real Merseyside files (36 months, all rows): p = 11,
r = 150 m, CBC. Independent check: the raw CSVs are read here, every distinct Longitude/Latitude
projected with pyproj to EPSG:27700, counted, and put in a scipy cKDTree; each site of the CSV
is matched to its snap point (< 0.1 m, the CSV's rounding), and the incidents within 150 m
(inclusive) of the chosen sites are counted here: they must be 34,537 (the optimum that PuLP's
CBC and GLPK found, place_merseyside_oracle.py), equal the CSV's last cumulative, and each
row's gain must equal what that site adds after the rows above it. Then the greedy sites as
existing cameras: moving up to 1, 2 and 3 of them against the same ILP solved by PuLP + CBC.
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
# Redeployment: the greedy 11 sites as existing cameras (a GeoPackage made with ogr2ogr from our
# greedy CSV); moving up to k = 1, 2, 3 of them, against the same ILP solved here by PuLP + CBC
# (sum over existing Y >= 11 - k), coverage from the cameras' coordinates as written.
greedy_csv = os.path.join(work, "greedy.csv")
subprocess.run([hotspot, "place", "--police", folder, "--count", "11", "--radius", "150", "--solver", "greedy", "--overwrite", "-q",
                "--csv", greedy_csv], check=True)
with open(greedy_csv, newline="") as fh:
    cams = [(float(r["easting"]), float(r["northing"])) for r in csv.DictReader(fh)]
cams_csv, cams_gpkg = os.path.join(work, "cams.csv"), os.path.join(work, "cams.gpkg")
with open(cams_csv, "w") as fh:
    fh.write("x,y\n" + "".join(f"{cx!r},{cy!r}\n" for cx, cy in cams))
subprocess.run(["ogr2ogr", "-overwrite", "-f", "GPKG", cams_gpkg, cams_csv, "-oo", "X_POSSIBLE_NAMES=x", "-oo", "Y_POSSIBLE_NAMES=y",
                "-a_srs", "EPSG:27700", "-nln", "cameras"], check=True)
moves_run = subprocess.run([hotspot, "place", "--police", folder, "--count", "11", "--radius", "150", "--existing", cams_gpkg,
                            "--redeploy", "3", "--overwrite", "-o", os.path.join(work, "moves.gpkg")], capture_output=True, text=True)
print(moves_run.stdout, moves_run.stderr)
ours = {int(line.split()[3]): int(line.split()[6]) for line in moves_run.stdout.splitlines() if line.startswith("moving up to ")}
try:
    import pulp
except ImportError:
    pulp = None
if pulp is None:
    print("note: python3-pulp absent, the redeployment figures are not checked")
else:
    cand_x = np.r_[x, [c[0] for c in cams]]
    cand_y = np.r_[y, [c[1] for c in cams]]
    existing = list(range(len(x), len(x) + len(cams)))
    covers = cKDTree(np.c_[cand_x, cand_y]).query_ball_point(np.c_[x, y], 150.0)  # per demand point: its candidates
    base = w[[i for i, c in enumerate(covers) if any(j in existing for j in c)]].sum()
    check(ours.get(0) == base, f"k = 0: hotspot {ours.get(0)} = the cameras' own coverage {base}")
    for k in (1, 2, 3):  # measured: no gain until 3 moves (34,531), the optimum 34,537 at 5
        m = pulp.LpProblem("redeploy", pulp.LpMaximize)
        Y = [pulp.LpVariable(f"y{j}", cat="Binary") for j in range(len(cand_x))]
        X = [pulp.LpVariable(f"x{i}", lowBound=0, upBound=1) for i in range(len(w))]
        m += pulp.lpSum(int(w[i]) * X[i] for i in range(len(w)))
        for i, c in enumerate(covers):
            m += pulp.lpSum(Y[j] for j in c) >= X[i]
        m += pulp.lpSum(Y) == len(cams)
        m += pulp.lpSum(Y[j] for j in existing) >= len(cams) - k
        m.solve(pulp.COIN_CMD(msg=False, timeLimit=300))
        best = round(pulp.value(m.objective))
        check(pulp.LpStatus[m.status] == "Optimal" and ours.get(k) == best, f"k = {k}: hotspot {ours.get(k)} = PuLP CBC {best}")

if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("hotspot place on Merseyside equals the independent recomputation")
