#!/usr/bin/python3
"""MCLP parity: hotspot's placement (through tests/pulp/mclp_solve.cpp) against the same integer
programme built here with PuLP and solved by the CBC and GLPK command-line solvers.

The ILP is spopt's MCLP (Church & ReVelle 1974) written out independently:
    max sum_i a_i X_i  s.t.  sum_{j: d_ij <= r} Y_j >= X_i,  sum_j Y_j = p,  X, Y binary.
Instances: spopt's San Francisco tracts x stores (tests/data/spopt_sf, network distances,
r = 5000 m, p = 1..6), seeded random integer-coordinate instances (Euclidean, distances equal to
the radius occur, so the inclusive d <= r rule is tested), and p > candidates (PuLP: Infeasible;
hotspot refuses with exit 2). Objectives must be equal exactly (integer weights); our sites must
cover what we say (recomputed here). Usage: mclp_parity.py MCLP_SOLVE WORKDIR. Skips (77)
without python3-pulp or its solvers.
"""
import csv
import os
import random
import subprocess
import sys

try:
    import pulp
except ImportError:
    print("SKIP: python3-pulp is not installed (tools/install-deps test)")
    sys.exit(77)

SOLVERS = {"COIN_CMD": lambda: pulp.COIN_CMD(msg=False), "GLPK_CMD": lambda: pulp.GLPK_CMD(msg=False)}
missing = [name for name, make in SOLVERS.items() if not make().available()]
if missing:
    print("SKIP: PuLP solvers not available: " + ", ".join(missing) + " (coinor-cbc, glpk-utils)")
    sys.exit(77)

tool, work = sys.argv[1], sys.argv[2]
os.makedirs(work, exist_ok=True)
here = os.path.dirname(os.path.abspath(__file__))
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def pulp_mclp(weight, covers, n_cand, p, solver):
    """covers[i] = candidates covering demand i. Returns (status, objective, sites)."""
    prob = pulp.LpProblem("mclp", pulp.LpMaximize)
    y = [pulp.LpVariable(f"y{j}", cat="Binary") for j in range(n_cand)]
    x = [pulp.LpVariable(f"x{i}", cat="Binary") for i in range(len(weight))]
    prob += pulp.lpSum(weight[i] * x[i] for i in range(len(weight)))
    for i, c in enumerate(covers):
        prob += pulp.lpSum(y[j] for j in c) >= x[i]
    prob += pulp.lpSum(y) == p
    prob.solve(SOLVERS[solver]())
    status = pulp.LpStatus[prob.status]
    if status != "Optimal":
        return status, None, None
    sites = [j for j in range(n_cand) if y[j].value() > 0.5]
    return status, round(pulp.value(prob.objective)), sites


def ours(path, p_expected):
    run = subprocess.run([tool, path], capture_output=True, text=True)
    if run.returncode != 0:
        return run.returncode, run.stderr.strip()
    fields = dict(kv.split("=", 1) for kv in run.stdout.split())
    sites = [int(s) for s in fields["sites"].split(",") if s]
    return 0, {"status": fields["status"], "objective": float(fields["objective"]), "sites": sites}


def covered_weight(weight, covers, sites):
    chosen = set(sites)
    return sum(w for w, c in zip(weight, covers) if chosen & set(c))


def compare(name, weight, covers, n_cand, p, path):
    rc, mine = ours(path, p)
    for solver in SOLVERS:
        status, objective, _ = pulp_mclp(weight, covers, n_cand, p, solver)
        if p > n_cand:
            check(status == "Infeasible" and rc == 2 and f"p = {p} but only {n_cand} candidates" in mine,
                  f"{name} p={p}: {solver} {status}, hotspot exit {rc}: {mine}")
            continue
        check(rc == 0 and status == "Optimal" and mine["status"] == "optimal" and mine["objective"] == objective,
              f"{name} p={p}: {solver} {status} {objective}, hotspot {mine}")
    if rc == 0:
        check(len(mine["sites"]) == p and covered_weight(weight, covers, mine["sites"]) == mine["objective"],
              f"{name} p={p}: hotspot's {p} sites cover {mine['objective']:.0f} (recomputed)")


# spopt's San Francisco instance, in spopt's order.
data = os.path.join(here, "..", "data", "spopt_sf")
with open(os.path.join(data, "SF_demand_205_centroid_uniform_weight.csv")) as f:
    tracts = sorted(csv.DictReader(f), key=lambda r: r["NAME"])
with open(os.path.join(data, "SF_network_distance_candidateStore_16_censusTract_205_new.csv")) as f:
    dist = {(r["DestinationName"], r["name"]): float(r["distance"]) for r in csv.DictReader(f)}
stores = sorted({s for _, s in dist})
weight = [int(t["POP2000"]) for t in tracts]
covers = [[j for j, s in enumerate(stores) if dist[(t["NAME"], s)] <= 5000.0] for t in tracts]
for p in (1, 2, 3, 4, 5, 6, 17):
    path = os.path.join(work, f"sf_p{p}.txt")
    with open(path, "w") as out:
        out.write(f"matrix {len(tracts)} {len(stores)} {p} 5000\n")
        for t, w in zip(tracts, weight):
            out.write(f"{w} " + " ".join(repr(dist[(t['NAME'], s)]) for s in stores) + "\n")
    compare("SF", weight, covers, len(stores), p, path)

# Seeded random instances on an integer grid (d = r happens: 3-4-5 triangles at r = 50).
for seed in (1, 2, 3):
    rng = random.Random(seed)
    n_dem, n_cand, r = 400, 60, 50
    dem = [(rng.randint(0, 400), rng.randint(0, 400), rng.randint(1, 30)) for _ in range(n_dem)]
    cand = [(rng.randint(0, 400), rng.randint(0, 400)) for _ in range(n_cand)]
    covers = [[j for j, (cx, cy) in enumerate(cand) if (x - cx) ** 2 + (y - cy) ** 2 <= r * r] for x, y, _ in dem]
    boundary = sum(1 for x, y, _ in dem for cx, cy in cand if (x - cx) ** 2 + (y - cy) ** 2 == r * r)
    print(f"random seed {seed}: {boundary} demand-candidate pairs at exactly r")
    weight = [w for _, _, w in dem]
    for p in (2, 5, 10, 61):
        path = os.path.join(work, f"random{seed}_p{p}.txt")
        with open(path, "w") as out:
            out.write(f"points {n_dem} {n_cand} {p} {r}\n")
            out.writelines(f"{x} {y} {w}\n" for x, y, w in dem)
            out.writelines(f"{x} {y}\n" for x, y in cand)
        compare(f"random{seed}", weight, covers, n_cand, p, path)

if failures:
    print(f"{len(failures)} parity failure(s)")
    sys.exit(1)
print("all MCLP parity checks passed")
