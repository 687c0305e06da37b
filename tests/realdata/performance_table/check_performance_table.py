#!/usr/bin/env python3
"""The performance table on the real Merseyside police.uk files against the Liverpool LSOAs,
every cell recomputed independently (csv module and dates, nothing from hotspot's code).

  check_performance_table.py HOTSPOT_BINARY WORK_DIR

- Study-area rows come from the raw police.uk CSVs directly (the run keeps points outside the
  study extent, so every raw row is in the study area).
- Per-LSOA rows take each incident's LSOA from the `incidents` layer of a `hotspot join`
  output (assignment is verified elsewhere); periods, measures, difference, %, direction,
  rate and rank are computed here.
- Population: Census 2021 usual residents (LSOA 2021) joined by code to the LSOA 2011 layer
  in a copy made in WORK_DIR; 12 of 297 codes changed in 2021 and have no population (no rate,
  no rank), which the check covers too.
- Cases: the default (latest complete quarter), --quarter "2023/24 Q1" (last year and its
  quarter before the data: no data, not 0) and "2023/24 Q3" (last year to date partial).
Exit 0 when every cell matches, 1 otherwise, 77 (skip) when ../shared/data is absent.
"""
import calendar
import csv
import glob
import gzip
import io
import os
import shutil
import sqlite3
import subprocess
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "data")
CRIME = os.path.join(SHARED, "crime", "merseyside_street_2022-10_2025-09")
LSOA = os.path.join(SHARED, "boundaries", "liverpool_lsoa11.gpkg")
POPULATION = os.path.join(SHARED, "population", "census2021_TS001_usual_residents_lsoa21_EW.csv.gz")
ASB = "Anti-social behaviour"
BAND = 5.0  # measures.level_band_pct default

# The built-in measures as docs/decisions.md states them: (name, categories or None = every
# category but ASB).
MEASURES = [("Total recorded crime", None)] + [(n, [c]) for n, c in [
    ("Violence and sexual offences", "Violence and sexual offences"), ("Robbery", "Robbery"), ("Burglary", "Burglary"),
    ("Theft from the person", "Theft from the person"), ("Shoplifting", "Shoplifting"), ("Vehicle crime", "Vehicle crime"),
    ("Bicycle theft", "Bicycle theft"), ("Other theft", "Other theft"), ("Criminal damage and arson", "Criminal damage and arson"),
    ("Drug offences", "Drugs"), ("Possession of weapons", "Possession of weapons"), ("Public order", "Public order"),
    ("Other crime", "Other crime"), ("ASB incidents", ASB)]]


