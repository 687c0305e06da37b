#!/usr/bin/python3
"""tools/bench-place's instance and peer. `make OUT` writes a seeded MCLP instance in
mclp_solve's "points" format: 50,000 candidate snap points uniform in a 20 km square, 500,000
incidents from 300 Gaussian clusters (sd 100..800 m, Pareto sizes) snapped to their nearest
snap point (as police.uk does), each with a harm weight drawn from 1, 13, 33, 86, 438, 746; demand =
the snap points holding incidents, weighted by their summed harm; p = 11, r = 150 m.
`peer OUT LIMIT` solves the same instance with PuLP + COIN-OR CBC (the LP file and the cbc
command, as spopt does) and prints "peer_seconds=S objective=V status=T".
"""
import sys
import time

import numpy as np
from scipy.spatial import cKDTree


def make(out):
    rng = np.random.default_rng(12)
    side, p, r = 20000.0, 11, 150.0
    snap = rng.uniform(0, side, (50000, 2))
    centre = rng.uniform(0, side, (300, 2))
    sd = rng.uniform(100, 800, 300)
    size = rng.pareto(1.5, 300) + 1
    k = rng.choice(300, 500000, p=size / size.sum())
    incidents = np.clip(centre[k] + rng.normal(0, 1, (500000, 2)) * sd[k, None], 0, side)
    harm = rng.choice([1, 13, 33, 86, 438, 746], 500000, p=[.3, .25, .2, .1, .1, .05])
    _, nearest = cKDTree(snap).query(incidents)
    weight = np.bincount(nearest, weights=harm, minlength=len(snap))
    demand = np.nonzero(weight)[0]
    with open(out, "w") as fh:
        fh.write(f"points {len(demand)} {len(snap)} {p} {r!r}\n")
        fh.write("".join(f"{snap[i, 0]!r} {snap[i, 1]!r} {weight[i]:.0f}\n" for i in demand))
        fh.write("".join(f"{x!r} {y!r}\n" for x, y in snap))
    print(f"instance: {len(demand)} demand points (total harm {weight.sum():.0f}), {len(snap)} candidates, p = {p}, r = {r:g} m")


def peer(path, limit):
    import pulp
    with open(path) as fh:
        _, nd, nc, p, r = fh.readline().split()
        nd, nc, p, r = int(nd), int(nc), int(p), float(r)
        rows = [fh.readline().split() for _ in range(nd + nc)]
    demand = np.array([[float(a), float(b)] for a, b, _ in rows[:nd]])
    weight = [float(c) for _, _, c in rows[:nd]]
    cand = np.array([[float(a), float(b)] for a, b in rows[nd:]])
    covers = cKDTree(cand).query_ball_point(demand, r)  # per demand point: the candidates within r (<= r)
    used = sorted({j for c in covers for j in c})
    m = pulp.LpProblem("bench", pulp.LpMaximize)
    Y = {j: pulp.LpVariable(f"y{j}", cat="Binary") for j in used}
    X = [pulp.LpVariable(f"x{i}", lowBound=0, upBound=1) for i in range(nd)]
    m += pulp.lpSum(weight[i] * X[i] for i in range(nd))
    for i, c in enumerate(covers):
        m += pulp.lpSum(Y[j] for j in c) >= X[i]
    m += pulp.lpSum(Y.values()) == p
    t0 = time.time()
    m.solve(pulp.COIN_CMD(msg=False, timeLimit=limit))
    seconds = time.time() - t0
    print(f"peer_seconds={seconds:.2f} objective={pulp.value(m.objective):.0f} status={pulp.LpStatus[m.status]}")


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2])
    else:
        peer(sys.argv[2], float(sys.argv[3]))
