#!/usr/bin/python3
"""hotspot evaluate-intervention on the real Merseyside police.uk files (36 months) with the
Liverpool LSOA11 study area: treatment = two city-centre LSOAs (E01033755, E01033756, Liverpool
062D and 061C), buffer 400 m, control = the rest of Liverpool, intervention month 2024-03 (in
neither window), 6 months each side, anti-social behaviour. Independent check (GDAL's ogr, pyproj,
scipy): every raw row read from the CSVs, projected with pyproj, placed with ogr (Intersects: a
point on an edge is inside, as hotspot's closed polygons), the buffer by ogr's exact distance to the
union of the two LSOAs (<= 400 m); the counts, the accounting lines, and WDQ, WDD and the rate
ratio recomputed from the formulas (scipy.stats.norm for p). Counts must be equal; statistics to
1e-9. Usage: intervention_liverpool.py HOTSPOT WORKDIR. Skips (77) without ../shared/data.
"""
import csv
import glob
import gzip
import math
import os
import subprocess
import sys

from osgeo import ogr, osr
from pyproj import Transformer
from scipy.stats import norm

from merseyside_liverpool import paths

hotspot, work, data, folder, layer = paths()
TREATED, WIDTH, MONTH, BEFORE, AFTER = {"E01033755", "E01033756"}, 400.0, "2024-03", \
    ["2023-09", "2023-10", "2023-11", "2023-12", "2024-01", "2024-02"], ["2024-04", "2024-05", "2024-06", "2024-07", "2024-08", "2024-09"]
CATEGORY = "Anti-social behaviour"
gpkg, csv_out, md = (os.path.join(work, n) for n in ("iv.gpkg", "iv.csv", "iv.md"))
run = subprocess.run([hotspot, "evaluate-intervention", "--police", folder, "--area", f"lsoa={layer},id=LSOA11CD,name=LSOA11NM",
                      "--study-area", "lsoa", "--treatment", "lsoa=" + ";".join(sorted(TREATED)), "--buffer", "400", "--date", MONTH,
                      "--months", "6", "--category", CATEGORY, "--overwrite", "-o", gpkg, "--csv", csv_out, "--report", md],
                     capture_output=True, text=True)
print(run.stdout, run.stderr)
if run.returncode != 0:
    print(f"FAIL: hotspot evaluate-intervention exited {run.returncode}")
    sys.exit(1)
failures = []


def check(what, got, want, tol=1e-9):
    if got is None or want is None:
        if got is not want:
            failures.append(f"{what}: hotspot {got!r}, oracle {want!r}")
    elif abs(got - want) > tol * max(1.0, abs(want)):
        failures.append(f"{what}: hotspot {got!r}, oracle {want!r}")


# --- the oracle ---
ds = ogr.Open(layer)
lyr = ds.GetLayer(0)
polys, treated = [], ogr.Geometry(ogr.wkbMultiPolygon)
for f in lyr:
    g = f.GetGeometryRef().Clone()
    polys.append((g.GetEnvelope(), g))
    if f.GetField("LSOA11CD") in TREATED:
        for k in range(g.GetGeometryCount()):
            treated.AddGeometry(g.GetGeometryRef(k))
treated = treated.UnionCascaded()
tr = Transformer.from_crs(4326, 27700, always_xy=True)


def in_study_area(x, y):
    p = ogr.Geometry(ogr.wkbPoint)
    p.AddPoint_2D(x, y)
    for (x0, x1, y0, y1), g in polys:
        if x0 <= x <= x1 and y0 <= y <= y1 and g.Intersects(p):
            return p
    return None


