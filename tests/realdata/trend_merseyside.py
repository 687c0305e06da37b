#!/usr/bin/python3
"""hotspot trend end to end on the real Merseyside police.uk files (36 months, 2022-10..2025-09).
Oracle, independent of hotspot: the raw CSVs read with Python's csv module (rows with a longitude and
latitude, as hotspot accepts them), counted per month and category; Mann-Kendall S, Var(S) with the
tie correction, Z and p written out here, Kendall's tau-b from scipy.stats.kendalltau, Sen's slope
as the median of the pairwise slopes and its interval by Gilbert's rounded ranks, and the seasonal
index by the centred 2x12 moving average, all in numpy. Per-area series: Liverpool LSOA11 polygons
with ogr point-in-polygon on points projected by pyproj, for the LSOAs with the most anti-social
behaviour. Quarterly and financial-year series are checked against sums of the monthly counts
(financial year 2022/23 lacks April-September 2022: NA). One chart of each kind is checked for its
axis labels (unit and period), and rendered to PNG with rsvg-convert when it is installed.
Usage: trend_merseyside.py HOTSPOT WORKDIR. Skips (77) without ../shared/data.
"""
import csv
import glob
import gzip
import math
import os
import shutil
import subprocess
import sys
from collections import defaultdict

import numpy as np
from osgeo import ogr
from pyproj import Transformer
from scipy.stats import kendalltau, norm

from merseyside_liverpool import paths

hotspot, work, data, folder, layer = paths()
failures = []


def check(what, got, want, tol=1e-9):
    if (want is None or (isinstance(want, float) and math.isnan(want))) and got is None:
        return
    if got is None or want is None or abs(got - want) > tol * max(1.0, abs(want)):
        failures.append(f"{what}: hotspot {got!r}, oracle {want!r}")


def run(*args):
    r = subprocess.run([hotspot, "trend", "--overwrite", "--police", folder, *args], capture_output=True, text=True)
    print(r.stdout, r.stderr)
    if r.returncode != 0:
        print(f"FAIL: hotspot trend exited {r.returncode}")
        sys.exit(1)
    return r.stdout


