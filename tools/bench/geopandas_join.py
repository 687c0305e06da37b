"""The GeoPandas peer for tools/bench-join: read police.uk CSVs, project, join to polygons.

This is the code an analyst would write with GeoPandas (Debian 12: GeoPandas 0.12, pandas
1.5, Shapely 1.8, rtree), doing the same work `hotspot join -of none` does:
read every CSV (pd.read_csv, all columns, gzip inferred) -> points from Longitude/Latitude
-> EPSG:4326 to EPSG:27700 -> sjoin(points, polygons, predicate="within").

Usage: geopandas_join.py POLYGONS.gpkg ID_FIELD CSV [CSV ...]
Prints key: value lines (rows, inside, inside_distinct_rows, timings of each step) for the
bench script; the bench script measures the wall time and peak RSS of the whole process.
With BENCH_COUNTS_OUT=FILE it also writes "area_id,rows" lines (sorted by id).
Standard library + GeoPandas only; run with /usr/bin/python3 (the Debian packages).
"""
import os
import sys
import time

import geopandas as gpd
import pandas as pd


def main():
    if len(sys.argv) < 4:
        sys.exit("usage: geopandas_join.py POLYGONS.gpkg ID_FIELD CSV [CSV ...]")
    polygons_path, id_field, csvs = sys.argv[1], sys.argv[2], sys.argv[3:]
    t0 = time.perf_counter()
    polygons = gpd.read_file(polygons_path)[[id_field, "geometry"]]
    t1 = time.perf_counter()
    frame = pd.concat([pd.read_csv(path) for path in csvs], ignore_index=True)
    t2 = time.perf_counter()
    points = gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame["Longitude"], frame["Latitude"]))
    points = points.set_crs(4326).to_crs(27700)
    t3 = time.perf_counter()
    # GeoPandas 0.12 implements "within" as polygons "contains" points, with an R-tree on the
    # points (built here, on first use).
    if polygons.crs != points.crs:  # the boundary files here are already EPSG:27700
        polygons = polygons.to_crs(points.crs)
    joined = gpd.sjoin(points, polygons, how="inner", predicate="within")
    t4 = time.perf_counter()
    print(f"rows: {len(frame)}")
    # One output row per (point, polygon) pair: a point in two overlapping polygons counts
    # twice in len(joined); the distinct row count is the one comparable with hotspot's.
    print(f"inside: {len(joined)}")
    print(f"inside_distinct_rows: {joined.index.nunique()}")
    print(f"seconds_read_polygons: {t1 - t0:.3f}")
    print(f"seconds_read_csv: {t2 - t1:.3f}")
    print(f"seconds_points_project: {t3 - t2:.3f}")
    print(f"seconds_sjoin: {t4 - t3:.3f}")
    print(f"seconds_total: {t4 - t0:.3f}")
    # Rows per area, for a stricter agreement check than the total (BENCH_COUNTS_OUT=file).
    counts_out = os.environ.get("BENCH_COUNTS_OUT")
    if counts_out:
        counts = joined[id_field].value_counts().sort_index()
        with open(counts_out, "w") as f:
            f.writelines(f"{area},{n}\n" for area, n in counts.items())


if __name__ == "__main__":
    main()
