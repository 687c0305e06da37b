// Legend class bounds as disclosure: natural breaks fall on data values, so a bound is some area's
// value. Classes computed before suppression show a hidden value (a count of 7 as "7 - 44", or
// the rate of an area whose count is hidden); a bound must be 0 or a value the output publishes.
#include "report/disclosure_check_parts.hpp"

#include "hotspot/publish/qml_legend.hpp"
#include "hotspot/report/dashboard_data.hpp"
#include "report/disclosure_fields.hpp"

#include <cmath>
#include <set>

namespace hotspot {

namespace {

bool published(double bound, const std::vector<double>& values) {
    for (double v : values)
        if (std::fabs(bound - v) <= 1e-9 * std::max(1.0, std::fabs(v))) return true;
    return false;
}

std::string number_text(double v) {
    if (std::floor(v) == v && std::fabs(v) < 1e15) return std::to_string(static_cast<std::int64_t>(v));
    std::string s = std::to_string(v);
    return s;
}

}  // namespace

void check_legend_bounds(const std::string& layer, const std::string& field, const std::vector<double>& bounds,
                         const std::vector<double>& values, const DisclosureRule& rule, DisclosureCheck& out) {
    const std::set<double> distinct(bounds.begin(), bounds.end());
    for (double b : distinct) {
        if (b == 0) continue;  // the zero class: an empty area discloses no one
        const bool whole = std::floor(b) == b;
        if (is_count_name(field) && whole && rule.is_small(static_cast<std::int64_t>(b)))
            out.breaches.push_back({layer, -1, "bound", number_text(b), "count below " + std::to_string(rule.min_count), "legend of " + field});
        else if (!published(b, values))
            out.breaches.push_back({layer, -1, "bound", number_text(b),
                                    "a legend class bound that is no published value of " + field + " (classes computed before suppression?)",
                                    "legend of " + field});
    }
}

void check_gpkg_legends(GDALDataset& ds, const DisclosureRule& rule, DisclosureCheck& out) {
    OGRLayer* styles = ds.GetLayerByName("layer_styles");
    if (styles == nullptr) return;
    std::size_t legends = 0;
    styles->ResetReading();
    for (auto& s : *styles) {
        if (!s->GetFieldAsInteger("useAsDefault")) continue;
        const std::string table = s->GetFieldAsString("f_table_name");
        const std::optional<QmlLegend> legend = graduated_qml_legend(s->GetFieldAsString("styleQML"), table);
        OGRLayer* layer = ds.GetLayerByName(table.c_str());
        if (!legend || legend->classes.empty() || layer == nullptr) continue;
        const int field = layer->GetLayerDefn()->GetFieldIndex(legend->attribute.c_str());
        if (field < 0) continue;
        std::vector<double> values, bounds;
        layer->ResetReading();
        for (auto& f : *layer)
            if (f->IsFieldSetAndNotNull(field)) values.push_back(f->GetFieldAsDouble(field));
        for (const auto& c : legend->classes) bounds.insert(bounds.end(), {c.lower, c.upper});
        check_legend_bounds(layer->GetName(), legend->attribute, bounds, values, rule, out);
        ++legends;
    }
    if (legends > 0) out.notes.push_back("QGIS legends checked (" + std::to_string(legends) + "): a class bound must be 0 or a value the layer shows");
}

}  // namespace hotspot