def table(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def num(v):
    return None if v == "" else float(v)


# --- the oracle's counts from the raw files ---
months = [f"{y}-{m:02d}" for y in range(2022, 2026) for m in range(1, 13)]
months = months[months.index("2022-10"):months.index("2025-09") + 1]
count = defaultdict(lambda: np.zeros(36))  # category -> per month
outcome = defaultdict(lambda: np.zeros(36))  # (category, last outcome) -> per month
points = defaultdict(list)  # category -> (month index, lon, lat)
for path in sorted(glob.glob(os.path.join(folder, "*.csv.gz"))):
    with gzip.open(path, "rt", newline="") as f:
        for row in csv.DictReader(f):
            if not row["Longitude"] or not row["Latitude"]:
                continue
            m = months.index(row["Month"])
            count[row["Crime type"]][m] += 1
            outcome[(row["Crime type"], row["Last outcome category"].strip())][m] += 1
            if row["Crime type"] == "Anti-social behaviour":
                points["asb"].append((m, float(row["Longitude"]), float(row["Latitude"])))


def mann_kendall(x, t):
    n = len(x)
    s = sum(np.sign(x[j] - x[i]) for i in range(n) for j in range(i + 1, n))
    _, g = np.unique(x, return_counts=True)
    var = (n * (n - 1) * (2 * n + 5) - np.sum(g * (g - 1) * (2 * g + 5))) / 18
    z = 0.0 if s == 0 else (s - np.sign(s)) / math.sqrt(var)
    slopes = np.sort([(x[j] - x[i]) / (t[j] - t[i]) for i in range(n) for j in range(i + 1, n)])
    N = len(slopes)
    c = norm.ppf(0.975) * math.sqrt(var)
    lo, up = round((N - c) / 2), round((N + c) / 2 + 1)  # Python's round: half to even, as R's
    return dict(s=s, var=var, z=z, p=2 * norm.sf(abs(z)), tau=kendalltau(x, t).statistic, sen=float(np.median(slopes)),
                lo=slopes[lo - 1] if 1 <= lo <= N else None, up=slopes[up - 1] if 1 <= up <= N else None)


def seasonal(x, first_month):  # first_month: 1..12 of x[0]
    x = np.asarray(x, float)
    w = np.r_[0.5, np.ones(11), 0.5] / 12
    ratios = defaultdict(list)
    for i in range(6, len(x) - 6):
        ratios[(first_month - 1 + i) % 12].append(x[i] / np.dot(w, x[i - 6:i + 7]))
    raw = np.array([np.mean(ratios[m]) for m in range(12)])
    return raw / raw.mean()


def check_series(label, got, x, t=None):
    t = np.arange(len(x), dtype=float) if t is None else t
    o = mann_kendall(np.asarray(x, float), t)
    check(f"{label} periods_tested", num(got["periods_tested"]), len(x))
    check(f"{label} incidents", num(got["incidents"]), float(np.sum(x)))
    check(f"{label} S", num(got["mk_s"]), o["s"])
    check(f"{label} Var(S)", num(got["mk_var_s"]), o["var"])
    check(f"{label} Z", num(got["mk_z"]), o["z"])
    check(f"{label} p", num(got["mk_p"]), o["p"])
    check(f"{label} tau-b", num(got["kendall_tau_b"]), o["tau"])
    check(f"{label} Sen's slope", num(got["sen_slope"]), o["sen"])
    check(f"{label} Sen lower", num(got["sen_lower_95"]), o["lo"])
    check(f"{label} Sen upper", num(got["sen_upper_95"]), o["up"])
    want = "rising" if o["p"] < 0.05 and o["s"] > 0 else "falling" if o["p"] < 0.05 else "no significant trend"
    if len(x) < 3:
        want = f"not tested ({len(x)} steps with data; needs 3)"
    if got["direction"] != want:
        failures.append(f"{label} direction: hotspot {got['direction']!r}, oracle {want!r}")
    return o


def check_fdr(label, rows):
    """Benjamini-Hochberg at 5 % over the tested series, written out here; returns the counts."""
    ps = sorted(float(r["mk_p"]) for r in rows if int(r["periods_tested"]) >= 3)
    cut = max([p for k, p in enumerate(ps) if p <= (k + 1) * 0.05 / len(ps)], default=-1)
    for r in rows:
        p, s_ = float(r["mk_p"]), float(r["mk_s"])
        want = ("rising" if s_ > 0 else "falling") if p <= cut else "no significant trend"
        if r["direction_fdr"] != want:
            failures.append(f"{label} {r['category']} {r['area_code']} direction_fdr: hotspot {r['direction_fdr']!r}, oracle {want!r}")
    return (sum(r["direction"] != "no significant trend" for r in rows), sum(r["direction_fdr"] != "no significant trend" for r in rows), cut)


# --- 1. city-wide, by category, monthly ---
out = os.path.join(work, "category")
charts = os.path.join(work, "charts")
run("--by", "category", "--csv-dir", out, "--charts", charts, "--max-charts", "3")
tests = {r["category"]: r for r in table(os.path.join(out, "trend_tests.csv"))}
plain_c, fdr_c, cut_c = check_fdr("city-wide", list(tests.values()))
print(f"categories: {plain_c} with a trend at p < 0.05, {fdr_c} after Benjamini-Hochberg (cutoff p <= {cut_c:.6f})")
seas = defaultdict(dict)
for r in table(os.path.join(out, "trend_seasonal.csv")):
    seas[r["category"]][int(r["month"])] = float(r["seasonal_index"])
series = defaultdict(dict)
for r in table(os.path.join(out, "trend_series.csv")):
    series[r["category"]][r["period"]] = num(r["incidents"])
if set(tests) != set(count):
    failures.append(f"categories: hotspot {sorted(tests)}, oracle {sorted(count)}")
for cat in sorted(count):
    if cat not in tests:
        continue
    for k, m in enumerate(months):
        check(f"{cat} {m} count", series[cat].get(m), count[cat][k], 0)
    o = check_series(cat, tests[cat], count[cat])
    idx = seasonal(count[cat], 10)
    for m in range(12):
        check(f"{cat} seasonal index month {m + 1}", seas[cat].get(m + 1), idx[m], 1e-12)
    print(f"{cat}: S {o['s']:.0f}, Z {o['z']:.3f}, Sen {o['sen']:.3f} per month, ASB-style peak "
          f"{['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug','Sep','Oct','Nov','Dec'][int(np.argmax(idx))]} ({idx.max():.3f})")

# --- 2. quarters and financial years: sums of the oracle's months ---
for step, size, labels in (("quarter", 3, None), ("fy", 12, None)):
    out_s = os.path.join(work, step)
    run("--category", "Anti-social behaviour", "--category", "Burglary", "--by", "category", "--step", step, "--csv-dir", out_s)
    rows = table(os.path.join(out_s, "trend_series.csv"))
    for cat in ("Anti-social behaviour", "Burglary"):
        got = [num(r["incidents"]) for r in rows if r["category"] == cat]
        if step == "quarter":
            want = [float(count[cat][3 * q:3 * q + 3].sum()) for q in range(12)]  # 2022-Q4 .. 2025-Q3
        else:  # 2022/23 (Apr 2022-Mar 2023) lacks Apr-Sep 2022: NA; 2023/24, 2024/25 whole; 2025/26 lacks Oct 2025-Mar 2026: NA
            want = [None, float(count[cat][6:18].sum()), float(count[cat][18:30].sum()), None]
        if len(got) != len(want):
            failures.append(f"{cat} {step}: {len(got)} periods, oracle {len(want)}")
            continue
        for k, (g, w) in enumerate(zip(got, want)):
            if (g is None) != (w is None) or (g is not None and g != w):
                failures.append(f"{cat} {step} period {k}: hotspot {g}, oracle {w}")
        tested = [w for w in want if w is not None]
        check_series(f"{cat} by {step}", next(r for r in table(os.path.join(out_s, "trend_tests.csv")) if r["category"] == cat),
                     tested, np.array([k for k, w in enumerate(want) if w is not None], float))

# --- 3. ASB per Liverpool LSOA11 (point in polygon) ---
out_a = os.path.join(work, "lsoa")
run("--area", f"lsoa={layer},id=LSOA11CD,name=LSOA11NM", "--areas", "lsoa", "--category", "Anti-social behaviour", "--csv-dir", out_a)
tests_a = table(os.path.join(out_a, "trend_tests.csv"))
top = sorted(tests_a, key=lambda r: -int(r["incidents"]))[:4]
to_bng = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
pm = np.array([p[0] for p in points["asb"]])
px, py = to_bng.transform(np.array([p[1] for p in points["asb"]]), np.array([p[2] for p in points["asb"]]))
ds = ogr.Open(layer)
lyr = ds.GetLayer(0)
for r in top:
    lyr.SetAttributeFilter(f"LSOA11CD = '{r['area_code']}'")
    feature = lyr.GetNextFeature()  # kept alive while its geometry is used
    g = feature.GetGeometryRef().Clone()
    x0, x1, y0, y1 = g.GetEnvelope()
    near = np.nonzero((px >= x0) & (px <= x1) & (py >= y0) & (py <= y1))[0]
    per_month = np.zeros(36)
    for i in near:
        pt = ogr.Geometry(ogr.wkbPoint)
        pt.AddPoint_2D(float(px[i]), float(py[i]))
        if g.Intersects(pt):
            per_month[pm[i]] += 1
    o = check_series(f"ASB {r['area_code']}", r, per_month)
    print(f"ASB {r['area_code']} ({r['area_name']}): {int(per_month.sum())} incidents, S {o['s']:.0f}, Z {o['z']:.3f}, "
          f"Sen {o['sen']:.3f} per month, {r['direction']}")
plain, fdr, cut = check_fdr("ASB", tests_a)
print(f"LSOA series: {len(tests_a)}, {plain} with a trend at p < 0.05, {fdr} after Benjamini-Hochberg (cutoff p <= {cut:.6f})")

# --- 4. the charts: labels with unit and period; a PNG to look at ---
svg = open(os.path.join(charts, "trend_001.svg")).read()
for text in ("Incidents per month, 2022-10..2025-09", "Incidents per month (count)", "Month (2022-10..2025-09)", "Sen&apos;s slope", "Mann-Kendall"):
    if text.replace("&apos;", "'") not in svg and text not in svg:
        failures.append(f"trend_001.svg lacks {text!r}")
sea = open(os.path.join(charts, "seasonal_001.svg")).read()
for text in ("Seasonal index by calendar month", "Seasonal index (1 = an average month; the 12 sum to 12)", "2022-10..2025-09", "Calendar month"):
    if text not in sea:
        failures.append(f"seasonal_001.svg lacks {text!r}")
if shutil.which("rsvg-convert"):
    for name in ("trend_001", "seasonal_001"):
        subprocess.run(["rsvg-convert", "-o", os.path.join(work, name + ".png"), os.path.join(charts, name + ".svg")], check=True)
    print(f"charts rendered: {work}/trend_001.png, {work}/seasonal_001.png")

# --- 5. measures with where filters on police.uk's outcome column (--by measure, and the table) ---
VIOLENCE = "Violence and sexual offences"
OPEN = ("Under investigation", "Awaiting court outcome")
cfg = os.path.join(work, "measures.ini")
with open(cfg, "w") as f:
    f.write("[measure.Violence still open]\ncategories = " + VIOLENCE + "\n"
            "where = \"Last outcome category\" in ('Under investigation', 'Awaiting court outcome')\n"
            "[measure.Closed without a suspect]\n"
            "where = \"Last outcome category\" = 'Investigation complete; no suspect identified'\n"
            "[measure.Outcome recorded]\nwhere = \"Last outcome category\" is not empty and not \"Crime type\" = 'Anti-social behaviour'\n")
want_m = {
    "Violence still open": sum(outcome[(VIOLENCE, o)] for o in OPEN),
    "Closed without a suspect": sum(v for (c, o), v in outcome.items() if o == "Investigation complete; no suspect identified"),
    "Outcome recorded": sum((v for (c, o), v in outcome.items() if o != "" and c != "Anti-social behaviour"), np.zeros(36)),
}
out_m = os.path.join(work, "measure")
run("-c", cfg, "--by", "measure", "--csv-dir", out_m)
got_m = defaultdict(dict)
for r in table(os.path.join(out_m, "trend_series.csv")):
    got_m[r["measure"]][r["period"]] = num(r["incidents"])
tests_m = {r["measure"]: r for r in table(os.path.join(out_m, "trend_tests.csv"))}
for name, want in want_m.items():
    for k, m in enumerate(months):
        check(f"measure {name} {m}", got_m[name].get(m), want[k], 0)
    if name in tests_m:
        o = check_series(f"measure {name}", tests_m[name], want)
        print(f"measure {name}: {want.sum():.0f} incidents, S {o['s']:.0f}, Sen {o['sen']:.3f} per month, {tests_m[name]['direction']}")
    else:
        failures.append(f"measure {name}: no trend_tests row")
# The filter's account: violence rows with an empty outcome are unknown, not silently left out.
report = {(r["section"], r["key"], r["value"].split(":")[0]): r["value"] for r in table(os.path.join(out_m, "run_report.csv"))}
violence_rows = int(count[VIOLENCE].sum())
empty_violence = int(outcome[(VIOLENCE, "")].sum())
account = [v for (sec, key, head), v in report.items() if sec == "selection" and "Violence still open" in v]
want_account = f"{int(want_m['Violence still open'].sum()):,} of {violence_rows:,} rows selected"
if not account or want_account not in account[0]:
    failures.append(f"where account: hotspot {account!r}, oracle {want_account!r}")
if empty_violence and (not account or f"Last outcome category is empty in {empty_violence:,}" not in account[0]):
    failures.append(f"where account lacks the {empty_violence} violence rows with no outcome: {account!r}")
print(f"where accounts: {account}")
# The performance table counts the same rows: its latest quarter (2025/26 Q2, Jul-Sep 2025).
table_csv = os.path.join(work, "measure_table.csv")
table_args = [hotspot, "table", "--overwrite", "-c", cfg, "--police", folder, "--csv", table_csv,
              "--area", f"lsoa={layer},id=LSOA11CD", "--outside-study-area", "keep"]  # every row in the study-area line
r = subprocess.run(table_args, capture_output=True, text=True)
if r.returncode != 0:
    failures.append(f"hotspot table exited {r.returncode}: {r.stderr[-400:]}")
else:
    rows_t = [x for x in table(table_csv) if x["Area layer"] == "study area"]
    quarter_col = next(c for c in rows_t[0] if c.startswith("2025/26 Q2"))
    for x in rows_t:
        want = want_m[x["Measure"]][33:36].sum()
        check(f"table {x['Measure']} {quarter_col}", num(x[quarter_col]), float(want), 0)
# --- 6. Merseyside with BTP (whose files end 2025-01): BTP's missing months are NA in BTP's series only ---
two = os.path.join(work, "two_forces.ini")
with open(two, "w") as f:
    f.write(f"[input.mersey]\npath = {folder}\n[input.btp]\npath = {os.path.join(data, 'crime', 'btp_street_2022-10_2025-01')}\n")
out_two = os.path.join(work, "two_forces")
r = subprocess.run([hotspot, "trend", "--overwrite", "-c", two, "--by", "source", "--step", "quarter", "--csv-dir", out_two], capture_output=True, text=True)
if r.returncode != 0:
    failures.append(f"trend with BTP exited {r.returncode}: {r.stderr[-300:]}")
else:
    rows2 = table(os.path.join(out_two, "trend_series.csv"))
    mersey_q = [num(x["incidents"]) for x in rows2 if x["source"] == "mersey"]
    want_q = [float(sum(count[c][3 * q:3 * q + 3].sum() for c in count)) for q in range(12)]
    if mersey_q != want_q:
        failures.append(f"mersey quarters beside BTP: hotspot {mersey_q}, oracle {want_q}")
    btp = [x for x in rows2 if x["source"] == "btp"]
    blank = [x["period"] for x in btp if x["incidents"] == ""]
    if blank != ["2025-Q1", "2025-Q2", "2025-Q3"] or "no police.uk file of input 'btp'" not in btp[-1]["data"]:
        failures.append(f"BTP's quarters without files: {blank}, {btp[-1]['data']!r}")

# A misspelt value is refused with the values there.
r = subprocess.run(table_args + ["--set", "measure.Violence still open.where=\"Last outcome category\" = 'under investigation'"], capture_output=True, text=True)
if r.returncode != 2 or "'Under investigation' (" not in r.stderr or "case included" not in r.stderr:
    failures.append(f"misspelt outcome: exit {r.returncode}, {r.stderr[-300:]!r}")

if failures:
    print(f"FAIL: {len(failures)} differences")
    for f in failures[:40]:
        print("  " + f)
    sys.exit(1)
print("PASS")
