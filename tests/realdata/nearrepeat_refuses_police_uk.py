#!/usr/bin/python3
"""hotspot nearrepeat on the real Merseyside police.uk files must refuse (exit 2): police.uk gives
the month only. Twice: as police.uk (refused before reading) and read as a generic CSV with the
Month column as the date (refused after reading, naming how many rows lack a day: every row with
coordinates and a crime type, counted here from the raw files).
Usage: nearrepeat_refuses_police_uk.py HOTSPOT WORKDIR. Skips (77) without ../shared/data.
"""
import csv
import glob
import gzip
import os
import subprocess
import sys

hotspot, work = sys.argv[1], sys.argv[2]
data = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data")
folder = os.path.join(data, "crime", "merseyside_street_2022-10_2025-09")
if not os.path.isdir(folder):
    print(f"SKIP: the real-data test needs {folder}")
    sys.exit(77)
os.makedirs(work, exist_ok=True)
reason = "near-repeat analysis needs day-resolution dates; police.uk publishes the month only"


def run(args):
    p = subprocess.run([hotspot, "nearrepeat", "-q", "--csv", os.path.join(work, "knox.csv")] + args,
                       capture_output=True, text=True)
    print(" ".join(args), "->", p.returncode, p.stderr.strip())
    return p


p = run(["--police", folder])
assert p.returncode == 2, p.returncode
assert "is police.uk: " + reason in p.stderr, p.stderr

with_coordinates = 0
for path in sorted(glob.glob(os.path.join(folder, "*-street.csv.gz"))):
    with gzip.open(path, "rt", newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            if row["Longitude"].strip() and row["Latitude"].strip() and row["Crime type"].strip():
                with_coordinates += 1
print("rows with coordinates and a crime type:", with_coordinates)
p = run(["--input", f"m={folder},format=csv,x=Longitude,y=Latitude,date=Month,category=Crime type,s_srs=EPSG:4326"])
assert p.returncode == 2, p.returncode
assert f"{with_coordinates} of {with_coordinates} incidents have a date without a day" in p.stderr, p.stderr
assert reason in p.stderr
assert not os.path.exists(os.path.join(work, "knox.csv"))
print("ok")
