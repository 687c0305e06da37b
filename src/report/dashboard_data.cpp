// Reads what the dashboard shows from a run's GeoPackage: the area layer's fields, its
// <layer>_periods table (monthly counts) and its QGIS style (legend classes), nothing else.
#include "hotspot/report/dashboard_data.hpp"

#include "detail/gdal_util.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/qml_legend.hpp"
#include "hotspot/publish/styles.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <limits>
#include <map>
#include <memory>

namespace hotspot {

namespace {

// Runs SQL on the GeoPackage and hands each row to `row`; the result set is always released.
template <class F>
void each_row(GDALDataset& ds, const std::string& sql, F&& row) {
    OGRLayer* result = ds.ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (!result) return;
    const std::unique_ptr<OGRLayer, std::function<void(OGRLayer*)>> owned(result, [&](OGRLayer* l) { ds.ReleaseResultSet(l); });
    for (auto& f : *result) row(*f);
}

std::string sql_text(const std::string& s) {
    std::string out = "'";  // appended, not "'" + ...: GCC 12 warns falsely (-Wrestrict) on that
    out += replace_all(s, "'", "''");
    out += "'";
    return out;
}

std::optional<double> real_field(const OGRFeature& f, const char* name) {
    const int i = f.GetFieldIndex(name);
    if (i < 0 || !f.IsFieldSetAndNotNull(i)) return std::nullopt;
    return f.GetFieldAsDouble(i);
}
std::optional<std::int64_t> integer_field(const OGRFeature& f, const char* name) {
    const int i = f.GetFieldIndex(name);
    if (i < 0 || !f.IsFieldSetAndNotNull(i)) return std::nullopt;
    return f.GetFieldAsInteger64(i);
}
std::string text_field(const OGRFeature& f, const char* name) {
    const int i = f.GetFieldIndex(name);
    return i < 0 || !f.IsFieldSetAndNotNull(i) ? std::string() : std::string(f.GetFieldAsString(i));
}

std::map<std::string, std::string> field_descriptions(GDALDataset& ds, const std::string& layer) {
    std::map<std::string, std::string> out;
    each_row(ds, "SELECT column_name, description FROM gpkg_data_columns WHERE table_name = " + sql_text(layer),
             [&](const OGRFeature& f) { out[text_field(f, "column_name")] = text_field(f, "description"); });
    return out;
}

// Longitude/latitude bounds of the layer (the map fits them; never used as distances).
void read_bounds(OGRLayer& layer, DashboardLayer& out) {
    OGREnvelope e;
    if (layer.GetExtent(&e, TRUE) != OGRERR_NONE || !layer.GetSpatialRef()) return;
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(layer.GetSpatialRef(), &wgs84));
    if (!ct || !ct->TransformBounds(e.MinX, e.MinY, e.MaxX, e.MaxY, &out.west, &out.south, &out.east, &out.north, 21))
        throw InputError("cannot express the extent of layer " + quote_value(out.name) + " in longitude and latitude");
}

// The category name of an n_* field from its description "Burglary, 2024/25 (...)".
std::string category_name(const std::string& field, const std::string& description, const std::string& headline) {
    const std::size_t cut = headline.empty() ? std::string::npos : description.rfind(", " + headline);
    if (cut != std::string::npos && cut > 0) return description.substr(0, cut);
    return field.substr(2);
}

void read_monthly(GDALDataset& ds, const std::string& gpkg, DashboardLayer& out) {
    const std::string table = out.name + "_periods";
    if (!ds.GetLayerByName(table.c_str()) && ds.GetLayerByName("disclosure"))
        return;  // a public run publishes no per-period table (report/disclosure_fields): no monthly chart
    if (!ds.GetLayerByName(table.c_str()))
        throw InputError(quote_value(gpkg) + " has no table " + quote_value(table) + " (the monthly counts written by hotspot run)");
    std::map<std::string, DashboardArea*> by_id;
    for (auto& a : out.areas) by_id[a.id] = &a;
    each_row(ds, "SELECT area_id, period, count FROM " + table + " WHERE period_type = 'month' AND category = 'All' ORDER BY area_id, period",
             [&](const OGRFeature& f) {
                 const auto it = by_id.find(text_field(f, "area_id"));
                 if (it == by_id.end())
                     throw InputError(quote_value(gpkg) + ": " + table + " names area " + quote_value(text_field(f, "area_id")) +
                                      ", which layer " + quote_value(out.name) + " does not have");
                 it->second->monthly.emplace_back(text_field(f, "period"), integer_field(f, "count").value_or(0));
             });
}

DashboardMeasure measure_from(const QmlLegend& legend, bool qgis_default) {
    DashboardMeasure m{legend.attribute, legend.title, {}, qgis_default};
    for (const QmlClass& c : legend.classes) m.classes.push_back({c.lower, c.upper, c.label, c.colour, c.opacity});
    return m;
}

// The legend of the layer's QGIS style; none (no attribute, no classes) when it is not graduated.
QmlLegend styled_legend(const std::string& qml, const std::string& layer) {
    return graduated_qml_legend(qml, layer).value_or(QmlLegend{});
}

// Legend classes for a measure the QGIS style does not show, made as the QGIS style makes its
// own (publish/styles areas_qml: a zero class, natural breaks, the same colours) and read back.
DashboardMeasure computed_measure(const std::string& field, const std::string& title, const std::vector<double>& values, bool plain) {
    ChoroplethStyle style;
    style.attribute = field;
    style.title = title;
    style.plain_breaks = plain;
    return measure_from(styled_legend(areas_qml(style, values), field), false);
}

// "-5.71" -> "−5.71", "7.12" -> "+7.12": a change reads with its sign.
std::string signed_text(const std::string& number) {
    if (number == "0") return number;
    std::string out = number.starts_with("-") ? "\u2212" : "+";  // appended: see sql_text
    out += number.starts_with("-") ? number.substr(1) : number;
    return out;
}

// Change % on a diverging ramp (ColorBrewer RdYlBu) by what each class's values do: falls only
// blue, rises only orange to red, a class holding 0 (or falls and rises) pale yellow, a real
// colour (near white read as "no value", which the map hatches). Not by the class bounds: the
// class after the last fall starts below 0 however far above 0 its values are ("+3.21 to +50 %"
// was drawn as no change). The labels "−5.71 to −2.16 %"; the breaks stay classify()'s.
void diverging(DashboardMeasure& m, const std::vector<double>& values) {
    static const char* const no_change_colour = "#ffffbf";
    static const char* const falls[] = {"#4575b4", "#91bfdb", "#e0f3f8"};  // largest fall first
    static const char* const rises[] = {"#fee090", "#fc8d59", "#d73027"};  // smallest rise first
    enum class Kind { fall, neither, rise };
    std::vector<Kind> kinds;
    for (std::size_t k = 0; k < m.classes.size(); ++k) {
        const LegendClass& c = m.classes[k];
        double lo = std::numeric_limits<double>::infinity(), hi = -lo;
        for (double v : values)
            if ((k == 0 ? c.lower <= v : c.lower < v) && v <= c.upper) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
        kinds.push_back(hi < 0 ? Kind::fall : lo > 0 ? Kind::rise : Kind::neither);
    }
    const auto negative = static_cast<std::size_t>(std::count(kinds.begin(), kinds.end(), Kind::fall));
    std::size_t fall = 0, rise = 0;
    for (std::size_t k = 0; k < m.classes.size(); ++k) {
        LegendClass& c = m.classes[k];
        if (kinds[k] == Kind::fall) c.color = falls[std::min<std::size_t>(2, 3 - std::min<std::size_t>(3, negative - fall++))];
        else if (kinds[k] == Kind::rise) c.color = rises[std::min<std::size_t>(2, rise++)];
        else c.color = no_change_colour;
        c.opacity = 0.85;
        const std::size_t dash = c.label.find(" - ");
        c.label = dash == std::string::npos ? signed_text(c.label) + " %"
                                            : signed_text(c.label.substr(0, dash)) + " to " + signed_text(c.label.substr(dash + 3)) + " %";
    }
}

void add_measures(const std::string& qml, DashboardLayer& out) {
    const QmlLegend styled = styled_legend(qml, out.name);
    std::vector<double> counts, rates, changes;
    for (const auto& a : out.areas) {
        if (a.count) counts.push_back(static_cast<double>(*a.count));
        if (a.rate_per_1000) rates.push_back(*a.rate_per_1000);
        if (a.change_pct) changes.push_back(*a.change_pct);
    }
    const auto add = [&](const std::string& field, const std::string& title, const std::vector<double>& values, bool plain) {
        if (values.empty()) return;
        out.measures.push_back(styled.attribute == field && !styled.classes.empty() ? measure_from(styled, true)
                                                                                   : computed_measure(field, title, values, plain));
        out.measures.back().title = title;
    };
    add("count", out.count_title, counts, false);
    add("rate_per_1000", out.rate_title, rates, false);
    add("change_pct", out.change_title, changes, true);
    if (!out.measures.empty() && out.measures.back().field == "change_pct" && !out.measures.back().qgis_default)
        diverging(out.measures.back(), changes);
}

DashboardLayer read_layer(GDALDataset& ds, const std::string& gpkg, const std::string& name) {
    OGRLayer* layer = detail::pick_layer(ds, gpkg, name);
    DashboardLayer out;
    out.name = name;
    for (const char* needed : {"area_id", "area_name", "count", "headline_period"})
        if (layer->GetLayerDefn()->GetFieldIndex(needed) < 0)
            throw InputError("layer " + quote_value(name) + " of " + quote_value(gpkg) + " has no field " + quote_value(needed) +
                             ": the dashboard reads the area layers written by hotspot run");
    const auto descriptions = field_descriptions(ds, name);
    const auto describe = [&](const std::string& field, const std::string& fallback) {
        const auto it = descriptions.find(field);
        return it == descriptions.end() || it->second.empty() ? fallback : it->second;
    };
    std::vector<std::pair<std::string, std::string>> category_fields;
    for (int i = 0; i < layer->GetLayerDefn()->GetFieldCount(); ++i) {
        const std::string f = layer->GetLayerDefn()->GetFieldDefn(i)->GetNameRef();
        if (f.starts_with("n_")) category_fields.emplace_back(f, describe(f, f));
    }
    layer->ResetReading();
    for (auto& f : *layer) {
        DashboardArea a;
        a.id = text_field(*f, "area_id");
        a.name = text_field(*f, "area_name");
        a.population = real_field(*f, "population");
        a.count = integer_field(*f, "count");
        a.rate_per_1000 = real_field(*f, "rate_per_1000");
        a.change_pct = real_field(*f, "change_pct");
        a.base_count = integer_field(*f, "base_count");
        a.current_count = integer_field(*f, "current_count");
        if (const auto r = integer_field(*f, "rank")) a.rank = static_cast<int>(*r);
        if (out.headline_period.empty()) {
            out.headline_period = text_field(*f, "headline_period");
            out.base_period = text_field(*f, "base_period");
            out.current_period = text_field(*f, "current_period");
        }
        for (const auto& [field, description] : category_fields)
            if (const auto n = integer_field(*f, field.c_str()); n && *n > 0)
                a.top_categories.emplace_back(category_name(field, description, out.headline_period), *n);
        std::stable_sort(a.top_categories.begin(), a.top_categories.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
        out.areas.push_back(std::move(a));
    }
    if (out.areas.empty()) throw InputError("layer " + quote_value(name) + " of " + quote_value(gpkg) + " has no areas");
    const std::string period_described = describe("headline_period", "");
    const std::string prefix = "Period of the headline measures: ";
    out.headline_label = period_described.starts_with(prefix) ? period_described.substr(prefix.size()) : out.headline_period;
    // What is counted ("Incidents", "Incidents (Anti-social behaviour)"), as the QGIS legend
    // title names it before the period; the field descriptions say only "Count".
    const std::string qml = default_layer_qml(ds, name);
    const std::string styled_title = styled_legend(qml, name).title;
    const std::size_t cut = styled_title.find(", " + out.headline_period);
    const std::string what = cut != std::string::npos && cut > 0 ? styled_title.substr(0, cut) : "Incidents";
    out.count_title = what + " (count), " + out.headline_label;
    out.rate_title = what + " per 1,000 residents per year, " + out.headline_label;
    out.rank_title = describe("rank", "Rank by count, " + out.headline_label);
    out.change_title = what + ", change % from " + out.base_period + " to " + out.current_period;
    out.population_title = describe("population", "Residents");
    read_bounds(*layer, out);
    read_monthly(ds, gpkg, out);
    add_measures(qml, out);
    return out;
}

}  // namespace

std::vector<DashboardLayer> read_dashboard_layers(const std::string& gpkg, const std::vector<std::string>& layers) {
    auto ds = detail::open_vector(gpkg);
    std::vector<DashboardLayer> out;
    for (const auto& name : layers) out.push_back(read_layer(*ds, gpkg, name));
    return out;
}

}  // namespace hotspot
