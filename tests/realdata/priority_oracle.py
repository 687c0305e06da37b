#!/usr/bin/env python3
"""The priority analysis of tests/realdata/priority_birmingham.ini, recomputed independently.

Runs `hotspot priority` on Birmingham's 659 LSOAs, then reads the SAME raw files itself (the
LSOA GeoPackage through sqlite/OGR, the Census, IMD and WMP CSVs with csv/gzip, the BTP street
files with csv and OGR point-in-polygon) and recomputes with numpy/scipy: the indicator values,
over-representation (Byar lower bounds), the sumFlagsPercentile index, ranks, deciles, the top
42 and the leave-one-out rank ranges; compares with priority_areas.csv. Then runs `hotspot run`
on the same configuration: one read of the inputs, the same nine tables and top list.

Usage: priority_oracle.py HOTSPOT OUT_DIR.  Exit 77 (skip) without ../shared/data or scipy.
"""
import csv, glob, gzip, io, os, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "data"))
try:
    import numpy as np
    from scipy.stats import chi2, norm, rankdata
    from osgeo import ogr, osr
except ImportError as e:
    print(f"SKIP: {e} (run with /usr/bin/python3: numpy, scipy and GDAL's Python bindings)")
    sys.exit(77)
if not os.path.isdir(DATA):
    print(f"SKIP: {DATA} is absent")
    sys.exit(77)

failures = []
def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)

def rows(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))

# --- run the command ---------------------------------------------------------------------
hotspot, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
csv_dir = os.path.join(out, "csv")
cmd = [hotspot, "priority", "-c", os.path.join(HERE, "priority_birmingham.ini"), "-o", os.path.join(out, "priority.gpkg"),
       "--csv-dir", csv_dir, "--overwrite"]
run = subprocess.run(cmd, capture_output=True, text=True)
print(run.stdout + run.stderr)
if run.returncode != 0:
    print(f"FAIL: hotspot priority exited {run.returncode}")
    sys.exit(1)

# --- the areas: Birmingham's LSOAs in feature order ----------------------------------------
ds = ogr.Open(os.path.join(DATA, "boundaries", "bsol_lsoa21.gpkg"))
layer = ds.GetLayer(0)
layer.SetAttributeFilter("Area = 'Birmingham'")
ids, polys = [], []
for f in layer:
    ids.append(f.GetField("LSOA21").strip())
    polys.append(f.GetGeometryRef().Clone())
n = len(ids)
check(n == 659, f"659 Birmingham LSOAs ({n})")

pop = {r["mnemonic"]: float(r["total"]) for r in rows(os.path.join(DATA, "population", "census2021_TS001_usual_residents_lsoa21_EW.csv.gz")) if r["mnemonic"]}
wm = {r["lsoa_code"]: float(r["crimes"]) for r in rows(os.path.join(DATA, "crime", "derived_wm_met_lsoa_aggregates_2024-04_2026-04", "lsoa_ranking.csv"))}
imd_rows = rows(os.path.join(DATA, "deprivation", "imd2025_score_pop2024_lsoa21_lookup_england.csv.gz"))
imd = {r["LSOA21CD"]: float(r["IMDSCORE"]) for r in imd_rows}
P = np.array([pop[i] for i in ids])
O = np.array([wm[i] for i in ids])
score = np.array([imd[i] for i in ids])
check(O.sum() == 308107, f"WMP crimes sum 308,107 ({O.sum():.0f})")
check(P.sum() == 1144925, f"population 1,144,925 ({P.sum():.0f})")
city_rate = O.sum() / P.sum() * 1000 * 12 / 25
check(abs(city_rate - 129.171221) < 5e-7, f"city rate 129.171221 per 1,000 per year ({city_rate:.6f})")
# Byar's lower bound of O/E (PHE), every O >= 10 here.
E = P * O.sum() / P.sum()
assert O.min() >= 10
lower = O * (1 - 1 / (9 * O) - norm.ppf(0.975) / (3 * np.sqrt(O))) ** 3 / E
check(int((lower > 1).sum()) == 176, f"176 LSOAs with Byar lower bound > 1 ({int((lower > 1).sum())})")