rows_read = no_location = 0
zone = {(w, z): 0 for w in ("before", "after") for z in ("treatment", "buffer", "control")}
acc = {"month": 0, "earlier": 0, "later": 0, "asb_in": 0}
for path in sorted(glob.glob(os.path.join(folder, "*.csv.gz"))):
    for r in csv.DictReader(gzip.open(path, "rt", encoding="utf-8")):
        rows_read += 1
        if r["Crime type"] != CATEGORY:
            continue
        if not r["Longitude"] or not r["Latitude"]:
            no_location += 1
            continue
        x, y = tr.transform(float(r["Longitude"]), float(r["Latitude"]))
        p = in_study_area(x, y)
        if p is None:
            continue
        acc["asb_in"] += 1
        m = r["Month"]
        if m == MONTH:
            acc["month"] += 1
        elif m < BEFORE[0]:
            acc["earlier"] += 1
        elif m > AFTER[-1]:
            acc["later"] += 1
        else:
            w = "before" if m < MONTH else "after"
            z = "treatment" if treated.Intersects(p) else "buffer" if p.Distance(treated) <= WIDTH else "control"
            zone[(w, z)] += 1
print("oracle:", zone, acc, "rows read", rows_read)

# --- the zones table ---
got = {r["zone"]: r for r in csv.DictReader(open(csv_out))}
for z in ("treatment", "buffer", "control"):
    b, a = zone[("before", z)], zone[("after", z)]
    check(f"{z} before", int(got[z]["incidents_before"]), b, 0)
    check(f"{z} after", int(got[z]["incidents_after"]), a, 0)
    check(f"{z} per month after", float(got[z]["per_month_after"]), a / 6)
    if b:
        check(f"{z} change %", float(got[z]["change_pct"]), 100.0 * (a - b) / b)
check("treatment km2", float(got["treatment"]["area_km2"]), treated.GetArea() / 1e6)

# The drawn buffer and control: the ring (16 segments per quarter circle) inside Liverpool, and
# Liverpool without the treatment and the ring.
city = ogr.Geometry(ogr.wkbMultiPolygon)
for _, g in polys:
    for k in range(g.GetGeometryCount()):
        city.AddGeometry(g.GetGeometryRef(k))
city = city.UnionCascaded()
ring_in = treated.Buffer(WIDTH, 16).Difference(treated).Intersection(city)
check("buffer km2", float(got["buffer"]["area_km2"]), ring_in.GetArea() / 1e6, 1e-6)
check("control km2", float(got["control"]["area_km2"]), city.Difference(treated).Difference(ring_in).GetArea() / 1e6, 1e-6)

# --- the statistics ---
Tb, Ta = zone[("before", "treatment")], zone[("after", "treatment")]
Bb, Ba = zone[("before", "buffer")], zone[("after", "buffer")]
Cb, Ca = zone[("before", "control")], zone[("after", "control")]
sm, bdm = Ta / Ca - Tb / Cb, Ba / Ca - Bb / Cb
wdd = (Ta - Tb) - (Ca - Cb) + (Ba - Bb)
se = math.sqrt(Ta + Tb + Ca + Cb + Ba + Bb)
lirr = math.log(Ta / Tb) - math.log(Ca / Cb)
lse = math.sqrt(1 / Ta + 1 / Tb + 1 / Ca + 1 / Cb)
q = norm.ppf(0.975)
want = {"success_measure": sm, "buffer_displacement_measure": bdm, "wdq": bdm / sm if sm < 0 else None, "wdd": wdd, "wdd_se": se,
        "wdd_z": wdd / se, "wdd_p": 2 * norm.sf(abs(wdd / se)), "wdd_ci95_low": wdd - q * se, "wdd_ci95_high": wdd + q * se,
        "rate_ratio": math.exp(lirr), "rate_ratio_ci95_low": math.exp(lirr - q * lse), "rate_ratio_ci95_high": math.exp(lirr + q * lse),
        "rate_ratio_z": lirr / lse, "rate_ratio_p": 2 * norm.sf(abs(lirr / lse))}
out_ds = ogr.Open(gpkg)  # kept open while its layer is read (GDAL's Python bindings crash otherwise)
stats = {f.GetField("statistic"): (f.GetField("value") if f.IsFieldSet("value") and not f.IsFieldNull("value") else None)
         for f in out_ds.GetLayerByName("intervention_statistics")}
for k, v in want.items():
    check(k, stats.get(k), v, 1e-9 if k != "wdd_p" else 1e-6)

