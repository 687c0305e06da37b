#!/usr/bin/python3
"""Independent recomputation of the composite index (numpy/scipy) on the seeded 200 x 12 matrix
written by composite_dump, under every spec it ran: scaling, reverse, weights, combination,
missing policy, COINr outlier treatment, output reverse, ranks (1224 or the tie-break) and the
leave-one-out rank ranges, each subset recomputed from scratch. Index to 1e-12, ranks exactly.

Usage: composite_oracle.py COMPOSITE_DUMP WORK_DIR   (exit 77 when numpy/scipy are missing)
"""
import csv
import json
import math
import os
import subprocess
import sys

try:
    import numpy as np
    from scipy.stats import kurtosis, rankdata, skew
except ImportError:
    print("SKIP: numpy/scipy not importable by", sys.executable)
    sys.exit(77)


def read_input(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    names = rows[0][1:]
    ids = [r[0] for r in rows[1:]]
    cols = [[(float(r[1 + k]) if r[1 + k] != "" else None) for r in rows[1:]] for k in range(len(names))]
    return ids, names, cols


def missing_policy(cols, policy):
    n = len(cols[0])
    if policy == "drop":
        kept = [a for a in range(n) if all(c[a] is not None for c in cols)]
        return kept, [[c[a] for a in kept] for c in cols]
    filled = []
    for c in cols:
        present = [v for v in c if v is not None]
        fill = sum(present) / len(present) if policy == "mean" else 0.0
        filled.append([fill if v is None else v for v in c])
    return list(range(n)), filled


def fails(x):
    # COINr: treat when |skew| >= 2 and kurtosis >= 3.5 (sample statistics = e1071 type 2)
    s, k = skew(x, bias=False), kurtosis(x, bias=False)
    return abs(s) >= 2 and k >= 3.5, s


def treat(x, mode, winmax=5):
    x = np.array(x, dtype=float)
    original = x.copy()
    bad, s = fails(x)
    replaced = 0
    while bad:
        extreme = x.max() if s >= 0 else x.min()
        at = x == extreme
        if replaced + at.sum() > winmax:
            break
        x[at] = x[~at].max() if s >= 0 else x[~at].min()
        replaced += at.sum()
        bad, s = fails(x)
    if bad and mode == "winsorise_log":
        lo, hi = original.min(), original.max()
        x = np.log(original - lo + 0.01 * (hi - lo))
    return x


def scale(x, ind, how):
    x = np.asarray(x, dtype=float)
    n = len(x)
    if how == "minmax":
        lo, hi = ind["range"] if ind["range"] else (x.min(), x.max())
        return (x - lo) / (hi - lo)
    if how == "zscore":
        m = ind["z_mean"] if ind["z_mean"] is not None else x.mean()
        sd = ind["z_sd"] if ind["z_sd"] is not None else x.std(ddof=1)
        return (x - m) / sd
    if how == "percentile":
        return (rankdata(x, method="average") - 1) / (n - 1)
    if how == "rank":
        return rankdata(x, method="average").astype(float)
    if how == "raw":
        return x.copy()
    if how == "flag":
        v = scale(x, ind, ind["threshold_scale"])
        if ind["reverse"]:  # a reversed flag marks the worst end: the threshold scale is reversed, not the 0/1
            v = reverse(v, ind["threshold_scale"])
        return ((v > ind["threshold"]) if ind["flag_above"] else (v < ind["threshold"])).astype(float)
    raise ValueError(how)


def reverse(s, how):
    if how in ("minmax", "percentile", "flag"):
        return 1 - s
    if how == "zscore":
        return -s
    if how == "rank":
        return len(s) + 1 - s
    return s.max() + s.min() - s  # raw


def combine(cols, weights, how):
    acc = np.zeros(len(cols[0]))
    for c, w in zip(cols, weights):
        if how == "geomean":
            c = np.array([-math.inf if v == 0 else math.log(v) for v in c])
        acc = acc + w * c
    if how == "mean":
        return acc / sum(weights)
    if how == "geomean":
        return np.array([math.exp(v / sum(weights)) for v in acc])
    return acc


def ranks(index, tie_break, ids):
    n = len(index)
    if tie_break is None:
        order = sorted(range(n), key=lambda a: -index[a])
        r = [0] * n
        for p, a in enumerate(order):
            r[a] = r[order[p - 1]] if p and index[a] == index[order[p - 1]] else p + 1
        return r
    order = sorted(range(n), key=lambda a: (-index[a], -tie_break[a], ids[a]))
    r = [0] * n
    for p, a in enumerate(order):  # equal in index and tie-break: the same rank (1224)
        b = order[p - 1] if p else None
        r[a] = r[b] if b is not None and index[a] == index[b] and tie_break[a] == tie_break[b] else p + 1
    return r


def index_and_rank(x, spec, use, ids):
    """The index and ranks from the (treated) kept values x, using the indicators in `use`."""
    inds = spec["indicators"]
    scaled = []
    for k in use:
        s = scale(x[k], inds[k], inds[k]["scaling"])
        scaled.append(reverse(s, inds[k]["scaling"]) if inds[k]["reverse"] and inds[k]["scaling"] != "flag" else s)
    weights = [inds[k]["weight"] for k in use]
    index = combine(scaled, weights, spec["combine"])
    if spec["reverse_index"]:
        index = index.max() + index.min() - index
    tie_break = None
    if spec["tie_break"]:
        mm = []
        for k in use:
            v = np.asarray(x[k])
            if not inds[k]["range"] and v.max() == v.min():
                m = np.zeros(len(v))
            else:
                m = scale(v, inds[k], "minmax")
                m = 1 - m if inds[k]["reverse"] else m
            mm.append(m)
        tie_break = combine(mm, weights, "mean")
    return index, ranks(list(index), None if tie_break is None else list(tie_break), ids)


def check(spec, ids, cols, result_path):
    kept, values = missing_policy(cols, spec["missing"])
    kept_ids = [ids[a] for a in kept]
    x = [treat(v, spec["outliers"]) if spec["outliers"] != "none" else np.array(v) for v in values]
    K = len(cols)
    index, rank = index_and_rank(x, spec, list(range(K)), kept_ids)
    loo = [index_and_rank(x, spec, [j for j in range(K) if j != k], kept_ids)[1] for k in range(K)]
    with open(result_path, newline="") as f:
        got = list(csv.DictReader(f))
    errors = []
    if [g["area_id"] for g in got] != kept_ids:
        return ["kept areas differ: %d in C++, %d here" % (len(got), len(kept_ids))]
    for p, g in enumerate(got):
        lo = min(range(K), key=lambda k: (loo[k][p], k))
        hi = min(range(K), key=lambda k: (-loo[k][p], k))
        want = (rank[p], loo[lo][p], loo[hi][p], lo, hi)
        have = tuple(int(g[c]) for c in ("rank", "loo_rank_min", "loo_rank_max", "loo_min_without", "loo_max_without"))
        if abs(float(g["index"]) - index[p]) > 1e-12 * max(1.0, abs(index[p])):
            errors.append("%s index %s, oracle %.17g" % (g["area_id"], g["index"], index[p]))
        if have != want:
            errors.append("%s rank/loo %s, oracle %s" % (g["area_id"], have, want))
    return errors


def main():
    dump, work = sys.argv[1], sys.argv[2]
    os.makedirs(work, exist_ok=True)
    subprocess.run([dump, work], check=True)
    ids, names, cols = read_input(os.path.join(work, "input.csv"))
    with open(os.path.join(work, "specs.json")) as f:
        specs = json.load(f)
    failed = 0
    for spec in specs:
        errors = check(spec, ids, cols, os.path.join(work, "result_%s.csv" % spec["name"]))
        print("%-36s %s" % (spec["name"], "ok" if not errors else "%d differences" % len(errors)))
        for e in errors[:10]:
            print("   ", e)
        failed += bool(errors)
    print("%d of %d specs agree with numpy/scipy" % (len(specs) - failed, len(specs)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
