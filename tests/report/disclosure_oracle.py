#!/usr/bin/python3
"""Independent check of a public GeoPackage against the analyst GeoPackage of the same run.

For each area layer named: every count the public file shows equals the analyst's value, every
analyst count of 1..MIN-1 is NULL in the public file, measures derived from a NULL count are NULL,
and an independent LP audit (GLPK's glpsol, not the CLP the engine uses) of the table areas x
categories with its row totals (count = sum of n_*) and the column totals (taken from the analyst
file, as an attacker may know them) finds every NULL cell's feasible range at least MIN wide, or
entirely at MIN and above (a complementary cell, which was never small).
Usage: disclosure_oracle.py ANALYST.gpkg PUBLIC.gpkg MIN_COUNT LAYER [LAYER...]
With ORACLE_SAMPLE=N in the environment, the LP audit runs on N suppressed cells per layer (seeded).
"""
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile

analyst_path, public_path, min_count = sys.argv[1], sys.argv[2], int(sys.argv[3])
layers = sys.argv[4:]
failures = []


def rows(path, layer):
    con = sqlite3.connect(path)
    cur = con.execute(f'SELECT * FROM "{layer}" ORDER BY area_id')
    names = [d[0] for d in cur.description]
    out = {r[names.index("area_id")]: dict(zip(names, r)) for r in cur}
    con.close()
    return names, out


def glpk_bound(lines, var, sense, bounds):
    with tempfile.NamedTemporaryFile("w", suffix=".lp", delete=False) as f:
        f.write(f"{sense}\n obj: {var}\nSubject To\n" + "".join(lines) + bounds + "End\n")
        name = f.name
    try:
        out = subprocess.run(["glpsol", "--lp", name, "-o", "/dev/stdout"], capture_output=True, text=True).stdout
    finally:
        os.unlink(name)
    if "UNBOUNDED" in out.upper():
        return float("inf")
    m = re.search(r"Objective:\s+obj = ([-0-9.e+]+)", out)
    if not m:
        raise SystemExit("glpsol gave no objective:\n" + out)
    return float(m.group(1))


for layer in layers:
    names, truth = rows(analyst_path, layer)
    _, public = rows(public_path, layer)
    cats = [n for n in names if n.startswith("n_")]
    cols = cats + ["count"]
    if set(truth) != set(public):
        failures.append(f"{layer}: the public file has other areas than the analyst file")
        continue
    suppressed = set()
    for a, t in truth.items():
        p = public[a]
        for c in cols + ["base_count", "current_count", "count_all_months"]:
            if c not in t:
                continue
            if p[c] is None:
                suppressed.add((a, c))
            elif p[c] != t[c]:
                failures.append(f"{layer} {a} {c}: public {p[c]} != analyst {t[c]}")
            if 1 <= t[c] < min_count and p[c] is not None:
                failures.append(f"{layer} {a} {c}: {t[c]} is below {min_count} and shown")
        if p["count"] is None:
            for d in ("rate_per_1000", "share_pct", "lq", "rank", "weighted_count"):
                if d in p and p[d] is not None:
                    failures.append(f"{layer} {a}: {d} shown while count is suppressed")
        if (p.get("base_count") is None or p.get("current_count") is None) and p.get("change_pct") is not None:
            failures.append(f"{layer} {a}: change_pct shown while base or current count is suppressed")
    # The LP: x[a,c] for suppressed cells, published ones as constants.
    var = {cell: f"x{i}" for i, cell in enumerate(sorted(suppressed))}

    def term(a, c):
        return (var[(a, c)], 0) if (a, c) in var else (None, truth[a][c])

    lines = []
    for a in truth:  # row: sum of n_* - count = 0
        vs, k = [], 0
        for c in cats:
            v, val = term(a, c)
            vs += [f"+ {v}"] if v else []
            k += val
        v, val = term(a, "count")
        vs += [f"- {v}"] if v else []
        k -= val
        if vs:
            lines.append(f" r_{len(lines)}: {' '.join(vs)} = {-k}\n")
    for c in cols + ["base_count", "current_count", "count_all_months"]:  # column totals, known
        if c not in names:
            continue
        total = sum(truth[a][c] for a in truth)
        vs, k = [], 0
        for a in truth:
            v, val = term(a, c)
            vs += [f"+ {v}"] if v else []
            k += val
        if vs:
            lines.append(f" c_{len(lines)}: {' '.join(vs)} = {total - k}\n")
    narrow = 0
    audited = sorted(var.items())
    if os.environ.get("ORACLE_SAMPLE"):
        audited = random.Random(14).sample(audited, min(len(audited), int(os.environ["ORACLE_SAMPLE"])))
    # A reader knows a suppressed cell is at least 1 while no 0 is suppressed (zeros are shown).
    least = 0 if any(truth[a][c] == 0 for a, c in suppressed) else 1
    bounds = "Bounds\n" + "".join(f" {v} >= {least}\n" for v in var.values()) if var else ""
    for cell, v in audited:
        lo, hi = glpk_bound(lines, v, "Minimize", bounds), glpk_bound(lines, v, "Maximize", bounds)
        if hi - lo < min_count - 1e-6 and lo < min_count - 1e-6:  # a complement known to be >= MIN hides no one
            narrow += 1
            failures.append(f"{layer} {cell[0]} {cell[1]}: value {truth[cell[0]][cell[1]]} recoverable within [{lo}, {hi}]")
    print(f"{layer}: {len(suppressed)} cells suppressed; glpsol audited {len(audited)}, {narrow} narrower than {min_count}")

for f in failures[:30]:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