# --- every row accounted for (the report) ---
report = open(md).read()
lines = {}
for line in report.splitlines():
    parts = [p.strip() for p in line.strip("|").split("|")]
    if len(parts) == 2 and parts[1].isdigit():
        lines[parts[0]] = int(parts[1])
check("intervention month", lines["in the intervention month 2024-03 (in neither window)"], acc["month"], 0)
check("before the windows", lines["before 2023-09 (outside the windows)"], acc["earlier"], 0)
check("after the windows", lines["after 2024-09 (outside the windows)"], acc["later"], 0)
accepted = lines["accepted in the study area (all categories and months)"]
check("other categories", lines["other categories than Anti-social behaviour"], accepted - acc["asb_in"], 0)
outside = lines["rows outside the study area (not accepted; counted per file and month in the run report)"]
rejected = lines["rows rejected for another reason (listed with their reason in the run report)"]
check("every row read", accepted + outside + rejected, rows_read, 0)
zone_lines = sum(v for k, v in lines.items() if k.split(" ")[0] in ("treatment", "buffer", "control"))
check("zone lines", zone_lines, sum(zone.values()), 0)
# The analyst's reading: a control twenty times the treatment's size must carry the WDD caution.
if Cb > 2 * Tb and "CAUTION: the WDD takes the control's change" not in report:
    failures.append("the report lacks the WDD caution for a control much larger than the treatment")
if Cb > 2 * Tb and "Net effect (WDD): not read as a finding here" not in report:
    failures.append("the findings state the WDD as an effect although the control is far larger than the treatment")
if want["rate_ratio_p"] >= 0.05 and want["wdq"] is not None and "CAUTION: the treatment's fall relative to the control could be chance" not in report:
    failures.append("the report lacks the WDQ caution for a fall relative to the control that chance could produce")
if "the intervention month 2024-03 is in neither" not in report:
    failures.append("the report does not state that the intervention month is excluded")

# A treatment on the city's edge: the part of the ring outside Liverpool counts nothing, and the
# warning states its share (ogr: 16 segments per quarter circle as GEOS, minus the LSOAs' union).
EDGE = "E01006651"
edge_md = os.path.join(work, "edge.md")
run = subprocess.run([hotspot, "evaluate-intervention", "--police", folder, "--area", f"lsoa={layer},id=LSOA11CD,name=LSOA11NM",
                      "--study-area", "lsoa", "--treatment", "lsoa=" + EDGE, "--buffer", "400", "--date", MONTH, "--months", "6",
                      "--overwrite", "--report", edge_md, "-q"], capture_output=True, text=True)
everything, edge = ogr.Geometry(ogr.wkbMultiPolygon), None
for _, g in polys:
    for k in range(g.GetGeometryCount()):
        everything.AddGeometry(g.GetGeometryRef(k))
lyr.SetAttributeFilter(f"LSOA11CD = '{EDGE}'")
edge_feature = lyr.GetNextFeature()  # kept: its geometry belongs to it
edge = edge_feature.GetGeometryRef().Clone()
ring = edge.Buffer(WIDTH, 16).Difference(edge)
outside = ring.Difference(everything.UnionCascaded()).GetArea()
want_pct = f"({100.0 * outside / ring.GetArea():.1f} %) of the 400 m buffer ring lies outside the study area"
if run.returncode != 0 or want_pct not in run.stderr or want_pct not in open(edge_md).read():
    failures.append(f"edge treatment: expected the warning {want_pct!r}; got exit {run.returncode}, {run.stderr!r}")

# A treatment polygon from its own file (a PSPO loaded as an area layer) reaching past the city:
# the edge LSOA grown by 300 m. Its share outside the LSOAs is warned; inside, the counts are those
# of the polygon (ogr Intersects over the rows of the window).
pspo_path = os.path.join(work, "pspo.gpkg")
drv = ogr.GetDriverByName("GPKG")
if os.path.exists(pspo_path):
    drv.DeleteDataSource(pspo_path)
