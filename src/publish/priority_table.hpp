#pragma once
// A table of the priority outputs, defined once and written both as a GeoPackage layer (with
// gpkg_data_columns titles) and as a CSV file, so the two never disagree: columns with a name,
// a type, a description (period, unit, denominator) and a value per row.
#include <gdal_priv.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace hotspot::detail {

using Cell = std::variant<std::monostate, std::string, std::int64_t, double>;  // monostate: NULL / empty

enum class ColumnType { text, integer, real };

struct TableColumn {
    std::string name;         // in the CSV, and in the GeoPackage unless gpkg_name is set
    ColumnType type = ColumnType::text;
    std::string description;  // what the value is: period, unit, denominator
    std::function<Cell(std::size_t row)> value;
    std::string gpkg_name;    // e.g. "composite_index" for the CSV's "index" (an SQL keyword)
};

struct PriorityTable {
    std::string name;         // GeoPackage layer name
    std::string description;  // the layer's description in gpkg_contents
    std::size_t rows = 0;
    std::vector<TableColumn> columns;
    std::function<std::string(std::size_t row)> wkb;  // ISO WKB MultiPolygon per row; empty: no geometry

    void text(const std::string& name, const std::string& description, std::function<Cell(std::size_t)> value);
    void integer(const std::string& name, const std::string& description, std::function<Cell(std::size_t)> value);
    void real(const std::string& name, const std::string& description, std::function<Cell(std::size_t)> value);
};

// Cells from optional values (nullopt -> NULL).
Cell cell(const std::optional<double>& v);
Cell cell(const std::optional<std::uint32_t>& v);
Cell cell_text(const std::string& v);  // "" stays "" (not NULL)

// RFC 4180 CSV with a header line; reals written exactly (shortest round trip), NULL empty.
std::string table_csv(const PriorityTable& t);
// The table as a layer (polygons when t.wkb is set) with its column descriptions.
void write_table_layer(GDALDataset& ds, const PriorityTable& t, const OGRSpatialReference* srs);

}  // namespace hotspot::detail
