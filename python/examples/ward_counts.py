import geopandas as gpd
import matplotlib
import numpy as np
import pandas as pd

import hotspot

matplotlib.use("Agg")  # no display needed

# Read, project and assign, as `hotspot join -c geodata/hotspot.ini` does (nothing written).
analysis = hotspot.join("geodata/hotspot.ini")
print(analysis.account)  # rows_read == accepted + rejected, rejected by reason

# Incidents per ward: analysis.area("wards") holds each incident's ward index (-1: none).
area = analysis.area("wards")
counts = np.bincount(area[area >= 0], minlength=len(analysis.area_ids("wards")))
table = pd.DataFrame({"ward_code": analysis.area_ids("wards"), "incidents": counts})

# Joined to the ward polygons as a GeoDataFrame, mapped and saved.
wards = gpd.read_file("geodata/boundaries.gpkg", layer="wards").merge(table, on="ward_code", how="left")
wards.plot(column="incidents", legend=True).figure.savefig("ward_counts.png", dpi=100)
wards.to_file("ward_counts.gpkg", layer="ward_counts", driver="GPKG")
