#!/usr/bin/env python3
"""check_top.py CONSOLE PRIORITY_TOP_CSV BOUNDARIES_GPKG: each top line's code, rank, name and ward
are those of priority_top.csv and of the boundaries' own columns (not of hotspot's reading)."""
import csv
import re
import sqlite3
import sys

console, top_csv, gpkg = sys.argv[1:4]
lines = [m for m in (re.match(r"^ +(\d+)  (\S+)  (.+)  \((.+); (.+)\)$", l.rstrip("\n")) for l in open(console, encoding="utf-8")) if m]
rows = list(csv.DictReader(open(top_csv, encoding="utf-8")))
con = sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True)
truth = {c: (n, w) for c, n, w in con.execute(
    "SELECT n.nbhd_code, n.nbhd_name, w.ward_name FROM neighbourhoods n JOIN wards w USING (ward_code)")}
errors = []
if len(lines) != min(10, len(rows)):
    errors.append(f"{len(lines)} top lines, expected {min(10, len(rows))}")
for m, row in zip(lines, rows):
    rank, code, name, ward, top = m.groups()
    if (rank, code) != (row["rank"], row["area_id"]):
        errors.append(f"line {rank} {code}: priority_top.csv has {row['rank']} {row['area_id']}")
    if (name, ward) != truth[code]:
        errors.append(f"{code}: printed {name!r} in {ward!r}, the boundaries say {truth[code]}")
    if top != "Brindleford district":
        errors.append(f"{code}: top level {top!r}")
print("\n".join(errors) or f"ok: {len(lines)} lines")
sys.exit(1 if errors else 0)
