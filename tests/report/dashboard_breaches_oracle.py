#!/usr/bin/python3
"""Checks check-disclosure's breaches of an analyst dashboard folder against sources it does not use.

Usage: dashboard_breaches_oracle.py BREACHES.txt RUN.gpkg DASHBOARD_DIR LAYER...
- tiles.pmtiles: the set of (layer, area_id, field, value) named "count below 10" equals the set of
  count-named fields holding a whole number 1..9 in the GeoPackage the tiles were made from (sqlite3);
- data.json: the set of small values named equals the one read from data.json with Python's json,
  and every monthly and headline count named equals the GeoPackage's (the <layer>_periods table, the
  area layer) for that area.
Exit 0 when all hold, 1 with the differences.
"""
import json
import re
import sqlite3
import sys

breaches_path, gpkg, site, layers = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
lines = open(breaches_path, encoding="utf-8").read().splitlines()
con = sqlite3.connect(gpkg)
problems = []


def is_count_name(n):
    return not n.startswith("weighted") and (
        n == "count" or n.startswith("n_") or n.endswith("_count") or n.startswith("count_") or "incidents" in n)


# Tiles against the GeoPackage.
tile_re = re.compile(r"^BREACH tiles\.pmtiles/(\w+) area_id (\S+) (\w+) = (\d+): count below 10$")
named = {m.groups() for m in map(tile_re.match, lines) if m}
other_tiles = [l for l in lines if l.startswith("BREACH tiles.pmtiles/") and not tile_re.match(l)]
expected = set()
for layer in layers:
    for _, col, *_ in con.execute(f'PRAGMA table_info("{layer}")'):
        if not is_count_name(col):
            continue
        for area, v in con.execute(f'SELECT area_id, "{col}" FROM "{layer}" WHERE typeof("{col}") IN (\'integer\', \'real\') '
                                   f'AND "{col}" = CAST("{col}" AS INTEGER) AND "{col}" BETWEEN 1 AND 9'):
            expected.add((layer, area, col, str(int(v))))
print(f"tiles: {len(named)} small counts named, {len(expected)} in the GeoPackage's {', '.join(layers)}")
if named != expected:
    problems.append(f"tiles: named but not in the GeoPackage {sorted(named - expected)[:5]}, "
                    f"in the GeoPackage but not named {sorted(expected - named)[:5]}")
if other_tiles:
    problems.append(f"tiles: unexpected breaches {other_tiles[:5]}")
if not named:
    problems.append("tiles: no small count named (the analyst tiles must fail)")

# data.json against Python's reading of it and against the GeoPackage.
data_re = re.compile(r"^BREACH data\.json/(\w+) (?:area (\S+) \(.*\)|legend of \w+) (\w+)(?: (.+))? = (\d+): count below 10$")
named = set()
for l in lines:
    m = data_re.match(l)
    if m:
        named.add(m.groups())
    elif l.startswith("BREACH data.json/"):
        problems.append(f"data.json: unexpected breach {l}")
data = json.load(open(f"{site}/data.json", encoding="utf-8"))
expected = set()
small = lambda v: isinstance(v, (int, float)) and v == int(v) and 1 <= v <= 9
for layer in data["layers"]:
    for measure in layer["measures"]:
        for c in measure["classes"]:
            for bound in ("lower", "upper"):
                if is_count_name(measure["field"]) and small(c[bound]):
                    expected.add((layer["name"], None, "bound", None, str(int(c[bound]))))
    for a in layer["areas"]:
        for key, v in a.items():
            if key in ("monthly", "top_categories"):
                expected |= {(layer["name"], a["id"], key, label, str(n)) for label, n in v if small(n)}
            elif is_count_name(key) and small(v):
                expected.add((layer["name"], a["id"], key, None, str(int(v))))
print(f"data.json: {len(named)} small values named, {len(expected)} found by json")
if named != expected:
    problems.append(f"data.json: named but not found {sorted(named - expected, key=str)[:5]}, "
                    f"found but not named {sorted(expected - named, key=str)[:5]}")
headline_keys = ("count", "base_count", "current_count")
monthly, headline = {}, {}  # read once per layer: one query per breach scans the periods table each time
for layer in {n[0] for n in named}:
    for area, period, n in con.execute(f'SELECT area_id, period, count FROM "{layer}_periods" '
                                       "WHERE period_type = 'month' AND category = 'All'"):
        monthly[(layer, area, period)] = n
    for area, *counts in con.execute(f'SELECT area_id, count, base_count, current_count FROM "{layer}"'):
        for key, n in zip(headline_keys, counts):
            headline[(layer, area, key)] = n
checked = 0
for layer, area, key, label, value in named:
    if key == "monthly":
        truth = monthly.get((layer, area, label), "absent")
    elif key in headline_keys:
        truth = headline.get((layer, area, key), "absent")
    else:
        continue
    checked += 1
    if str(truth) != value:
        problems.append(f"data.json: {layer} {area} {key} {label} = {value}, the GeoPackage has {truth}")
print(f"data.json: {checked} monthly and headline counts named equal the GeoPackage's")
if not checked:
    problems.append("data.json: no monthly or headline count named to compare")
for p in problems:
    print("FAIL:", p)
sys.exit(1 if problems else 0)
