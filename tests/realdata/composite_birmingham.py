#!/usr/bin/python3
"""Birmingham composite index oracle: reads the raw shared files itself (gzip + csv), builds the
659 x 3 indicator matrix (crimes 2024-04..2026-04, crimes per 1,000 residents per year, IMD 2025
score), checks it equals the matrix the C++ test wrote, then recomputes every spec's index, ranks
and leave-one-out ranges with tests/decide/composite_oracle.py (numpy/scipy).

Usage: composite_birmingham.py SHARED_DATA_DIR WORK_DIR   (exit 77 when numpy/scipy are missing)
"""
import csv
import gzip
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "decide"))
import composite_oracle  # noqa: E402  (exits 77 itself when numpy/scipy are missing)


def rows(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def main():
    data, work = sys.argv[1], sys.argv[2]
    imd = [r for r in rows(os.path.join(data, "deprivation/imd2025_score_pop2024_lsoa21_lookup_england.csv.gz"))
           if r["LA24NM"] == "Birmingham"]
    pop = {r["mnemonic"]: float(r["total"]) for r in rows(os.path.join(
        data, "population/census2021_TS001_usual_residents_lsoa21_EW.csv.gz")) if r["mnemonic"]}
    crimes = {r["lsoa_code"]: float(r["crimes"]) for r in rows(os.path.join(
        data, "crime/derived_wm_met_lsoa_aggregates_2024-04_2026-04/lsoa_ranking.csv"))}
    ids = [r["LSOA21CD"] for r in imd]
    mine = [[crimes.get(i) for i in ids],
            [crimes[i] / pop[i] * 1000.0 * 12.0 / 25.0 if i in crimes and pop.get(i) else None for i in ids],
            [float(r["IMDSCORE"]) for r in imd]]
    their_ids, names, theirs = composite_oracle.read_input(os.path.join(work, "input.csv"))
    if their_ids != ids:
        print("area ids differ from the C++ test's")
        return 1
    for k, name in enumerate(names):
        for a, (m, t) in enumerate(zip(mine[k], theirs[k])):
            if (m is None) != (t is None) or (m is not None and abs(m - t) > 1e-12 * max(1.0, abs(m))):
                print("%s %s: %r here, %r in C++" % (name, ids[a], m, t))
                return 1
    print("Birmingham: %d LSOAs, %d crimes, %d residents" % (len(ids), sum(c for c in mine[0] if c),
                                                             sum(pop[i] for i in ids)))
    with open(os.path.join(work, "specs.json")) as f:
        specs = json.load(f)
    failed = 0
    for spec in specs:
        path = os.path.join(work, "result_%s.csv" % spec["name"])
        errors = composite_oracle.check(spec, ids, theirs, path)
        with open(path, newline="") as f:
            got = sorted(csv.DictReader(f), key=lambda g: int(g["rank"]))
        top = ", ".join("%s %.4f" % (g["area_id"], float(g["index"])) for g in got[:3])
        print("%-26s %s; top 3: %s" % (spec["name"], "ok" if not errors else "%d differences" % len(errors), top))
        for e in errors[:10]:
            print("   ", e)
        failed += bool(errors)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