pspo_ds = drv.CreateDataSource(pspo_path)
pspo_lyr = pspo_ds.CreateLayer("pspo", lyr.GetSpatialRef(), ogr.wkbMultiPolygon)
pspo_lyr.CreateField(ogr.FieldDefn("name", ogr.OFTString))
grown = ogr.ForceToMultiPolygon(edge.Buffer(300.0, 16))
feature = ogr.Feature(pspo_lyr.GetLayerDefn())
feature.SetField("name", "Edge PSPO")
feature.SetGeometry(grown)
pspo_lyr.CreateFeature(feature)
feature = pspo_lyr = None
pspo_ds = None
run = subprocess.run([hotspot, "evaluate-intervention", "--police", folder, "--area", f"lsoa={layer},id=LSOA11CD,name=LSOA11NM",
                      "--area", f"pspo={pspo_path},id=name", "--study-area", "lsoa", "--treatment", "pspo=Edge PSPO", "--buffer", "400",
                      "--date", MONTH, "--months", "6", "--overwrite", "--report", edge_md, "-q"], capture_output=True, text=True)
cut = grown.Difference(everything.UnionCascaded()).GetArea()
want_pct = f"({100.0 * cut / grown.GetArea():.1f} %) of the treatment (pspo: Edge PSPO) lies outside the study area"
if run.returncode != 0 or want_pct not in run.stderr:
    failures.append(f"PSPO treatment: expected the warning {want_pct!r}; got exit {run.returncode}, {run.stderr!r}")

# The same two LSOAs as a polygon file in WGS 84 (two features, reprojected and unioned by hotspot):
# the counts must be those of the area-layer run above, and the file's provenance is printed.
zone_path = os.path.join(work, "treated_wgs84.geojson")
if os.path.exists(zone_path):
    os.remove(zone_path)
wgs84 = osr.SpatialReference()
wgs84.ImportFromEPSG(4326)
wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
zone_ds = ogr.GetDriverByName("GeoJSON").CreateDataSource(zone_path)
zone_lyr = zone_ds.CreateLayer("pspo", wgs84, ogr.wkbMultiPolygon, ["RFC7946=NO", "COORDINATE_PRECISION=12"])
to_wgs84 = osr.CoordinateTransformation(lyr.GetSpatialRef(), wgs84)
lyr.SetAttributeFilter(None)
lyr.ResetReading()
for f in lyr:
    if f.GetField("LSOA11CD") in TREATED:
        g = f.GetGeometryRef().Clone()
        g.Transform(to_wgs84)
        out_f = ogr.Feature(zone_lyr.GetLayerDefn())
        out_f.SetGeometry(g)
        zone_lyr.CreateFeature(out_f)
zone_lyr = zone_ds = out_f = None
file_csv = os.path.join(work, "iv_file.csv")
run = subprocess.run([hotspot, "evaluate-intervention", "--police", folder, "--area", f"lsoa={layer},id=LSOA11CD,name=LSOA11NM",
                      "--study-area", "lsoa", "--treatment", zone_path, "--buffer", "400", "--date", MONTH, "--months", "6",
                      "--category", CATEGORY, "--overwrite", "--csv", file_csv], capture_output=True, text=True)
print(run.stdout, run.stderr)
if run.returncode != 0 or "treatment file: " + zone_path + ": 2 features unioned, CRS " not in run.stdout:
    failures.append(f"treatment as a file: exit {run.returncode}, no provenance line: {run.stdout!r} {run.stderr!r}")
else:
    by_file = {r["zone"]: r for r in csv.DictReader(open(file_csv))}
    for z in ("treatment", "buffer", "control"):
        for w in ("incidents_before", "incidents_after"):
            check(f"{z} {w} from the file", int(by_file[z][w]), int(got[z][w]), 0)

