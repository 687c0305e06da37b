#!/usr/bin/env python3
"""Independent count of the BTP rows outside the Birmingham wards, by another path than the
engine's: GDAL's own CSV reader, ogr2ogr's reprojection and its GEOS clip to the ward
polygons (-clipdst), counted with Python's csv module. `hotspot join -of none` must report
the same accepted rows and the same outside_study_area rejects, and rows read must equal
GDAL's row count.

    outside_count_ogr.py HOTSPOT SHARED_DATA       (exit 77: SHARED_DATA absent)
"""
import csv
import glob
import os
import re
import subprocess
import sys

csv.field_size_limit(1 << 24)


def rows(args):
    out = subprocess.run(["ogr2ogr", "-f", "CSV", "/vsistdout/", "-lco", "GEOMETRY=AS_XY"] + args,
                         check=True, capture_output=True, text=True).stdout
    return sum(1 for _ in csv.reader(out.splitlines())) - 1


def main():
    hotspot, data = sys.argv[1], sys.argv[2]
    folder = os.path.join(data, "crime", "btp_street_2022-10_2025-01")
    wards = os.path.join(data, "boundaries", "birmingham_wards_2018.gpkg")
    if not os.path.isdir(folder):
        print(f"SKIP: needs {folder} (absent in a user's fresh clone)")
        return 77
    open_options = ["-oo", "X_POSSIBLE_NAMES=Longitude", "-oo", "Y_POSSIBLE_NAMES=Latitude"]
    # The wards' extent + 1 km as a prefilter only (-clipdst decides): 10x faster.
    info = subprocess.run(["ogrinfo", "-so", "-al", wards], check=True, capture_output=True, text=True).stdout
    x0, y0, x1, y1 = map(float, re.search(r"Extent: \(([-\d.]+), ([-\d.]+)\) - \(([-\d.]+), ([-\d.]+)\)", info).groups())
    spat = ["-spat", str(x0 - 1000), str(y0 - 1000), str(x1 + 1000), str(y1 + 1000), "-spat_srs", "EPSG:27700"]
    total = inside = 0
    for f in sorted(glob.glob(os.path.join(folder, "*-btp-street.csv.gz"))):
        src = "/vsigzip/" + f
        total += rows(open_options + [src])
        inside += rows(open_options + spat + ["-s_srs", "EPSG:4326", "-t_srs", "EPSG:27700", "-clipdst", wards, src])
    outside = total - inside
    print(f"GDAL: {total} rows, {inside} inside the ward polygons, {outside} outside")

    summary = subprocess.run([hotspot, "join", "--police", folder, "--area", f"wards={wards},id=code", "-of", "none"],
                             check=True, capture_output=True, text=True).stdout
    print(summary)
    read = int(re.search(r"rows read: +(\d+)", summary).group(1))
    accepted = int(re.search(r"accepted: +(\d+)", summary).group(1))
    rejected = int(re.search(r"rejected: +(\d+)", summary).group(1))
    counted = re.search(r"\[outside_study_area (\d+)\]", summary)
    ok = read == total and accepted == inside and counted is not None and int(counted.group(1)) == outside \
        and read == accepted + rejected
    print("OK" if ok else "MISMATCH")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
