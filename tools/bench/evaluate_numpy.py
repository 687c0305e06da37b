#!/usr/bin/python3
"""tools/bench-evaluate's peer: the same back-test in numpy on the data hotspot_bench_evaluate
dumped (DIR/counts_M.f64, px/py.f64, pmonth.u32, ours.txt). Methods computed here independently:
prev:12 and prev:1 as window sums, kde:250 as per-month quartic surfaces over the 3 x 3 cells
around each point's cell (h = cell = 250 m: no other centre is within h), gistar:750 from its
formula with neighbour sums over lattice offsets; top k by lexsort (score descending, ties by cell
order), zero scores never flagged. Prints its time and how many origins agree with ours on k and n.
Usage: evaluate_numpy.py DIR SIDE"""
import sys
import time

import numpy as np

d, side = sys.argv[1], int(sys.argv[2])
cells, months, cell, K = side * side, 36, 250.0, 12
C = np.stack([np.fromfile(f"{d}/counts_{m}.f64") for m in range(months)])
px, py = np.fromfile(f"{d}/px.f64"), np.fromfile(f"{d}/py.f64")
pm = np.fromfile(f"{d}/pmonth.u32", dtype=np.uint32).astype(np.int64)
ours = {}
for line in open(f"{d}/ours.txt"):
    name, share, t, k, n = line.split()
    ours[(name, float(share), int(t))] = (int(k), float(n))

t0 = time.time()
# kde:250 per month: centres at ((c + 0.5) 250, (side - r - 0.5) 250)
col, row = np.floor(px / cell).astype(np.int64), (side - 1 - np.floor(py / cell)).astype(np.int64)
S = np.zeros((months, cells))
for dr in (-1, 0, 1):
    for dc in (-1, 0, 1):
        r, c = row + dr, col + dc
        ok = (r >= 0) & (r < side) & (c >= 0) & (c < side)
        d2 = (px - (c + 0.5) * cell) ** 2 + (py - (side - r - 0.5) * cell) ** 2
        ok &= d2 <= 250.0 ** 2
        np.add.at(S, (pm[ok], (r * side + c)[ok]), (1 - d2[ok] / 250.0 ** 2) ** 2)
# gistar:750: lattice offsets within 750 m (self included)
offs = [(a, b) for a in range(-3, 4) for b in range(-3, 4) if np.hypot(a, b) * cell <= 750]


def shifted_sum(grid):
    out = np.zeros_like(grid)
    for a, b in offs:
        out[max(0, -a):side - max(0, a), max(0, -b):side - max(0, b)] += grid[max(0, a):side - max(0, -a), max(0, b):side - max(0, -b)]
    return out


W = shifted_sum(np.ones((side, side))).ravel()


def gistar(x):
    n, xbar = len(x), x.mean()
    s = np.sqrt((x * x).mean() - xbar * xbar)
    z = (shifted_sum(x.reshape(side, side)).ravel() - xbar * W) / (s * np.sqrt((n * W - W * W) / (n - 1)))
    z[(W == 1) | (W == n)] = 0
    return np.where(z > 0, z, 0.0)


agree = total = 0
order_index = np.arange(cells)
for name, fn in (('prev:12', lambda t: C[t - K:t].sum(0)), ('prev:1', lambda t: C[t - 1]),
                 ('kde:250', lambda t: S[t - K:t].sum(0)), ('gistar:750', lambda t: gistar(C[t - K:t].sum(0)))):
    for t in range(K, months):
        s = fn(t)
        order = np.lexsort((order_index, -s))
        for share in (0.01, 0.05):
            idx = order[:int(np.floor(cells * share))]
            idx = idx[s[idx] > 0]
            k, n = len(idx), C[t][idx].sum()
            total += 1
            ok, on = ours[(name, share, t)]
            agree += ok == k and abs(on - n) < 1e-6
seconds = time.time() - t0
print(f"numpy_seconds: {seconds:.3f}")
print(f"origins_agree: {agree} of {total}")
