#!/usr/bin/python3
"""Oracle for tests/realdata/test_place_merseyside.cpp (not run by ctest: GLPK takes ~1 minute).
Merseyside street files, 36 months: distinct snap points projected with pyproj to EPSG:27700,
weight = rows at the point; candidates = the same points; coverage d <= R with scipy's cKDTree
(query_ball_point is inclusive); lazy greedy; the ILP through PuLP with CBC and GLPK.
Run here: distinct 18051 rows 477331; greedy 34490 (gains 6289 5683 5311 2801 2571 2355 2168
2133 1819 1780 1580); cbc Optimal 34537 (10.2 s); glpk Optimal 34537 (53.1 s).
Usage: place_merseyside_oracle.py [R]   (default 150 m; needs ../shared/data at /work/shared/data)
"""
import csv, gzip, glob, time, itertools, numpy as np, pulp, sys
from pyproj import Transformer
from scipy.spatial import cKDTree
tr = Transformer.from_crs(4326, 27700, always_xy=True)
pts = {}
for f in sorted(glob.glob('/work/shared/data/crime/merseyside_street_2022-10_2025-09/*.csv.gz')):
    for r in csv.DictReader(gzip.open(f, 'rt')):
        k = (r['Longitude'], r['Latitude']); pts[k] = pts.get(k, 0) + 1
keys = sorted(pts); lon = np.array([float(a) for a,b in keys]); lat = np.array([float(b) for a,b in keys])
x, y = tr.transform(lon, lat); w = np.array([pts[k] for k in keys], float)
print('distinct', len(keys), 'rows', int(w.sum()))
R = float(sys.argv[1]) if len(sys.argv) > 1 else 150.0; P = 11
t = cKDTree(np.c_[x, y]); nb = t.query_ball_point(np.c_[x, y], R)  # candidates = demand points; d<=R inclusive (query_ball_point uses <=)
# greedy lazy
import heapq
covered = np.zeros(len(w), bool); chosen = []; t0 = time.time()
gain = np.array([w[n].sum() for n in nb]); heap = [(-g, j) for j, g in enumerate(gain)]; heapq.heapify(heap)
while len(chosen) < P:
    g, j = heapq.heappop(heap); real = w[[i for i in nb[j] if not covered[i]]].sum()
    if heap and real < -heap[0][0] - 1e-9: heapq.heappush(heap, (-real, j)); continue
    chosen.append((j, real)); covered[nb[j]] = True
print('greedy obj', w[covered].sum(), 'gains', [g for _, g in chosen], f'{time.time()-t0:.2f}s')
# ILP: only demand points covered by some candidate; all are (self)
m = pulp.LpProblem('mclp', pulp.LpMaximize)
Y = [pulp.LpVariable(f'y{j}', cat='Binary') for j in range(len(w))]
X = [pulp.LpVariable(f'x{i}', cat='Binary') for i in range(len(w))]
m += pulp.lpSum(w[i] * X[i] for i in range(len(w)))
cover_of = nb  # symmetric: i covered by j iff j in nb[i]
for i in range(len(w)): m += pulp.lpSum(Y[j] for j in cover_of[i]) >= X[i]
m += pulp.lpSum(Y) == P
for name, s in (('cbc', pulp.COIN_CMD(msg=False, timeLimit=120)), ('glpk', pulp.GLPK_CMD(msg=False, timeLimit=120))):
    t0 = time.time(); m.solve(s); el = time.time() - t0
    print(name, pulp.LpStatus[m.status], 'obj', pulp.value(m.objective), f'{el:.1f}s', 'sites', sorted(j for j in range(len(w)) if Y[j].value() > 0.5)[:11])
