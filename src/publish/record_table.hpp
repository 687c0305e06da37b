#pragma once
// Private: one table for both writers (a GeoPackage attribute layer with field descriptions, and
// CSV text): columns with a type and a description, rows of numbers or text.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace hotspot::detail {

struct Column {
    std::string name;
    OGRFieldType type;
    std::string description;
};
struct Value {
    std::optional<double> number;  // missing: undefined (e.g. a denominator of 0)
    std::string text;
    bool is_text = false;
};
struct RecordTable {
    std::string name, description;
    std::vector<Column> columns;
    std::vector<std::vector<Value>> rows;
};

inline Value num(std::optional<double> v) { return Value{v, {}, false}; }
inline Value txt(std::string s) { return Value{std::nullopt, std::move(s), true}; }

// The header line, then a line per row (numbers exactly, text quoted where needed).
std::string csv_text(const RecordTable& t);
// An attribute layer (no geometry) named t.name, its fields described.
void write_table_layer(GDALDataset& ds, const RecordTable& t);
// The same table as a layer `name` of `type` geometries: `geometry` sets row i's on its feature.
void write_feature_layer(GDALDataset& ds, const RecordTable& t, const std::string& name, OGRwkbGeometryType type,
                         const OGRSpatialReference* srs, const std::function<void(OGRFeature&, std::size_t)>& geometry);

}  // namespace hotspot::detail
