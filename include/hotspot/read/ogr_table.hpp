#pragma once
// Attribute tables from any table GDAL/OGR reads: a spreadsheet sheet (.xlsx, .ods, e.g. the
// IoD2025 File 1 sheet IMD25), a GeoPackage layer, a DBF. Same result and checks as the CSV
// reader (hotspot/read/attribute_table.hpp); a row's "line" is the feature's FID, which for a
// spreadsheet is its row number in the sheet (the header being row 1).
#include "hotspot/read/attribute_table.hpp"

#include <string>

namespace hotspot {

// `layer` names the sheet or layer; empty: the only one. With spec.sql, the table is the query's
// result (SQLite dialect; a row's "line" is its row in the result) (InputError when there are several,
// naming them). Field values are read as text (reals in shortest round-trip form), then typed
// as the CSV reader types them. The checksum is of the file.
AttributeTable read_ogr_attribute_table(const AttributeTableSpec& spec, const std::string& layer);

// True for the file endings read through OGR rather than as CSV (.xlsx, .ods, .gpkg, .dbf).
bool is_ogr_table_path(const std::string& path);

// The table of an [attributes.NAME] section, whatever its file: through OGR (spec.sheet naming
// the sheet or layer, or spec.sql querying the file, a CSV too) or as CSV (where a sheet is refused: a CSV has none).
AttributeTable read_any_attribute_table(const AttributeTableSpec& spec);

}  // namespace hotspot
