#!/usr/bin/python3
"""hotspot report (the tasking pack) end to end, its numbers against an independent oracle.

Runs `hotspot run` (or join) and `hotspot sites` twice (all months, and an earlier period as the
"last pack" given to --previous), builds the pack as HTML and A4 PDF, and checks:
- every site's incidents in the pack period and the previous period (data-now / data-before of the
  ranked table), its hot months of the last 12 and its run of hot months, and the old sites' counts,
  recomputed here from the GeoPackages with GDAL/GEOS point-in-polygon (ogr Geometry.Contains on
  the stored site polygons), months from the incidents' month field; the pack period is the last
  N months of the months holding incidents of the sites' categories;
- the study-wide counts in the bottom line;
- one map per site plus the overview, two charts, no <script>, no external reference;
- the PDF: A4 (pdfinfo), more than one page; the build time of the HTML pack is printed, not asserted (tools/bench-web measures it).
Usage: report_oracle.py HOTSPOT WORKDIR city|btp SOURCE_DIR. btp skips (77) without ../shared/data.
"""
import csv
import os
import re
import shutil
import subprocess
import sys
import time
from collections import defaultdict

import numpy as np
from osgeo import ogr

ogr.UseExceptions()
hotspot, work, mode, source = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
shared = os.path.normpath(os.path.join(source, "..", "shared", "data"))
failures = []
MONTHS = 3


def check(what, got, want):
    if got != want:
        failures.append(f"{what}: pack {got!r}, oracle {want!r}")