# --- BTP incidents per LSOA (2022-10..2025-01, every category), located with OGR -----------
src = osr.SpatialReference(); src.ImportFromEPSG(4326); src.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
dst = osr.SpatialReference(); dst.ImportFromEPSG(27700); dst.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
tr = osr.CoordinateTransformation(src, dst)
minx = min(p.GetEnvelope()[0] for p in polys); maxx = max(p.GetEnvelope()[1] for p in polys)
miny = min(p.GetEnvelope()[2] for p in polys); maxy = max(p.GetEnvelope()[3] for p in polys)
btp = np.zeros(n)
btp_rows = 0  # every record of every file, for the run report's rows_read
for path in sorted(glob.glob(os.path.join(DATA, "crime", "btp_street_2022-10_2025-01", "*.csv.gz"))):
    for r in rows(path):
        btp_rows += 1
        if not r["Longitude"] or not r["Latitude"]:
            continue
        x, y, _ = tr.TransformPoint(float(r["Longitude"]), float(r["Latitude"]))
        if not (minx <= x <= maxx and miny <= y <= maxy):
            continue
        pt = ogr.Geometry(ogr.wkbPoint); pt.AddPoint_2D(x, y)
        for k, poly in enumerate(polys):  # the first area in feature order holding the point (boundary included)
            if poly.Intersects(pt):
                btp[k] += 1
                break
print(f"BTP incidents in Birmingham LSOAs: {btp.sum():.0f}")
check(btp.sum() > 1000, "more than 1,000 BTP incidents in Birmingham LSOAs")

# --- FixMyStreet fly-tipping (A29) 2018-01..2020-12 per LSOA 2011, moved to LSOA 2021 ---------
# The lookup: each LSOA 2011's point on surface in the LSOA 2021 polygons and each LSOA 2021's in
# the LSOA 2011 polygons (both ways), the union of the pairs; a count is split among its new
# LSOAs by their Census 2021 residents; merges add up.
old_ds = ogr.Open(os.path.join(DATA, "boundaries", "birmingham_lsoa11.gpkg"))
old_ids, old_polys = [], []
for f in old_ds.GetLayer(0):
    old_ids.append(f.GetField("LSOA11CD").strip())
    old_polys.append(f.GetGeometryRef().Clone())
check(len(old_ids) == 639, f"639 Birmingham LSOAs 2011 ({len(old_ids)})")
def holder(pt, polygons):
    return next((k for k, poly in enumerate(polygons) if poly.Intersects(pt)), None)
links = set()
for a, poly in enumerate(old_polys):
    b = holder(poly.PointOnSurface(), polys)
    if b is not None:
        links.add((a, b))
for b, poly in enumerate(polys):
    a = holder(poly.PointOnSurface(), old_polys)
    if a is not None:
        links.add((a, b))
fms_old = {k: 0.0 for k in old_ids}
reports_in = 0
for r in rows(os.path.join(DATA, "other", "fixmystreet_birmingham", "birmingham_fixmystreet_lsoa11_monthly_selected_categories_2007-2020.csv")):
    if r["SHEF_A_CODE"] == "A29" and "2018-01" <= r["month"] <= "2020-12":
        fms_old[r["lsoa"]] += float(r["reports"])
        reports_in += int(r["reports"])
check(reports_in == 8588, f"8,588 fly-tipping reports 2018-2020 ({reports_in})")
fly = np.zeros(n)
for a in range(len(old_ids)):
    new = [b for (x, b) in links if x == a]
    weight = sum(P[b] for b in new)
    for b in new:
        fly[b] += fms_old[old_ids[a]] * P[b] / weight
check(abs(fly.sum() - 8588) < 1e-6, f"the moved reports keep their total 8,588 ({fly.sum():.6f})")

values = {
    "fly_tipping": fly / P * 1000 * 12 / 36,
    "wm_crimes": O / P * 1000 * 12 / 25,
    "imd": score,
    "btp": btp / P * 1000 * 12 / 28,
}
values["btp_share"] = values["btp"] / values["wm_crimes"]
names = ["wm_crimes", "imd", "btp", "btp_share", "fly_tipping"]

