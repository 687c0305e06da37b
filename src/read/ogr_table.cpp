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

AttributeTable read_ogr_attribute_table(const AttributeTableSpec& spec, const std::string& layer_name) {
    detail::ensure_gdal_registered();
    GDALDatasetUniquePtr ds = detail::open_vector(spec.path);
    OGRLayer* layer = detail::pick_layer(*ds, spec.path, layer_name);
    const std::string sheet = layer->GetName();
    const RowPlace at = [&](std::uint64_t row) { return spec.path + " sheet " + sheet + " row " + std::to_string(row) + ": "; };
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    std::vector<std::string> header;
    for (int i = 0; i < defn->GetFieldCount(); ++i) header.emplace_back(trim(defn->GetFieldDefn(i)->GetNameRef()));
    AttributeTableBuilder table(spec, header, at);
    std::vector<std::string> text(header.size());
    std::vector<std::string_view> fields(header.size());
    layer->ResetReading();
    std::uint64_t count = 0;
    for (auto& f : *layer) {
        ++count;  // the row when the driver has no FIDs
        for (std::size_t i = 0; i < header.size(); ++i) {
            text[i] = field_text(*f, static_cast<int>(i));
            fields[i] = text[i];
        }
        table.add(f->GetFID() >= 0 ? static_cast<std::uint64_t>(f->GetFID()) : count, fields);
    }
    return table.finish(sha256_file(spec.path));
}

AttributeTable read_any_attribute_table(const AttributeTableSpec& spec) {
    if (is_ogr_table_path(spec.path)) return read_ogr_attribute_table(spec, spec.sheet);
    if (!spec.sheet.empty())
        throw ConfigError("attributes " + spec.name + ": sheet = " + spec.sheet + " is given but " + spec.path +
                          " is read as CSV, which has no sheets (sheets and layers: .xlsx, .ods, .gpkg, .dbf)");
    return read_attribute_table(spec);
}

}  // namespace hotspot