def sh(*args):
    r = subprocess.run(args, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
    return r.stdout


shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
run_gpkg, sites_gpkg, old_gpkg = (os.path.join(work, n) for n in ("run.gpkg", "sites.gpkg", "old_sites.gpkg"))
pack, pdf = os.path.join(work, "pack.html"), os.path.join(work, "pack.pdf")
if mode == "city":
    ini = os.path.join(source, "geodata", "hotspot.ini")
    sh(hotspot, "run", "-q", "-c", ini, "-o", run_gpkg, "--set", "output.density=", "--set", "output.mbtiles=", "--set", "output.xyz=")
    common = ["-q", "-c", ini, "--category", "Anti-social behaviour", "--within", "wards=Ashcombe;Wexley Green;Billingford;Ladymead", "--count", "12"]
else:
    if not os.path.isdir(shared):
        print(f"SKIP: {shared} is absent")
        sys.exit(77)
    ini = os.path.join(work, "btp_birmingham.ini")
    with open(ini, "w") as f:
        f.write(f"[analysis]\nt_srs = EPSG:27700\nstudy_area = wards\n\n[input.btp]\nformat = police.uk\n"
                f"path = {shared}/crime/btp_street_2022-10_2025-01\n\n[area.wards]\npath = {shared}/boundaries/birmingham_wards_2018.gpkg\n"
                "id = code\nname = ward_name\n")
    sh(hotspot, "run", "-q", "-c", ini, "-o", run_gpkg)
    common = ["-q", "-c", ini, "--within", "wards=Ladywood;Aston;Bournbrook & Selly Park;Billesley", "--count", "8"]
sh(hotspot, "sites", *common, "-o", sites_gpkg)
sh(hotspot, "sites", *common, "--period", "2023/24", "-o", old_gpkg)
extra = []
if mode == "city":  # the optional inputs: Gi* on 250 m cells (confidence) and the performance table
    stats_gpkg, table_gpkg = os.path.join(work, "stats.gpkg"), os.path.join(work, "table.gpkg")
    sh(hotspot, "stats", "-q", "-c", ini, "--category", "Anti-social behaviour", "--units", "grid", "--cell", "250", "--neighbours", "band:500",
       "--statistics", "gistar", "--fdr", "-o", stats_gpkg)
    sh(hotspot, "table", "-q", "-c", ini, "-o", table_gpkg)
    trend_gpkg = os.path.join(work, "trend.gpkg")
    sh(hotspot, "trend", "-q", "-c", ini, "--category", "Anti-social behaviour", "-o", trend_gpkg)
    emerging_gpkg = os.path.join(work, "emerging.gpkg")
    sh(hotspot, "emerging", "-q", "-c", ini, "--category", "Anti-social behaviour", "--cell", "250", "--band", "500", "-o", emerging_gpkg)
    priority_gpkg = os.path.join(work, "priority.gpkg")
    sh(hotspot, "priority", "-q", "-c", ini, "--indicator", "asb=categories:Anti-social behaviour,per:1000 residents,window:last 2 financial years",
       "--indicator", "fly=categories:Fly-tipping,per:km2", "--preset", "sumFlagsPercentile", "--top", "5", "-o", priority_gpkg)
    extra = [stats_gpkg, table_gpkg, trend_gpkg, emerging_gpkg, priority_gpkg]
start = time.monotonic()
out = sh(hotspot, "report", *extra[::-1], sites_gpkg, run_gpkg, "--previous", old_gpkg, "-o", pack, "--months", str(MONTHS), "--title", f"Tasking pack ({mode})")
html_seconds = time.monotonic() - start
sh(hotspot, "report", run_gpkg, sites_gpkg, *extra, "--previous", old_gpkg, "-o", pack, "--pdf", pdf, "--months", str(MONTHS), "--overwrite",
   "--title", f"Tasking pack ({mode})")
html = open(pack, encoding="utf-8").read()

# The oracle: incidents and polygons read with ogr, points located with GEOS.
ds = ogr.Open(sites_gpkg)
effective = [f.GetField("value") for f in ds.GetLayer("run_report") if f.GetField("key") == "effective_ini"][0]
m = re.search(r"\[measures\][^\[]*?^categories = (.*)$", effective, re.M)
categories = set(c for c in m.group(1).split(";") if c) if m and m.group(1).strip() else None
run_ds = ogr.Open(run_gpkg)  # kept: a layer dies with its dataset
inc = run_ds.GetLayer("incidents")
xs, ys, months = [], [], []
for f in inc:
    if categories is None or f.GetField("category") in categories:
        p = f.GetGeometryRef()
        xs.append(p.GetX()), ys.append(p.GetY()), months.append(f.GetField("month"))
xs, ys = np.array(xs), np.array(ys)


def month_index(label):
    y, mo = label.split("-")
    return int(y) * 12 + int(mo) - 1


mi = np.array([month_index(x) for x in months])
first, last = mi.min(), mi.max()
now_first, before_first = last - MONTHS + 1, last - 2 * MONTHS + 1


def inside(geom):
    """Indices of the incidents of the categories inside the polygon (GEOS)."""
    x0, x1, y0, y1 = geom.GetEnvelope()
    cand = np.nonzero((xs >= x0) & (xs <= x1) & (ys >= y0) & (ys <= y1))[0]
    pt = ogr.Geometry(ogr.wkbPoint)
    out = []
    for k in cand:
        pt.SetPoint_2D(0, float(xs[k]), float(ys[k]))
        if geom.Contains(pt):
            out.append(k)
    return np.array(out, dtype=int)


def site_months(geom):
    """Month index of every incident of the categories inside the polygon."""
    return mi[inside(geom)]


def rows(attr_names):
    pattern = r"<tr " + r" ".join(f'data-{a}="(-?\\d+)"' for a in attr_names)
    return [tuple(int(v) for v in r) for r in re.findall(pattern, html)]


pack_sites = {r[0]: r[1:] for r in rows(["rank", "now", "before", "total", "hot12", "streak"])}
n_months = last - first + 1
site_layer = ds.GetLayer("sites")
check("sites in the ranked table", len(pack_sites), site_layer.GetFeatureCount())
for f in site_layer:
    ms = site_months(f.GetGeometryRef())
    monthly = np.bincount(ms - first, minlength=n_months)
    mean = monthly.sum() / n_months
    hot = monthly > mean
    streak = 0
    for h in hot[::-1]:
        if not h:
            break
        streak += 1
    want = (int(((ms >= now_first)).sum()), int(((ms >= before_first) & (ms < now_first)).sum()), len(ms), int(hot[-12:].sum()), streak)
    check(f"site {f.GetField('rank')} (now, before, total, hot12, streak)", pack_sites.get(f.GetField("rank")), want)
    print(f"site {f.GetField('rank')}: {f.GetField('place')}: pack period {want[0]}, previous {want[1]}, all months {want[2]}, "
          f"hot {want[3]} of 12, streak {want[4]}")

if extra:  # the Gi* bin of the stats cell holding each site's centre, found by GEOS
    stats_ds = ogr.Open(extra[0])
    gi = stats_ds.GetLayer("gistar")
    field = "gi_bin_fdr" if gi.GetLayerDefn().GetFieldIndex("gi_bin_fdr") >= 0 else "gi_bin"
    cells = [(g.GetGeometryRef().Clone(), g.GetField(field)) for g in gi]
    pack_bins = dict(re.findall(r'<tr data-rank="(\d+)"[^>]*data-gi="([^"]*)"', html))
    site_layer.ResetReading()
    for f in site_layer:
        pt = ogr.Geometry(ogr.wkbPoint)
        pt.SetPoint_2D(0, f.GetField("easting"), f.GetField("northing"))
        want = next((str(v) if v is not None else "" for g, v in cells if g.Contains(pt)), "")
        check(f"site {f.GetField('rank')} Gi* bin ({field})", pack_bins.get(str(f.GetField("rank"))), want)
    print("Gi* bins at the sites:", pack_bins)
    table_ds = ogr.Open(extra[1])
    perf = table_ds.GetLayer("performance_table")
    perf.SetAttributeFilter("area_layer = 'study area'")
    want_rows = [(f.GetField("measure"), f.GetField("q_latest"), f.GetField("ytd")) for f in perf]
    shown = re.search(r'<table class="plain" data-layer="performance_table">(.*?)</table>', html, re.S).group(1)
    head = re.findall(r"<th>(.*?)</th>", shown)
    got_rows = [re.findall(r"<td>(.*?)</td>", r) for r in re.findall(r"<tr>(.*?)</tr>", shown)[1:]]
    latest, ytd = head.index("Incidents, 2024/25 Q4"), head.index("Incidents, YTD 2024/25 (Apr-Mar)")
    check("performance table: study-area rows (measure, latest quarter, YTD)",
          [(r[0], int(r[latest]), int(r[ytd])) for r in got_rows], want_rows)

    emerging_ds = ogr.Open(extra[3])
    cells = [(g.GetGeometryRef().Clone(), g.GetField("pattern") or "") for g in emerging_ds.GetLayer("emerging_hot_spots")]
    pack_patterns = dict(re.findall(r'<tr data-rank="(\d+)"[^>]*data-emerging="([^"]*)"', html))
    site_layer.ResetReading()
    for f in site_layer:
        pt = ogr.Geometry(ogr.wkbPoint)
        pt.SetPoint_2D(0, f.GetField("easting"), f.GetField("northing"))
        want = next((v for g, v in cells if g.Contains(pt)), "")
        check(f"site {f.GetField('rank')} emerging pattern", pack_patterns.get(str(f.GetField("rank"))), want)
    print("emerging patterns at the sites:", pack_patterns)
    priority_ds = ogr.Open(extra[4])
    want = [(str(f.GetField("rank")), f.GetField("area_name")) for f in priority_ds.GetLayer("priority_top")]
    shown = re.search(r'<table class="plain" data-layer="priority_top">(.*?)</table>', html, re.S).group(1)
    head = re.findall(r"<th>(.*?)</th>", shown)
    got = [re.findall(r"<td>(.*?)</td>", r) for r in re.findall(r"<tr>(.*?)</tr>", shown)[1:]]
    check("priority neighbourhoods (rank, name)", [(r[head.index("rank")], r[head.index("area_name")]) for r in got], want)
    trend_ds = ogr.Open(extra[2])
    want = [(f.GetField("month_name"), f"{f.GetField('seasonal_index'):.2f}") for f in trend_ds.GetLayer("trend_seasonal")]
    shown = re.search(r'<table class="plain" data-layer="trend_seasonal">(.*?)</table>', html, re.S).group(1)
    head = re.findall(r"<th>(.*?)</th>", shown)
    got = [re.findall(r"<td>(.*?)</td>", r) for r in re.findall(r"<tr>(.*?)</tr>", shown)[1:]]
    check("seasonal indices (month, index)", [(r[head.index("month")], r[head.index("seasonal index (1 = an average month)")]) for r in got], want)

old = {r[0]: r[1:] for r in rows(["old-rank", "now", "before"])}
old_ds = ogr.Open(old_gpkg)
old_layer = old_ds.GetLayer("sites")
check("old sites listed", len(old), old_layer.GetFeatureCount())
for f in old_layer:
    ms = site_months(f.GetGeometryRef())
    check(f"old site {f.GetField('rank')} (now, before)", old.get(f.GetField("rank")),
          (int((ms >= now_first).sum()), int(((ms >= before_first) & (ms < now_first)).sum())))

sel_now, sel_before = int((mi >= now_first).sum()), int(((mi >= before_first) & (mi < now_first)).sum())
bottom = re.sub(r"<[^>]+>", "", re.search(r'id="bottom-line"><p>(.*?)</p>', html, re.S).group(1))
check("bottom line: study-area incidents in the pack period", re.search(r"the run recorded (\d+) incidents", bottom).group(1), str(sel_now))
check("bottom line: previous period", re.search(r"months before \((\d+)\)", bottom).group(1), str(sel_before))
print("bottom line:", bottom)

check("the run's own GeoPackage is the run (listed after the others)", f"<tr><td>{run_gpkg}</td><td>run</td>" in html, True)
overview = re.search(r'<svg class="map" data-map="overview".*?</svg>', html, re.S).group(0)
check("the overview draws the run's area layer", overview.count('stroke="#8a8a8a"') > 0, True)
maps = re.findall(r'<svg class="map" data-map="([^"]+)"', html)
check("maps (overview + one per site)", sorted(maps), sorted(["overview"] + [f"site-{r}" for r in pack_sites]))
check("charts", len(re.findall(r'<svg class="chart"', html)), 2)
check("scale bars", html.count('class="scale-bar"'), len(maps))
check("north arrows", html.count('class="north-arrow"'), len(maps))
check("no script", "<script" in html.lower(), False)
check("no external reference", re.findall(r'(?:src|href)="(?!#)[^"]*"', html), [])

def refused(args, message, code=None, env=None):
    r = subprocess.run([hotspot, "report", *args], capture_output=True, text=True, env=env)
    check(f"report {' '.join(args[-3:])} refused with {message!r}", (r.returncode != 0 and (code is None or r.returncode == code), message in r.stderr),
          (True, True))


if mode == "city":  # bad input and outputs: clear refusals, nothing written
    bad = os.path.join(work, "bad.html")
    refused([run_gpkg, "-o", bad], "needs the GeoPackage of hotspot sites")
    refused([run_gpkg, sites_gpkg, os.path.join(source, "geodata", "boundaries.gpkg"), "-o", bad], "holds none of the layers a tasking pack reads")
    refused([run_gpkg, sites_gpkg, sites_gpkg, "-o", bad], "adds nothing to the pack")
    refused([run_gpkg, sites_gpkg, "--previous", run_gpkg, "-o", bad], "is not a sites GeoPackage")
    refused([run_gpkg, sites_gpkg, "--months", "20", "-o", bad], "fewer than two periods of 20 months")
    refused([run_gpkg, sites_gpkg, "--min-count", "5", "-o", bad], "--min-count applies to the public version")
    refused([run_gpkg, sites_gpkg, "--audience", "everyone", "-o", bad], "expected analyst or public")
    refused([run_gpkg, sites_gpkg, "-o", pack], "pass --overwrite", code=6)
    for name, content in (("theirs.html", "<!DOCTYPE html>\n<html><body>a page of someone else's</body></html>\n"),
                          ("theirs.pdf", "%PDF-1.4\n% not a pack\n")):
        theirs = os.path.join(work, name)
        with open(theirs, "w") as f:
            f.write(content)
        args = ["-o", theirs, "--overwrite"] if name.endswith(".html") else ["-o", os.path.join(work, "bad.html"), "--pdf", theirs, "--overwrite"]
        refused([run_gpkg, sites_gpkg, *args], "is not a tasking pack (HTML or PDF)")
        check(f"{name} left as it was", open(theirs).read(), content)
        os.remove(theirs)
    refused([run_gpkg, sites_gpkg, "-o", bad, "--pdf", os.path.join(work, "bad.pdf")], "--pdf needs headless Chromium",
            env=dict(os.environ, HOTSPOT_CHROMIUM="/nonexistent/chromium"))
    check("nothing written by a refused report", sorted(n for n in os.listdir(work) if n.startswith("bad") or n.startswith(".bad")), [])

# The public version (--audience public): recomputed counts 1..9 are withheld, shown counts equal the
# oracle's, no total gives a withheld count away on its own, no incident is drawn, and
# check-disclosure passes it while it fails the analyst pack.
public = os.path.join(work, "public.html")
public_pdf = os.path.join(work, "public.pdf")
public_out = sh(hotspot, "report", run_gpkg, sites_gpkg, *extra, "--previous", old_gpkg, "-o", public, "--pdf", public_pdf, "--months", str(MONTHS),
                "--audience", "public")
ptext = sh("pdftotext", "-l", "1", public_pdf, "-")
check("public PDF marked OFFICIAL, not OFFICIAL-SENSITIVE", ("OFFICIAL" in ptext, "OFFICIAL-SENSITIVE" in ptext), (True, False))
phtml = open(public, encoding="utf-8").read()
check("public pack: no incident dots", ("incidents-now" in phtml, "incidents-earlier" in phtml), (False, False))
check("public pack: audience meta", '<meta name="hotspot-audience" content="public">' in phtml, True)
prow = {int(r[0]): r[1:] for r in re.findall(r'<tr data-rank="(\d+)" data-now="([^"]*)" data-before="([^"]*)"', phtml)}
check("public pack: sites in the ranked table", sorted(prow), sorted(pack_sites))
check("public pack: no whole-period count, hot months or sites-layer column",
      ("data-total" in phtml, "data-hot12" in phtml, "Monthly mean" in phtml, "weighted score</th>" in phtml), (False, False, False, False))
withheld = 0
for rank, (now, before, *_rest) in pack_sites.items():
    for what, want, got in (("now", now, prow[rank][0]), ("before", before, prow[rank][1])):
        if 1 <= want < 10:
            check(f"public pack: site {rank} {what} = {want} withheld", got, "[c]")
        elif got != "[c]":
            check(f"public pack: site {rank} {what} shown", int(got), want)
        withheld += got == "[c]"


def chart(html_text, name):
    svg = re.search(rf'<svg class="chart" data-chart="{name}".*?</svg>', html_text, re.S).group(0)
    return [v for _, v in re.findall(r'data-month="([^"]+)" data-count="([^"]*)"', svg)]


sel_bars = chart(phtml, "selection")
want_bars = np.bincount(mi - first, minlength=n_months)
check("public pack: one bar per month", len(sel_bars), n_months)
for k, (v, w) in enumerate(zip(sel_bars, want_bars)):
    if 1 <= w < 10:
        check(f"public pack: study-area month {k} = {w} withheld", v, "[c]")
    elif v != "[c]":
        check(f"public pack: study-area month {k} shown", int(v), int(w))
pbottom = re.sub(r"<[^>]+>", "", re.search(r'id="bottom-line"><p>(.*?)</p>', phtml, re.S).group(1))
shown_now = re.search(r"the run recorded (\S+) incidents", pbottom).group(1)
shown_before = re.search(r"months before \((\S+)\)", pbottom).group(1)
# A period total shown with exactly one of its months withheld would give that month away.
for label, total, lo, hi in (("pack period", shown_now, now_first, last + 1), ("previous period", shown_before, before_first, now_first)):
    months_withheld = sum(1 for k in range(lo - first, hi - first) if sel_bars[k] == "[c]")
    check(f"public pack: {label} total not giving away a single withheld month", total != "[c]" and months_withheld == 1, False)
    if total != "[c]":
        check(f"public pack: {label} total", int(total), int(want_bars[lo - first:hi - first].sum()))
print(f"public pack: {withheld} of {2 * len(pack_sites)} site counts withheld;", public_out.strip().splitlines()[-1])

# The attacker: every count the public pack shows, the relations between them that anyone can
# know (a period is the sum of its monthly bars; "inside any site" is the sum of the sites when no
# incident lies in two of them, which the oracle finds out itself, and at least each site's count;
# an old site drawn as a current site's very circle has its counts; a withheld count is at least 1
# when no 0 is withheld, since zeros are otherwise shown), and SciPy's LP: each withheld small
# count must keep a range at least 10 wide.
from scipy.optimize import linprog

site_layer.ResetReading()
site_sets = {f.GetField("rank"): inside(f.GetGeometryRef()) for f in site_layer}
old_layer.ResetReading()
old_geoms = {f.GetField("rank"): f.GetGeometryRef().ExportToWkb() for f in old_layer}
site_layer.ResetReading()
same_circle = {}
for f in site_layer:
    wkb = f.GetGeometryRef().ExportToWkb()
    same_circle.update({o: f.GetField("rank") for o, g in old_geoms.items() if g == wkb})
union = np.unique(np.concatenate(list(site_sets.values()))) if site_sets else np.array([], dtype=int)
disjoint = sum(len(v) for v in site_sets.values()) == len(union)
union_bars = np.bincount(mi[union] - first, minlength=n_months)
now_ks, before_ks = list(range(now_first - first, n_months)), list(range(before_first - first, now_first - first))
truth, shown_value = {}, {}


def cell(name, true_value, shown):
    truth[name] = int(true_value)
    shown_value[name] = None if shown == "[c]" else int(shown)


for k in range(n_months):
    cell(("sel", k), want_bars[k], sel_bars[k])
site_bars = chart(phtml, "sites")
for k in range(n_months):
    cell(("any", k), union_bars[k], site_bars[k])
inside_text = re.sub(r"<[^>]+>", "", re.search(r'id="inside-sites">(.*?)</p>', phtml, re.S).group(1))
any_now_s, any_before_s, any_total_s = re.search(r": (\S+) in the pack period, (\S+) in the previous period, (\S+) over", inside_text).groups()
cell("sel_now", want_bars[now_ks].sum(), shown_now)
cell("sel_before", want_bars[before_ks].sum(), shown_before)
cell("any_now", union_bars[now_ks].sum(), any_now_s)
cell("any_before", union_bars[before_ks].sum(), any_before_s)
cell("any_total", union_bars.sum(), any_total_s)
for rank, (now, before, *_rest) in pack_sites.items():
    cell(("now", rank), now, prow[rank][0])
    cell(("before", rank), before, prow[rank][1])
pold = {int(r[0]): r[1:] for r in re.findall(r'<tr data-old-rank="(\d+)" data-now="([^"]*)" data-before="([^"]*)"', phtml)}
for rank, (now, before) in old.items():
    cell(("old_now", rank), now, pold[rank][0])
    cell(("old_before", rank), before, pold[rank][1])
equations = [(("sel_now",), [("sel", k) for k in now_ks]), (("sel_before",), [("sel", k) for k in before_ks]),
             (("any_now",), [("any", k) for k in now_ks]), (("any_before",), [("any", k) for k in before_ks]),
             (("any_total",), [("any", k) for k in range(n_months)])]
if disjoint:
    equations += [(("any_now",), [("now", r) for r in pack_sites]), (("any_before",), [("before", r) for r in pack_sites])]
for o, c in same_circle.items():
    equations += [((("old_now", o),), [("now", c)]), ((("old_before", o),), [("before", c)])]
at_most = [(("now", r), "any_now") for r in pack_sites] + [(("before", r), "any_before") for r in pack_sites]
hidden = [n for n, v in shown_value.items() if v is None]
col = {n: i for i, n in enumerate(hidden)}


def linear(terms):
    """Coefficients on the withheld cells and the constant of sum(terms)."""
    a, const = np.zeros(len(hidden)), 0.0
    for n, sign in terms:
        if n in col:
            a[col[n]] += sign
        else:
            const += sign * shown_value[n]
    return a, const


a_eq, b_eq, a_ub, b_ub = [], [], [], []
for (total,), members in equations:
    a, const = linear([(total, -1)] + [(m, 1) for m in members])
    if a.any():
        a_eq.append(a), b_eq.append(-const)
for small, big in at_most:
    a, const = linear([(small, 1), (big, -1)])
    if a.any():
        a_ub.append(a), b_ub.append(-const)
least = 0 if any(truth[n] == 0 for n in hidden) else 1
narrow = []
for n in hidden:
    if not 1 <= truth[n] < 10:
        continue
    c = np.zeros(len(hidden))
    c[col[n]] = 1
    bounds = [(least, None)] * len(hidden)
    lo = linprog(c, A_ub=a_ub or None, b_ub=b_ub or None, A_eq=a_eq or None, b_eq=b_eq or None, bounds=bounds, method="highs")
    hi = linprog(-c, A_ub=a_ub or None, b_ub=b_ub or None, A_eq=a_eq or None, b_eq=b_eq or None, bounds=bounds, method="highs")
    width = np.inf if hi.status == 3 else -hi.fun - lo.fun
    if width < 10 - 1e-6:
        narrow.append(f"{n} = {truth[n]}: between {lo.fun:g} and {-hi.fun:g}")
check(f"public pack: no withheld small count narrowed below 10 by what the pack shows ({len(hidden)} withheld, "
      f"{len(a_eq)} equations, sites {'disjoint' if disjoint else 'overlapping'}, {len(same_circle)} old sites on a current circle)", narrow, [])
if extra:  # the analyst table, trend and priority GeoPackages are not public outputs: left out
    check("public pack: analyst tables left out", phtml.count('class="note withheld-table"'), 3)
r = subprocess.run([hotspot, "check-disclosure", public], capture_output=True, text=True)
check("check-disclosure passes the public pack", (r.returncode, r.stdout.count("BREACH")), (0, 0))
r = subprocess.run([hotspot, "check-disclosure", pack], capture_output=True, text=True)
small = sum(1 for v in pack_sites.values() for x in v[:3] if 1 <= x < 10)
check("check-disclosure fails the analyst pack (exit 1, incidents drawn, the audience named)",
      (r.returncode, "incident locations drawn" in r.stdout, "hotspot-audience" in r.stdout), (1, True, True))
if small:
    check("check-disclosure names the analyst pack's small counts", "count below 10" in r.stdout, True)

info = sh("pdfinfo", pdf)
pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
check("PDF page size (A4, 595 x 842 pt)", (round(float(size.group(1))), round(float(size.group(2)))), (595, 842))
check("PDF has more than one page", pages > 1, True)
text = sh("pdftotext", "-l", "2", pdf, "-")
check("PDF running header with the classification", "OFFICIAL-SENSITIVE" in text, True)
check("PDF page numbers", f"Page 2 of {pages}" in text, True)

print(out.strip())
print(f"{mode}: {len(pack_sites)} sites, {len(old)} old sites, {n_months} months, pack period {MONTHS} months; HTML pack built in "
      f"{html_seconds:.2f} s (target < 5 s); PDF {pages} A4 pages, {os.path.getsize(pdf)} bytes; HTML {len(html)} bytes")
for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
