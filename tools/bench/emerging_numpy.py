#!/usr/bin/python3
"""tools/bench-emerging's peer: the same Emerging Hot Spot Analysis in numpy/scipy on the cube
hotspot_bench_emerging dumped (DIR/cube.f64 step-major, shape.txt; our z.f64, bins.i8,
patterns.i8 to compare). Computed here independently and vectorised: the band's neighbour sums by
shifting the lattice (100 m cells, offsets with dr^2 + dc^2 <= 9 for 300 m), the window of one step
before, Gi* from its formula over the cube, p from scipy's normal, Benjamini-Hochberg at 10/5/1 %,
Mann-Kendall S by lags and Var(S) with ties from the sorted series, and the patterns with the rules
of docs/decisions.md. Prints the median of 3 runs and how many bins and cells agree with ours.
Usage: emerging_numpy.py DIR"""
import sys
import time

import numpy as np
from scipy.stats import norm

d = sys.argv[1]
cols, rows, T = (int(v) for v in open(f"{d}/shape.txt").read().split())
cube = np.fromfile(f"{d}/cube.f64").reshape(T, rows, cols)
ours_z = np.fromfile(f"{d}/z.f64").reshape(T, rows * cols)
ours_bins = np.fromfile(f"{d}/bins.i8", dtype=np.int8).reshape(T, rows * cols)
ours_pat = np.fromfile(f"{d}/patterns.i8", dtype=np.int8)

def analyse():
    offsets = [(dr, dc) for dr in range(-3, 4) for dc in range(-3, 4) if dr * dr + dc * dc <= 9]


    def shifted_sum(a):  # sum over the band's lattice offsets (self included), zero outside the grid
        out = np.zeros_like(a)
        for dr, dc in offsets:
            src = a[..., max(0, dr):rows + min(0, dr), max(0, dc):cols + min(0, dc)]
            out[..., max(0, -dr):rows + min(0, -dr), max(0, -dc):cols + min(0, -dc)] += src
        return out


    col = shifted_sum(cube)                               # location + band, per step
    width = shifted_sum(np.ones((1, rows, cols)))[0]      # band size incl. self
    wx = col.copy()
    wx[1:] += col[:-1]                                    # window of 1: this step and the one before
    w = np.broadcast_to(width, cube.shape) * np.r_[1, np.full(T - 1, 2)][:, None, None]
    x = cube.ravel()
    n, mean = x.size, x.mean()
    sd = np.sqrt(((x - mean) ** 2).mean())
    z = ((wx - mean * w) / (sd * np.sqrt((n * w - w * w) / (n - 1)))).reshape(T, -1)
    p = 2 * norm.sf(np.abs(z)).ravel()
    ps = np.sort(p)
    rank = np.arange(1, p.size + 1)
    level = np.zeros(p.size, dtype=np.int8)
    for k, alpha in enumerate((0.10, 0.05, 0.01)):
        ok = ps <= rank * alpha / p.size
        if ok.any():
            level[p <= ps[ok].max()] = k + 1
    bins = (np.sign(z.ravel()) * level).reshape(T, -1).astype(np.int8)


    def mann_kendall(v):  # v: T x L; Z and p per column
        s = np.zeros(v.shape[1])
        for lag in range(1, T):
            s += np.sign(v[lag:] - v[:-lag]).sum(0)
        srt = np.sort(v, axis=0)
        ties = np.zeros(v.shape[1])
        run = np.ones(v.shape[1])
        for t in range(1, T + 1):
            same = (srt[t] == srt[t - 1]) if t < T else np.zeros(v.shape[1], dtype=bool)
            ended = ~same
            ties += np.where(ended, run * (run - 1) * (2 * run + 5), 0)
            run = np.where(same, run + 1, 1)
        var = (T * (T - 1) * (2 * T + 5) - ties) / 18
        zz = np.where((s == 0) | (var <= 0), 0.0, (s - np.sign(s)) / np.sqrt(np.maximum(var, 1e-300)))
        return zz, 2 * norm.sf(np.abs(zz))


    tz, tp = mann_kendall(z)
    trend = np.where(tp < 0.05, np.sign(tz), 0)
    sig = np.where(bins >= 2, 1, np.where(bins <= -2, -1, 0))


    def side(s, up):
        hot = sig == s
        count, final = hot.sum(0), hot[-1]
        mostly = 10 * count >= 9 * T
        first = np.argmax(hot, axis=0)
        run_to_end = count == T - first
        code = np.where(mostly, np.where(trend == up, 3, np.where(trend == -up, 5, 4)),
                        np.where((sig == -s).any(0), 7, np.where(count == 1, 1, np.where(run_to_end, 2, 6))))
        return np.where(final, code, np.where(mostly, 8, 0))


    hot_code = side(1, 1)
    cold_code = -side(-1, -1)
    last = sig[-1]
    pattern = np.where(last == 1, hot_code, np.where(last == -1, cold_code, np.where(hot_code != 0, hot_code, cold_code)))
    return z, bins, pattern


runs = []
for _ in range(3):
    t0 = time.time()
    z, bins, pattern = analyse()
    runs.append(time.time() - t0)
seconds = sorted(runs)[1]
print('runs:', ' '.join(f'{r:.3f}' for r in runs))
print(f"numpy_seconds: {seconds:.3f}")
print(f"z max |ours - numpy|: {np.nanmax(np.abs(ours_z - z)):.3g}")
print(f"FDR bins equal: {(ours_bins == bins).sum()} of {bins.size}")
print(f"patterns equal: {(ours_pat == pattern).sum()} of {pattern.size}")