# --- the index: sumFlagsPercentile, ties broken by the mean min-max scaled value -----------
def scores(use):
    pct = [(rankdata(values[k], "average") - 1) / (n - 1) for k in use]
    flags = sum((p > 0.9).astype(float) for p in pct)
    mm = sum((values[k] - values[k].min()) / (values[k].max() - values[k].min()) for k in use) / len(use)
    return flags, mm

def ranks(index, tie):
    order = sorted(range(n), key=lambda i: (-index[i], -tie[i]))
    rank = np.zeros(n, dtype=int)
    for pos, i in enumerate(order):
        j = order[pos - 1] if pos else None
        rank[i] = rank[j] if j is not None and index[i] == index[j] and tie[i] == tie[j] else pos + 1
    return rank, order

index, tie = scores(names)
rank, order = ranks(index, tie)
decile = np.ceil(10 * rank / n).astype(int)
top = set(ids[i] for i in order[:42])
loo = np.array([ranks(*scores([k for k in names if k != drop]))[0] for drop in names])

print(f"recomputed: top 42 {sorted(ids[i] for i in order[:42])}, top 5 in order {[ids[i] for i in order[:5]]}, index of the 42nd {index[order[41]]:.0f}, "
      f"areas with 2+ flags {int((index >= 2).sum())}")

# --- compare with what the command wrote ---------------------------------------------------
areas_csv = os.path.join(csv_dir, "priority_areas.csv")
if not os.path.exists(areas_csv):
    print(f"FAIL: {areas_csv} was not written")
    sys.exit(1)
got = rows(areas_csv)
check(len(got) == n, f"priority_areas.csv has {n} rows ({len(got)})")
by_id = {r["area_id"]: r for r in got}
at = [by_id[i] for i in ids]
def col(name):
    return np.array([float(r[name]) if r[name] != "" else np.nan for r in at])
check(np.allclose(col("index"), index, rtol=0, atol=1e-12), "index equals the recomputed sum of P90 flags")
check((col("rank").astype(int) == rank).all(), "rank equals the recomputed rank (ties broken by mean min-max)")
check((col("decile").astype(int) == decile).all(), "decile = ceil(10 rank / n)")
top_got = set(r["area_id"] for r in got if r["top"].strip().lower() in ("1", "true", "yes"))
check(top_got == top, f"the top 42 set is the recomputed one ({len(top_got & top)} of 42 shared)")
check((col("loo_rank_min").astype(int) == loo.min(axis=0)).all(), "leave-one-out minimum rank")
check((col("loo_rank_max").astype(int) == loo.max(axis=0)).all(), "leave-one-out maximum rank")
header = list(got[0].keys())
for k in names:
    candidates = [h for h in header if h == k or h.startswith(k + "_")]
    match = [h for h in candidates if np.allclose(col(h), values[k], rtol=1e-12, atol=1e-12, equal_nan=False)]
    check(bool(match), f"indicator {k} equals the recomputed value (columns {candidates})")
# --- deprivation: the official IMD 2025 deciles (IoD2025 File 1, sheet IMD25) via OGR ---------
xlsx = ogr.Open(os.path.join(DATA, "deprivation", "IoD2025_File1_IMD_rank_decile_lsoa21_england.xlsx"))
sheet = xlsx.GetLayerByName("IMD25")
official = {f.GetField(0): f.GetField(5) for f in sheet}  # LSOA code (2021), IMD decile
dec = np.array([official[i] for i in ids])
top_idx = [i for i in range(n) if ids[i] in top]
profile = {(r["measure"], r["group"]): float(r["value"]) for r in rows(os.path.join(csv_dir, "deprivation_profile.csv"))}
check(profile[("in_decile_1", "all areas")] == (dec == 1).sum() == 282, "areas in IMD 2025 decile 1: 282 (official deciles)")
check(profile[("in_deciles_1_2", "all areas")] == (dec <= 2).sum() == 362, "areas in IMD 2025 deciles 1-2: 362")
check(profile[("in_decile_1", "the top 42 priority areas")] == (dec[top_idx] == 1).sum(), "top 42 in decile 1")
check(profile[("in_deciles_1_2", "the top 42 priority areas")] == (dec[top_idx] <= 2).sum(), "top 42 in deciles 1-2")
# --- IoD2019 domain ranks on LSOA 2011, moved as scores: an LSOA 2021 keeps the rank of its
# LSOA 2011 (the same rank in both halves of a split), or the mean rank of the LSOAs 2011 merged into it.
iod = {r["lsoa11_code"]: r for r in rows(os.path.join(DATA, "deprivation", "IoD2019_domains_ranks_deciles_lsoa11_england.csv.gz"))}
for domain in ["income_rank", "crime_rank"]:
    want = np.array([np.mean([float(iod[old_ids[a]][domain]) for (a, x) in links if x == b]) for b in range(n)])
    got_domain = col("iod19_" + domain)
    check(np.allclose(got_domain, want, rtol=0, atol=1e-9), f"IoD2019 {domain} moved to LSOA 2021 equals the recomputed one")
