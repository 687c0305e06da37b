#include "hotspot/read/ogr_table.hpp"

#include "detail/gdal_util.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "read/attribute_rows.hpp"

#include <charconv>

namespace hotspot {

namespace {

// A field as text: reals in their shortest exact form, so typing them loses nothing.
std::string field_text(OGRFeature& f, int i) {
    if (!f.IsFieldSetAndNotNull(i)) return {};
    if (f.GetFieldDefnRef(i)->GetType() == OFTReal) {
        char buf[32];
        const auto r = std::to_chars(buf, buf + sizeof buf, f.GetFieldAsDouble(i));
        return std::string(buf, r.ptr);
    }
    return f.GetFieldAsString(i);
}

}  // namespace

bool is_ogr_table_path(const std::string& path) {
    const std::string p = lowercase(path);
    for (const char* end : {".xlsx", ".ods", ".gpkg", ".dbf"})
        if (p.size() > std::string(end).size() && p.ends_with(end)) return true;
    return false;
}

namespace {

// Every feature of `layer` into the builder; `where` names the table in messages.
AttributeTable read_layer(const AttributeTableSpec& spec, OGRLayer& layer, const std::string& where) {
    const RowPlace at = [&](std::uint64_t row) { return spec.path + " " + where + " row " + std::to_string(row) + ": "; };
    OGRFeatureDefn* defn = layer.GetLayerDefn();
    std::vector<std::string> header;
    for (int i = 0; i < defn->GetFieldCount(); ++i) header.emplace_back(trim(defn->GetFieldDefn(i)->GetNameRef()));
    AttributeTableBuilder table(spec, header, at);
    std::vector<std::string> text(header.size());
    std::vector<std::string_view> fields(header.size());
    layer.ResetReading();
    std::uint64_t count = 0;
    for (auto& f : layer) {
        ++count;  // the row when the driver has no FIDs (and always for a SQL result)
        for (std::size_t i = 0; i < header.size(); ++i) {
            text[i] = field_text(*f, static_cast<int>(i));
            fields[i] = text[i];
        }
        table.add(spec.sql.empty() && f->GetFID() >= 0 ? static_cast<std::uint64_t>(f->GetFID()) : count, fields);
    }
    return table.finish(sha256_file(spec.path));
}

AttributeTable read_sql_table(const AttributeTableSpec& spec, GDALDataset& ds) {
    // SQLite's dialect: GROUP BY, SUM and CAST, which OGR's own SQL lacks. A CSV's table is
    // named after its file (without the extension); the error lists the names there are.
    CPLErrorReset();
    CPLPushErrorHandler(CPLQuietErrorHandler);  // GDAL's own message goes into ours, not to stderr
    OGRLayer* result = ds.ExecuteSQL(spec.sql.c_str(), nullptr, "SQLITE");
    CPLPopErrorHandler();
    if (!result) {
        std::string tables;
        for (auto* l : ds.GetLayers()) tables += (tables.empty() ? "" : ", ") + quote_value(l->GetName());
        throw ConfigError("attributes " + spec.name + ": sql = " + quote_value(spec.sql) + " fails on " + spec.path + ": " +
                          CPLGetLastErrorMsg() + " (its tables: " + tables + ")");
    }
    struct Release {
        GDALDataset& ds;
        OGRLayer* layer;
        ~Release() { ds.ReleaseResultSet(layer); }
    } release{ds, result};
    return read_layer(spec, *result, "SQL result");
}

}  // namespace

AttributeTable read_ogr_attribute_table(const AttributeTableSpec& spec, const std::string& layer_name) {
    detail::ensure_gdal_registered();
    GDALDatasetUniquePtr ds = detail::open_vector(spec.path);
    if (!spec.sql.empty()) return read_sql_table(spec, *ds);
    OGRLayer* layer = detail::pick_layer(*ds, spec.path, layer_name);
    return read_layer(spec, *layer, std::string("sheet ") + layer->GetName());
}

AttributeTable read_any_attribute_table(const AttributeTableSpec& spec) {
    if (is_ogr_table_path(spec.path) || !spec.sql.empty()) return read_ogr_attribute_table(spec, spec.sheet);
    if (!spec.sheet.empty())
        throw ConfigError("attributes " + spec.name + ": sheet = " + spec.sheet + " is given but " + spec.path +
                          " is read as CSV, which has no sheets (sheets and layers: .xlsx, .ods, .gpkg, .dbf)");
    return read_attribute_table(spec);
}

}  // namespace hotspot
