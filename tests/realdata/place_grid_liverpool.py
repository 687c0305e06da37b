#!/usr/bin/python3
"""hotspot place with grid candidates, chosen areas, an exclusion layer and patrol minutes, on the
real Merseyside files (36 months) and five Liverpool city-centre LSOAs: p = 5, r = 100 m,
candidates every 25 m. Independent check, all recomputed here from the raw CSVs and the LSOA
polygons: demand = the distinct snap points (pyproj to EPSG:27700) whose first containing LSOA in
layer order is chosen; candidates = centres (k + 0.5) * 25 inside a chosen LSOA by the same rule and
outside the exclusion box; coverage by scipy's cKDTree (<= r); the same MCLP solved by PuLP + CBC;
the patrol minutes by Hamilton's rule in exact fractions from each site's served weight (covered
points given to the nearest chosen site). Usage: place_grid_liverpool.py HOTSPOT WORKDIR.
Skips (77) without ../shared/data or python3-pulp.
"""
import csv
import glob
import gzip
import os
import subprocess
import sys
from fractions import Fraction

import numpy as np
from osgeo import ogr
from pyproj import Transformer
from scipy.spatial import cKDTree

hotspot, work = sys.argv[1], sys.argv[2]
data = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data")
folder = os.path.join(data, "crime", "merseyside_street_2022-10_2025-09")
lsoa = os.path.join(data, "boundaries", "liverpool_lsoa11.gpkg")
if not os.path.isdir(folder) or not os.path.exists(lsoa):
    print(f"SKIP: the real-data test needs {folder} and {lsoa}")
    sys.exit(77)
try:
    import pulp
except ImportError:
    print("SKIP: python3-pulp is not installed")
    sys.exit(77)
os.makedirs(work, exist_ok=True)
CHOSEN = ["Liverpool 060A", "Liverpool 061A", "Liverpool 062A", "Liverpool 062B", "Liverpool 062C"]
P, R, S, MINUTES = 5, 100.0, 25.0, 600
EXCLUDE = (335100.0, 389700.0, 335400.0, 390000.0)  # a 300 m box in 060A, where the busiest point lies
exclusion = os.path.join(work, "exclusion.geojson")
with open(exclusion, "w") as fh:
    x0, y0, x1, y1 = EXCLUDE
    fh.write('{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::27700"}},'
             '"features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":'
             f'[[[{x0},{y0}],[{x1},{y0}],[{x1},{y1}],[{x0},{y1}],[{x0},{y0}]]]}}}}]}}')
sites_csv = os.path.join(work, "grid.csv")
cmd = [hotspot, "place", "--police", folder, "--area", f"lsoa={lsoa},id=LSOA11CD,name=LSOA11NM", "--within", "lsoa=" + ";".join(CHOSEN),
       "--candidates", f"grid:{S:g}", "--exclude", exclusion, "--count", str(P), "--radius", f"{R:g}", "--patrol-minutes", str(MINUTES),
       "--overwrite", "-o", os.path.join(work, "grid.gpkg"), "--csv", sites_csv]
run = subprocess.run(cmd, capture_output=True, text=True)
print(run.stdout, run.stderr)
if run.returncode != 0:
    print(f"FAIL: hotspot place exited {run.returncode}")
    sys.exit(1)

failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


# The LSOAs in layer order; a point belongs to the first whose closed polygon holds it.
polys = []
lsoa_ds = ogr.Open(lsoa)  # kept open: OGR's Python objects die with their dataset
for f in lsoa_ds.GetLayer(0):
    g = f.GetGeometryRef().Clone()
    polys.append((f.GetField("LSOA11NM"), g, g.GetEnvelope()))
chosen_env = [e for name, g, e in polys if name in CHOSEN]
bx0, bx1 = min(e[0] for e in chosen_env), max(e[1] for e in chosen_env)
by0, by1 = min(e[2] for e in chosen_env), max(e[3] for e in chosen_env)


def area_of(x, y):
    pt = ogr.Geometry(ogr.wkbPoint)
    pt.AddPoint_2D(float(x), float(y))
    for name, g, e in polys:
        if e[0] <= x <= e[1] and e[2] <= y <= e[3] and g.Intersects(pt):
            return name
    return None


