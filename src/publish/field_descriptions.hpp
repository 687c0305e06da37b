#pragma once
// Column titles in words for a GeoPackage table, in the GeoPackage schema extension's
// gpkg_data_columns (title and description), which GDAL 3.6 does not write from field
// alternative names itself. QGIS and ogrinfo -json read them.
#include <gdal_priv.h>

#include <string>
#include <vector>

namespace hotspot::detail {

struct FieldDescription {
    std::string column;
    std::string description;  // e.g. "Rate per 1,000 residents per year, 2024/25 (Apr 2024-Mar 2025, 12 months)"
};

// Creates gpkg_data_columns (and registers the extension) when absent; replaces earlier rows.
void describe_fields(GDALDataset& ds, const std::string& table, const std::vector<FieldDescription>& fields);

}  // namespace hotspot::detail
