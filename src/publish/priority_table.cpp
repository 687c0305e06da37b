#include "publish/priority_table.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "publish/csv_text.hpp"
#include "publish/field_descriptions.hpp"
#include "publish/gpkg_writer.hpp"

#include <set>
#include <sstream>

namespace hotspot::detail {

void PriorityTable::text(const std::string& n, const std::string& d, std::function<Cell(std::size_t)> v) {
    columns.push_back({n, ColumnType::text, d, std::move(v), ""});
}
void PriorityTable::integer(const std::string& n, const std::string& d, std::function<Cell(std::size_t)> v) {
    columns.push_back({n, ColumnType::integer, d, std::move(v), ""});
}
void PriorityTable::real(const std::string& n, const std::string& d, std::function<Cell(std::size_t)> v) {
    columns.push_back({n, ColumnType::real, d, std::move(v), ""});
}

Cell cell(const std::optional<double>& v) { return v ? Cell(*v) : Cell(); }
Cell cell(const std::optional<std::uint32_t>& v) { return v ? Cell(static_cast<std::int64_t>(*v)) : Cell(); }
Cell cell_text(const std::string& v) { return Cell(v); }

namespace {

std::string csv_cell(const Cell& c) {
    if (const auto* s = std::get_if<std::string>(&c)) return csv_field(*s);
    if (const auto* i = std::get_if<std::int64_t>(&c)) return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&c)) return format_exact(*d);
    return "";
}

const std::string& gpkg_name(const TableColumn& c) { return c.gpkg_name.empty() ? c.name : c.gpkg_name; }

void set_cell(OGRFeature& f, int field, const Cell& c) {
    if (const auto* s = std::get_if<std::string>(&c)) f.SetField(field, s->c_str());
    else if (const auto* i = std::get_if<std::int64_t>(&c)) f.SetField(field, static_cast<GIntBig>(*i));
    else if (const auto* d = std::get_if<double>(&c)) f.SetField(field, *d);
    else f.SetFieldNull(field);
}

// An indicator named like a fixed column ("rank") would make two columns of one name.
void require_unique_columns(const PriorityTable& t) {
    std::set<std::string> seen;
    for (const auto& c : t.columns)
        if (!seen.insert(lowercase(gpkg_name(c))).second)
            throw ConfigError("table " + quote_value(t.name) + " would have two columns named " + quote_value(gpkg_name(c)) +
                              " (rename the indicator: its name is a column prefix)");
}

}  // namespace

std::string table_csv(const PriorityTable& t) {
    require_unique_columns(t);
    std::ostringstream out;
    for (std::size_t k = 0; k < t.columns.size(); ++k) out << (k ? "," : "") << csv_field(t.columns[k].name);
    out << "\n";
    for (std::size_t r = 0; r < t.rows; ++r) {
        for (std::size_t k = 0; k < t.columns.size(); ++k) out << (k ? "," : "") << csv_cell(t.columns[k].value(r));
        out << "\n";
    }
    return out.str();
}

void write_table_layer(GDALDataset& ds, const PriorityTable& t, const OGRSpatialReference* srs) {
    require_unique_columns(t);
    LayerWriter w(ds, t.name, t.wkb ? wkbMultiPolygon : wkbNone, srs, t.description);
    for (const auto& c : t.columns)
        w.field(gpkg_name(c), c.type == ColumnType::text ? OFTString : c.type == ColumnType::integer ? OFTInteger64 : OFTReal);
    w.begin();
    for (std::size_t r = 0; r < t.rows; ++r) {
        OGRFeature& f = w.row();
        for (std::size_t k = 0; k < t.columns.size(); ++k) set_cell(f, static_cast<int>(k), t.columns[k].value(r));
        if (t.wkb) {
            const std::string wkb = t.wkb(r);
            OGRGeometry* g = nullptr;
            OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &g, wkb.size());
            if (g) f.SetGeometryDirectly(OGRGeometryFactory::forceToMultiPolygon(g));
        }
        w.commit();
    }
    w.end();
    std::vector<FieldDescription> described;
    for (const auto& c : t.columns)
        if (!c.description.empty()) described.push_back({gpkg_name(c), c.description});
    describe_fields(ds, t.name, described);
}

}  // namespace hotspot::detail