top_rows = {r["area_id"]: r for r in rows(os.path.join(csv_dir, "priority_top.csv"))}
check(all(float(top_rows[i]["iod19_income_rank"]) == got_domain_i for i, got_domain_i in
          ((i, float(by_id[i]["iod19_income_rank"])) for i in top)), "priority_top.csv carries the domain ranks of its areas")
# --- periods: the published counts' stated window, and the ratio of two windows warned ----------
import sqlite3
con = sqlite3.connect(os.path.join(out, "priority.gpkg"))
report = con.execute("SELECT section, key, value FROM run_report").fetchall()
wm_period = "2024-04 to 2026-04 (25 months, as published)"
btp_period = "2022-10..2025-01 (28 months)"  # the ini's BTP window: 28 months counted by hand
check(any(k == "priority indicator wm_crimes" and wm_period in v for _, k, v in report), f"wm_crimes period is {wm_period!r}")
check(sum(1 for s_, k, v in report if s_ == "warning" and k == "priority indicator btp_share" and btp_period in v and wm_period in v) == 1,
      "one warning that btp_share divides two windows, naming both")
check(f"ratio 'btp_share' divides btp over {btp_period} by wm_crimes over {wm_period}" in run.stdout + run.stderr, "the same warning on the console")
# --- the near-duplicate warning shows the rho scipy finds, not a rounded 1 ---------------------
import re
from scipy.stats import spearmanr
rho = spearmanr(values["btp"], values["btp_share"]).statistic
shown = re.search(r"'btp' and 'btp_share' have Spearman rho ([0-9.]+) over", run.stdout + run.stderr)
check(bool(shown) and abs(float(shown.group(1)) - rho) < 5e-5 and float(shown.group(1)) < 1,
      f"console near-duplicate rho {shown.group(1) if shown else None} = scipy {rho:.6f}, short of 1")
# --- `hotspot run` on the same configuration: one read, the same nine tables, the same top list ----
run_out = os.path.join(out, "run")
run2 = subprocess.run([hotspot, "run", "-c", os.path.join(HERE, "priority_birmingham.ini"), "-o", os.path.join(run_out, "run.gpkg"),
                       "--priority-csv-dir", os.path.join(run_out, "csv"), "--overwrite"], capture_output=True, text=True)
check(run2.returncode == 0, f"hotspot run with [priority] exits 0 ({run2.returncode})" + ("" if run2.returncode == 0 else ": " + run2.stderr[-300:]))
if run2.returncode == 0:
    names = sorted(os.listdir(csv_dir))
    same = [f for f in names if open(os.path.join(csv_dir, f), "rb").read() == open(os.path.join(run_out, "csv", f), "rb").read()]
    check(len(names) == 9 and same == names, f"run's priority tables equal priority's byte for byte ({len(same)} of {len(names)})")
    run_report = sqlite3.connect(os.path.join(run_out, "run.gpkg")).execute("SELECT key, value FROM run_report WHERE section = 'counter'").fetchall()
    reads = [int(v) for k, v in run_report if k == "rows_read"]
    check(reads == [btp_rows], f"run report: rows_read once, {reads} == the BTP files' {btp_rows} records")
    block = lambda text: text[text.index("top 42:"):text.index("over:")]
    check(block(run2.stdout) == block(run.stdout), "run prints the same top list as priority")
if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
print("all checks passed")