# Rates per 1,000 residents per year: Census 2021 usual residents (TS001, by LSOA21 code) joined to
# the LSOA11 layer by code; zones of whole LSOAs have the summed residents (read here from the CSV),
# an LSOA11 without a 2021 namesake leaves its zone without residents, and the reason names it.
pop_path = os.path.join(data, "population", "census2021_TS001_usual_residents_lsoa21_EW.csv.gz")
pop = {r["mnemonic"]: float(r["total"]) for r in csv.DictReader(gzip.open(pop_path, "rt", encoding="utf-8")) if r["total"]}
codes_ds = ogr.Open(layer)  # kept open while its layer is read
codes = sorted(f.GetField("LSOA11CD") for f in codes_ds.GetLayer(0))
kept, missing = [c for c in codes if c in pop and c != EDGE], [c for c in codes if c not in pop]
rate_zones = {"treatment": [EDGE], "buffer": kept[:3], "control": kept[3:7] + missing[:1]}
rates_csv = os.path.join(work, "iv_rates.csv")
run = subprocess.run([hotspot, "evaluate-intervention", "--police", folder, "--area", f"lsoa={layer},id=LSOA11CD,name=LSOA11NM",
                      "--study-area", "lsoa", "--attributes", f"lsoa={pop_path},key=mnemonic,population=total",
                      "--treatment", "lsoa=" + EDGE, "--buffer-area", "lsoa=" + ";".join(rate_zones["buffer"]),
                      "--control", "lsoa=" + ";".join(rate_zones["control"]), "--date", MONTH, "--months", "6",
                      "--category", CATEGORY, "--overwrite", "--csv", rates_csv, "-q"], capture_output=True, text=True)
if EDGE not in pop or not missing or run.returncode != 0:
    failures.append(f"rates run: exit {run.returncode} {run.stderr!r} (edge LSOA in TS001: {EDGE in pop}, LSOA11s without: {len(missing)})")
else:
    rated = {r["zone"]: r for r in csv.DictReader(open(rates_csv))}
    for z in ("treatment", "buffer"):
        residents = sum(pop[c] for c in rate_zones[z])
        check(f"{z} residents", float(rated[z]["residents"]), residents)
        for w in ("before", "after"):
            check(f"{z} rate {w}", float(rated[z][f"rate_per_1000_per_year_{w}"]), int(rated[z][f"incidents_{w}"]) / residents * 1000 * 12 / 6)
    c = rated["control"]
    if c["residents"] or c["rate_per_1000_per_year_before"] or f"area {missing[0]} of layer lsoa has no population" not in c["population_source"]:
        failures.append(f"control with {missing[0]} (not in TS001): expected no residents and the reason, got {c!r}")
    print(f"rates: treatment {rated['treatment']['residents']} residents, {rated['treatment']['rate_per_1000_per_year_before']} -> "
          f"{rated['treatment']['rate_per_1000_per_year_after']}; buffer {rated['buffer']['residents']} residents, "
          f"{rated['buffer']['rate_per_1000_per_year_before']} -> {rated['buffer']['rate_per_1000_per_year_after']}; control: {c['population_source']}")

# Merseyside beside BTP (whose files end 2025-01): a window past BTP's last month is refused, not
# counted as zero BTP incidents there.
two = os.path.join(work, "two_forces.ini")
with open(two, "w") as f:
    f.write(f"[input.mersey]\npath = {folder}\n[input.btp]\npath = {os.path.join(data, 'crime', 'btp_street_2022-10_2025-01')}\n")
run = subprocess.run([hotspot, "evaluate-intervention", "-c", two, "--area", f"lsoa={layer},id=LSOA11CD,name=LSOA11NM",
                      "--treatment", "lsoa=E01033755;E01033756", "--buffer", "400", "--date", "2025-03", "--months", "6",
                      "--category", "Violence and sexual offences", "--report", os.path.join(work, "two_forces.md"), "--overwrite", "-q"],
                     capture_output=True, text=True)
if run.returncode != 2 or "no police.uk file for btp 2025-02" not in run.stderr:
    failures.append(f"a window past BTP's files: expected a refusal, got exit {run.returncode}, {run.stderr[-300:]!r}")

if failures:
    print("FAIL:\n  " + "\n  ".join(failures))
    sys.exit(1)
print(f"ok: treatment {Tb} -> {Ta}, buffer {Bb} -> {Ba}, control {Cb} -> {Ca}; WDQ {want['wdq']:.4f}, WDD {wdd} (SE {se:.2f}), "
      f"rate ratio {math.exp(lirr):.4f} (p {want['rate_ratio_p']:.4f}); {rows_read} rows read")