counts = {}
for f in sorted(glob.glob(os.path.join(folder, "*.csv*"))):
    opener = gzip.open if f.endswith(".gz") else open
    with opener(f, "rt", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["Longitude"]:
                key = (r["Longitude"], r["Latitude"])
                counts[key] = counts.get(key, 0) + 1
keys = list(counts)
px, py = Transformer.from_crs(4326, 27700, always_xy=True).transform(
    np.array([float(k[0]) for k in keys]), np.array([float(k[1]) for k in keys]))
inside = [i for i in range(len(keys)) if bx0 <= px[i] <= bx1 and by0 <= py[i] <= by1 and area_of(px[i], py[i]) in CHOSEN]
dx, dy = px[inside], py[inside]
w = np.array([counts[keys[i]] for i in inside])
cand = []
for j in np.arange(np.floor(by0 / S), np.ceil(by1 / S)):
    for i in np.arange(np.floor(bx0 / S), np.ceil(bx1 / S)):
        cx, cy = (i + 0.5) * S, (j + 0.5) * S
        if EXCLUDE[0] <= cx <= EXCLUDE[2] and EXCLUDE[1] <= cy <= EXCLUDE[3]:
            continue
        if area_of(cx, cy) in CHOSEN:
            cand.append((cx, cy))
cand = np.array(cand)
print(f"oracle: {len(w)} demand points holding {w.sum()} incidents, {len(cand)} candidates")
covers = cKDTree(np.c_[dx, dy]).query_ball_point(cand, R)  # per candidate: the demand points within R
m = pulp.LpProblem("grid", pulp.LpMaximize)
Y = [pulp.LpVariable(f"y{j}", cat="Binary") for j in range(len(cand))]
X = [pulp.LpVariable(f"x{i}", lowBound=0, upBound=1) for i in range(len(w))]
m += pulp.lpSum(int(w[i]) * X[i] for i in range(len(w)))
by_demand = [[] for _ in range(len(w))]
for j, c in enumerate(covers):
    for i in c:
        by_demand[i].append(j)
for i, js in enumerate(by_demand):
    m += pulp.lpSum(Y[j] for j in js) >= X[i]
m += pulp.lpSum(Y) == P
m.solve(pulp.COIN_CMD(msg=False, timeLimit=300))
best = round(pulp.value(m.objective))
check(pulp.LpStatus[m.status] == "Optimal", f"PuLP CBC status {pulp.LpStatus[m.status]}")

report = subprocess.run(["ogrinfo", "-q", "-sql", "SELECT key, value FROM run_report WHERE section IN ('parameter', 'place')",
                         os.path.join(work, "grid.gpkg")], capture_output=True, text=True).stdout
check(f": {len(cand)} kept of " in report, f"run report: {len(cand)} candidates kept, as the oracle's")
with open(sites_csv, newline="") as fh:
    rows = list(csv.DictReader(fh))
check(len(rows) == P, f"{len(rows)} sites")
check(f"of {w.sum()} incidents" in run.stdout, f"demand total {w.sum()} incidents in the console line")
tree = cKDTree(np.c_[dx, dy])
covered = np.zeros(len(w), bool)
sites = []
for row in rows:
    sx, sy = float(row["easting"]), float(row["northing"])
    sites.append((sx, sy))
    check((sx / S - 0.5).is_integer() and (sy / S - 0.5).is_integer(), f"site {row['rank']} ({sx}, {sy}) is a lattice centre")
    check(not (EXCLUDE[0] <= sx <= EXCLUDE[2] and EXCLUDE[1] <= sy <= EXCLUDE[3]), f"site {row['rank']} is outside the exclusion")
    check(area_of(sx, sy) == row["area"] and row["area"] in CHOSEN, f"site {row['rank']} in {row['area']}")
    within = tree.query_ball_point([sx, sy], R)
    gain = w[[i for i in within if not covered[i]]].sum()
    covered[within] = True
    check(float(row["gain"]) == gain, f"site {row['rank']}: gain {row['gain']} = {gain} recomputed")
total = w[covered].sum()
check(total == best, f"covered {total} = PuLP CBC optimum {best}")
check(float(rows[-1]["cumulative"]) == total, f"last cumulative {rows[-1]['cumulative']} = {total}")
# Served weight: each covered point to its nearest site (ties: the higher-ranked); then Hamilton.
d2 = np.array([(dx - sx) ** 2 + (dy - sy) ** 2 for sx, sy in sites])  # sites x demand
d2[d2 > R * R] = np.inf
owner = np.argmin(d2, axis=0)  # first minimum: the higher-ranked site
served = [int(w[(owner == k) & np.isfinite(d2.min(axis=0))].sum()) for k in range(len(sites))]
quota = [Fraction(MINUTES * s, sum(served)) for s in served]
minutes = [int(q) for q in quota]
order = sorted(range(len(sites)), key=lambda k: -(quota[k] - int(quota[k])))  # stable: ties to the higher rank
for k in order[:MINUTES - sum(minutes)]:
    minutes[k] += 1
for k, row in enumerate(rows):
    check(float(row["served_weight"]) == served[k], f"site {row['rank']}: served {row['served_weight']} = {served[k]}")
    check(int(row["patrol_minutes"]) == minutes[k], f"site {row['rank']}: {row['patrol_minutes']} patrol minutes = {minutes[k]}")
check(sum(int(r["patrol_minutes"]) for r in rows) == MINUTES, f"patrol minutes add up to {MINUTES}")
if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("hotspot place with grid candidates equals the independent recomputation")
