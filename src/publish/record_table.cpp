#include "publish/record_table.hpp"

#include "hotspot/base/text.hpp"
#include "publish/csv_text.hpp"
#include "publish/field_descriptions.hpp"
#include "publish/gpkg_writer.hpp"

#include <sstream>

namespace hotspot::detail {

std::string csv_text(const RecordTable& t) {
    std::ostringstream out;
    for (std::size_t c = 0; c < t.columns.size(); ++c) out << (c ? "," : "") << t.columns[c].name;
    out << "\n";
    for (const auto& row : t.rows) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (c) out << ",";
            if (row[c].is_text) out << csv_field(row[c].text);
            else if (row[c].number) out << format_exact(*row[c].number);
        }
        out << "\n";
    }
    return out.str();
}

void write_feature_layer(GDALDataset& ds, const RecordTable& t, const std::string& name, OGRwkbGeometryType type,
                         const OGRSpatialReference* srs, const std::function<void(OGRFeature&, std::size_t)>& geometry) {
    LayerWriter w(ds, name, type, srs, t.description);
    for (const Column& c : t.columns) w.field(c.name, c.type);
    w.begin();
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        const auto& row = t.rows[i];
        OGRFeature& f = w.row();
        for (std::size_t c = 0; c < row.size(); ++c) {
            const char* field = t.columns[c].name.c_str();
            if (row[c].is_text) f.SetField(field, row[c].text.c_str());
            else if (t.columns[c].type == OFTInteger && row[c].number) f.SetField(field, static_cast<int>(*row[c].number));
            else set_optional(f, field, row[c].number);
        }
        if (geometry) geometry(f, i);
        w.commit();
    }
    w.end();
    std::vector<FieldDescription> described;
    for (const Column& c : t.columns) described.push_back({c.name, c.description});
    describe_fields(ds, name, described);
}

void write_table_layer(GDALDataset& ds, const RecordTable& t) { write_feature_layer(ds, t, t.name, wkbNone, nullptr, nullptr); }

}  // namespace hotspot::detail