def months_between(first, last):  # (year, month) tuples, inclusive
    y, m = first
    while (y, m) <= last:
        yield (y, m)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def shift(ym, n):
    k = ym[0] * 12 + ym[1] - 1 + n
    return (k // 12, k % 12 + 1)


def abbr(ym):
    return calendar.month_abbr[ym[1]]


def fy_of(ym):
    return ym[0] if ym[1] >= 4 else ym[0] - 1


def fy_name(fy):
    return "%d/%02d" % (fy, (fy + 1) % 100)


def periods_for(last_month, quarter_start):
    """The five periods in the report's column order: (label, heading, first, last)."""
    if quarter_start is None:
        q = (last_month[0], (last_month[1] - 1) // 3 * 3 + 1)
        if shift(q, 2) > last_month:
            q = shift(q, -3)
    else:
        q = quarter_start

    def quarter(start):
        end = shift(start, 2)
        label = "%s Q%d" % (fy_name(fy_of(start)), (start[1] - 4) % 12 // 3 + 1)
        return (label, "%s (%s-%s %d)" % (label, abbr(start), abbr(end), end[0]), start, end)

    def ytd(end):
        start = (fy_of(end), 4)
        label = "YTD %s (%s-%s)" % (fy_name(fy_of(end)), abbr(start), abbr(end))
        return (label, label, start, end)

    periods = [quarter(shift(q, -12)), quarter(q), quarter(shift(q, -3)), ytd(shift(q, 2)), ytd(shift(q, -10))]
    comparison = "YTD %s v %s" % (fy_name(fy_of(q)), fy_name(fy_of(q) - 1))
    return periods, comparison


def read_raw():
    counts = Counter()  # (month, category) -> rows
    for path in sorted(glob.glob(os.path.join(CRIME, "*-street.csv.gz"))):
        with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                y, m = row["Month"].split("-")
                counts[((int(y), int(m)), row["Crime type"])] += 1
    return counts


def read_joined(gpkg):
    counts = Counter()  # (lsoa or None, month, category) -> rows
    con = sqlite3.connect(gpkg)
    for lsoa, month, category, n in con.execute("SELECT lsoa_id, month, category, COUNT(*) FROM incidents GROUP BY 1, 2, 3"):
        y, m = month.split("-")
        counts[(lsoa, (int(y), int(m)), category)] += n
    return counts


def population_layer(work):
    """A copy of the LSOA layer with a `population` field from Census 2021 (by code)."""
    path = os.path.join(work, "liverpool_lsoa11_population.gpkg")
    shutil.copyfile(LSOA, path)
    with gzip.open(POPULATION, "rt", encoding="utf-8", newline="") as f:
        # The file ends with blank rows and notes (no code): those are not areas.
        pop = {r["mnemonic"]: float(r["total"]) for r in csv.DictReader(f) if r["mnemonic"].startswith("E01")}
    con = sqlite3.connect(path)
    # GeoPackage's R-tree update triggers call GDAL's SQL functions; the geometries do not
    # change, so they are set aside during the update and put back after.
    triggers = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rtree_%update%'").fetchall()
    for name, _ in triggers:
        con.execute('DROP TRIGGER "%s"' % name)
    con.execute("ALTER TABLE liverpool_lsoa11 ADD COLUMN population REAL")
    areas = []
    for fid, code, name in con.execute("SELECT fid, LSOA11CD, LSOA11NM FROM liverpool_lsoa11 ORDER BY fid").fetchall():
        con.execute("UPDATE liverpool_lsoa11 SET population = ? WHERE fid = ?", (pop.get(code), fid))
        areas.append((code, name, pop.get(code)))
    for _, sql in triggers:
        con.execute(sql)
    con.commit()
    con.close()
    return path, areas


def competition_ranks(values):  # {key: value} -> {key: rank}, 1 = highest, ties share
    return {k: 1 + sum(1 for w in values.values() if w > v) for k, v in values.items()}


def signed(v, fmt):
    return ("+" if v > 0 else "") + format(v, fmt)


def expected_table(raw, joined, areas, quarter_start):
    categories = sorted({c for (_, c) in raw})
    covered = {mo for (mo, _) in raw}  # one police source: a month with any row has data
    periods, comparison = periods_for(max(covered), quarter_start)
    measures = []
    for name, cats in MEASURES:
        cats = [c for c in categories if c != ASB] if cats is None else cats
        if any(c in cats for (_, c) in raw):
            measures.append((name, set(cats)))
    months_with = [sum(1 for mo in months_between(p[2], p[3]) if mo in covered) for p in periods]
    note = "; ".join("%s: %s" % (p[0], "no data" if k == 0 else "%d of %d months with data" % (k, len(list(months_between(p[2], p[3])))))
                     for p, k in zip(periods, months_with) if k != len(list(months_between(p[2], p[3]))))
    header = ["Area layer", "Area code", "Area name", "Measure"] + [p[1] for p in periods] + [
        "Difference (%s)" % comparison, "%% Difference (%s)" % comparison, "Direction (level within 5%)",
        "Rank in layer (%s, 1 = highest)" % periods[3][0], "Rate per 1,000 residents (%s)" % periods[3][0], "Ranked by", "Data coverage"]

    def cells(count_of, population):
        counts = []
        for p, k in zip(periods, months_with):
            counts.append(None if k == 0 else sum(count_of(mo) for mo in months_between(p[2], p[3])))
        ytd, last = counts[3], counts[4]
        diff = pct = direction = None
        if ytd is not None and last is not None:
            diff = ytd - last
            pct = 100.0 * diff / last if last > 0 else None
            if last == 0:
                direction = "up" if ytd > 0 else "level"
            else:
                direction = "up" if pct >= BAND else "down" if pct <= -BAND else "level"
        rate = 1000.0 * ytd / population if ytd is not None and population and population > 0 else None
        return {"counts": counts, "diff": diff, "pct": pct, "direction": direction, "rate": rate}

    rows = {}
    for name, cats in measures:
        rows[("study area", "", name)] = dict(cells(lambda mo: sum(raw[(mo, c)] for c in cats), None), area_name="Whole study area", rank=None)
        area_rows = {}
        for code, area_name, pop in areas:
            r = cells(lambda mo: sum(joined[(code, mo, c)] for c in cats), pop)
            r["area_name"] = area_name
            area_rows[code] = r
        ranks = competition_ranks({k: r["rate"] for k, r in area_rows.items() if r["rate"] is not None})
        for code, r in area_rows.items():
            r["rank"] = ranks.get(code)
            rows[("lsoa", code, name)] = r
    arrows = {"up": "\u2191", "down": "\u2193", "level": "\u2192", None: ""}
    text = {}
    for (layer, code, name), r in rows.items():
        text[(layer, code, name)] = [layer, code, r["area_name"], name] + ["" if c is None else str(c) for c in r["counts"]] + [
            "" if r["diff"] is None else signed(r["diff"], "d"), "" if r["pct"] is None else signed(r["pct"], ".1f"),
            arrows[r["direction"]], "" if r["rank"] is None else str(r["rank"]),
            "" if r["rate"] is None else format(r["rate"], ".3f"), "" if r["rank"] is None else "rate per 1,000 residents", note]
    return header, text, rows, [m[0] for m in measures]


def compare(name, csv_path, gpkg_path, expected):
    header, text, rows, measures = expected
    with open(csv_path, encoding="utf-8", newline="") as f:
        got = list(csv.reader(f))
    problems = []
    if got[0] != header:
        problems.append("header: got %r, expected %r" % (got[0], header))
    seen = {}
    for line in got[1:]:
        seen[(line[0], line[1], line[3])] = line
    if len(got) - 1 != len(text) or set(seen) != set(text):
        problems.append("rows: got %d (%d distinct), expected %d; missing %s; extra %s" % (
            len(got) - 1, len(seen), len(text), sorted(set(text) - set(seen))[:3], sorted(set(seen) - set(text))[:3]))
    cells = 0
    for key, want in text.items():
        have = seen.get(key)
        if have is None:
            continue
        for col, (h, w) in enumerate(zip(have, want)):
            cells += 1
            if h != w and len(problems) < 20:
                problems.append("%s / %s: got %r, expected %r" % (key, header[col], h, w))
    if [l[3] for l in got[1:len(measures) + 1]] != measures or any(l[0] != "study area" for l in got[1:len(measures) + 1]):
        problems.append("the study-area rows do not come first in measure order")
    # The GeoPackage table: the same numbers, NULL for no data, direction as plain text.
    con = sqlite3.connect(gpkg_path)
    gp = 0
    for row in con.execute("SELECT area_layer, area_id, measure, q_last_year, q_latest, q_previous, ytd, ytd_last_year, "
                           "difference, direction, rank, rate_per_1000_ytd FROM performance_table"):
        r = rows.get((row[0], row[1], row[2]))
        gp += 1
        want = None if r is None else (r["counts"] + [r["diff"], r["direction"], r["rank"]])
        if r is None or list(row[3:11]) != want or (row[11] is None) != (r["rate"] is None) or (
                row[11] is not None and row[11] != r["rate"]):
            if len(problems) < 30:
                problems.append("gpkg %s: got %r, expected %r rate %r" % (row[:3], row[3:], want, r and r["rate"]))
    if gp != len(text):
        problems.append("gpkg rows: got %d, expected %d" % (gp, len(text)))
    print("%s: %d rows, %d CSV cells and %d GeoPackage rows compared: %s" % (
        name, len(text), cells, gp, "PASS" if not problems else "FAIL"))
    for p in problems:
        print("    " + p)
    return not problems


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: check_performance_table.py HOTSPOT_BINARY WORK_DIR")
    hotspot, work = os.path.abspath(sys.argv[1]), sys.argv[2]
    for path in (CRIME, LSOA, POPULATION):
        if not os.path.exists(path):
            print("SKIP: %s is absent (the shared data sits beside the repository)" % path)
            return 77
    os.makedirs(work, exist_ok=True)
    layer, areas = population_layer(work)
    common = ["--police", CRIME, "--area", "lsoa=%s,id=LSOA11CD,name=LSOA11NM,population=population" % layer,
              "--outside-extent", "keep", "--overwrite", "-q"]
    join = os.path.join(work, "join.gpkg")
    subprocess.run([hotspot, "join"] + common + ["-o", join], check=True, stdout=subprocess.DEVNULL)
    raw = read_raw()
    joined = read_joined(join)
    # Every raw row is an incident of the join (none rejected, none outside the kept extent).
    by_month = Counter()
    for (_, mo, c), n in joined.items():
        by_month[(mo, c)] += n
    ok = by_month == raw
    print("raw rows %d, joined incidents %d, in Liverpool LSOAs %d, LSOAs with population %d of %d: %s" % (
        sum(raw.values()), sum(joined.values()), sum(n for (l, _, _), n in joined.items() if l is not None),
        sum(1 for a in areas if a[2] is not None), len(areas), "PASS" if ok else "FAIL (joined incidents differ from the raw rows)"))
    for name, quarter in (("default", None), ("2023/24 Q1", (2023, 4)), ("2023/24 Q3", (2023, 10))):
        out = os.path.join(work, "table_%s" % name.replace("/", "_").replace(" ", "_"))
        args = [hotspot, "table"] + common + ["-o", out + ".gpkg", "--csv", out + ".csv", "--no-incidents-layer"]
        if quarter:
            args += ["--quarter", name]
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ok = compare(name, out + ".csv", out + ".gpkg", expected_table(raw, joined, areas, quarter)) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
