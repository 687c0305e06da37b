#include "hotspot/publish/priority_output.hpp"

#include "detail/gdal_util.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/output_set.hpp"
#include "hotspot/publish/styles.hpp"
#include "publish/gpkg_writer.hpp"
#include "publish/priority_styles.hpp"
#include "publish/priority_tables.hpp"
#include "publish/priority_words.hpp"

#include <ogr_spatialref.h>

#include <memory>

namespace hotspot {

namespace {

using detail::PriorityTable;

// The CRS of the GeoPackage being written: that of the indexed layer's own table, else of any
// geometry layer (the run writes its area layers first).
std::unique_ptr<OGRSpatialReference> gpkg_crs(GDALDataset& ds, const std::string& layer_name, const std::string& target) {
    const OGRSpatialReference* found = nullptr;
    if (OGRLayer* l = ds.GetLayerByName(layer_name.c_str())) found = l->GetSpatialRef();
    for (int k = 0; !found && k < ds.GetLayerCount(); ++k) found = ds.GetLayer(k)->GetSpatialRef();
    if (!found) throw OutputError("cannot add the priority layers to " + quote_value(target) + ": it has no layer with a CRS to take");
    auto srs = std::make_unique<OGRSpatialReference>(*found);
    srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

std::vector<double> present(const std::vector<std::optional<double>>& v) {
    std::vector<double> out;
    for (const auto& x : v)
        if (x) out.push_back(*x);
    return out;
}

std::string index_title(const PriorityResult& r) { return detail::index_short_title(r.composite.spec); }

double label_scale(const PriorityResult& r) {
    if (r.layer >= r.analysis.layers.size()) return 0;
    std::vector<double> areas;
    const AreaLayer& layer = r.analysis.layers[r.layer];
    for (std::size_t a = 0; a < layer.size(); ++a) areas.push_back(layer.area_m2(a));
    return readable_label_scale(areas);
}

// A level with polygons maps its indicator's rate (its count where no level area has residents).
std::string rollup_qml(const PriorityResult& r, std::size_t level, const std::string& indicator) {
    std::vector<double> rates, counts;
    for (std::size_t k = 0; k < r.rollup.size(); ++k) {
        const RollupRow& row = r.rollup[k];
        const std::string& of = k < r.rollup_indicator.size() ? r.rollup_indicator[k] : indicator;
        if (row.level != level || of != indicator) continue;
        if (row.rate_per_1000_per_year) rates.push_back(*row.rate_per_1000_per_year);
        counts.push_back(row.count);
    }
    const IndicatorValues* v = indicator.empty() ? detail::rollup_indicator(r) : r.indicators.find(indicator);
    const std::string what = v ? (v->spec.title.empty() ? v->spec.name : v->spec.title) : std::string("Events");
    const std::string period = v ? detail::period_of(*v) : "";
    if (!rates.empty())
        return detail::graduated_qml("rate_per_1000_per_year", legend_title(what, period, "rate_per_1000_per_year: per 1,000 residents per year"), rates, 0, detail::Graduated::counts);
    return detail::graduated_qml("count", legend_title(what, period, "count"), counts, 0, detail::Graduated::counts);
}

// A class for the areas tied at the cut only when there are some (an empty class is noise).
std::vector<StyleClass> top_classes(const PriorityResult& r, const std::string& what) {
    std::vector<StyleClass> classes = {{"0", what, "255,237,160,255"}};
    if (top_cut_tie(r.composite)) classes.push_back({"1", "Tied at the cut with areas outside the top (order among them by area code)", "254,178,76,255"});
    return classes;
}

}  // namespace

std::optional<TopCutTie> top_cut_tie(const CompositeResult& c) {
    if (c.top.empty()) return std::nullopt;
    const auto last = c.top.back() < c.rank.size() ? c.rank[c.top.back()] : std::nullopt;
    if (!last) return std::nullopt;
    TopCutTie tie{*last, 0, 0};
    for (const auto& rank : c.rank) tie.areas += rank == last ? 1 : 0;
    for (std::size_t a : c.top) tie.inside += a < c.rank.size() && c.rank[a] == last ? 1 : 0;
    return tie.areas > tie.inside ? std::optional<TopCutTie>(tie) : std::nullopt;
}

void append_priority_layers(const PriorityResult& r, const std::string& gpkg_temporary, const std::string& final_path) {
    detail::ensure_gdal_registered();
    GDALDatasetUniquePtr ds(GDALDataset::Open(gpkg_temporary.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
    if (!ds) throw OutputError("cannot reopen " + quote_value(final_path) + " to add the priority layers: " + detail::last_gdal_error("GDAL error"));
    const auto srs = gpkg_crs(*ds, r.indicators.layer, final_path);
    std::vector<std::pair<std::string, std::string>> styles;
    try {
        const PriorityTable areas = detail::priority_areas_table(r);
        if (!areas.wkb) throw OutputError("the priority indicators do not match the polygons of layer " + quote_value(r.indicators.layer));
        detail::write_table_layer(*ds, areas, srs.get());
        styles.emplace_back(areas.name, detail::index_qml("composite_index", index_title(r), present(r.composite.index), label_scale(r),
                                                           "no index (missing value: see missing_values.csv)"));

        const PriorityTable top = detail::priority_top_table(r);
        detail::write_table_layer(*ds, top, srs.get());
        // priority_top has no `top` column (every row is in the top): classes by tied_at_cut, each outlined.
        const std::string top_what = "Top " + std::to_string(r.composite.spec.top_n) + " priority areas by the index (" +
                                     (r.composite.spec.preset.empty() ? "custom" : r.composite.spec.preset) + "), labelled with their rank";
        styles.emplace_back(top.name, detail::labelled_qml(detail::outline_qml("tied_at_cut",
                                                                               top_classes(r, top_what),
                                                                               "128,0,38,255", false),
                                                           "rank"));
        if (!r.risks.empty()) {
            const PriorityTable over = detail::over_representation_table(r);
            detail::write_table_layer(*ds, over, srs.get());
            const IndicatorValues* v = r.indicators.find(r.risks.front().indicator);
            const std::string what = r.risks.front().indicator + (v ? ", " + detail::period_of(*v) : "");
            styles.emplace_back(over.name, detail::over_flag_qml(r.risks.front().indicator + "_flag", what, detail::level_pct(r.risks.front().over.level)));
        }
        if (r.grid) {
            const PriorityTable grid = detail::priority_grid_table(r);
            detail::write_table_layer(*ds, grid, srs.get());
            styles.emplace_back(grid.name, detail::graduated_qml("composite_index",
                                                             "Priority index per " + format_plain(r.grid->grid.cell_m) + " m cell" + index_title(r).substr(std::string("Priority index").size()),
                                                             present(r.grid->index), 0, detail::Graduated::index));
            const PriorityTable zones = detail::priority_zones_table(r);
            detail::write_table_layer(*ds, zones, srs.get());
            if (zones.rows > 0)
                styles.emplace_back(zones.name, detail::outline_qml("what", std::get<std::string>(zones.columns[1].value(0)),
                                                                    std::get<std::string>(zones.columns[1].value(0)), "106,61,154,255", ""));
            detail::write_table_layer(*ds, detail::zone_area_shares_table(r), nullptr);
        }
        if (r.hierarchy && !r.rollup.empty())
            for (std::size_t l = 0; l < r.hierarchy->levels.size(); ++l)
                for (const std::string& indicator : detail::rollup_indicators(r)) {
                    const PriorityTable level = detail::rollup_level_table(r, l, indicator);
                    detail::write_table_layer(*ds, level, srs.get());
                    if (level.wkb) styles.emplace_back(level.name, rollup_qml(r, l, indicator));
                }
        if (!r.dashboard.empty()) detail::write_table_layer(*ds, detail::dashboard_table(r), nullptr);
        if (r.deprivation) detail::write_table_layer(*ds, detail::deprivation_profile_table(r), nullptr);
        if (detail::missing_value_rows(r) > 0) detail::write_table_layer(*ds, detail::missing_values_table(r), nullptr);
        detail::write_layer_styles(*ds, styles);
    } catch (const OutputError& e) {
        throw OutputError("cannot write " + quote_value(final_path) + ": " + e.what());
    }
    detail::close_written(ds, final_path);
}

// Every table every time, header-only when the result has no rows for it: a rerun with
// --overwrite then never leaves an earlier run's table beside this run's.
std::vector<std::string> priority_csv_names(const PriorityResult&) {
    return {"priority_areas.csv", "priority_top.csv", "indicators_long.csv", "over_representation.csv", "deprivation_profile.csv",
            "missing_values.csv", "hierarchy_rollup.csv", "dashboard.csv", "zone_area_shares.csv"};
}

void write_priority_csv(const PriorityResult& r, const std::string& name, const std::string& temporary_path) {
    PriorityResult empty;  // the columns of a table this result has nothing for (no rows read)
    empty.deprivation.emplace();
    empty.grid.emplace();
    PriorityTable t;
    if (name == "priority_areas.csv") t = detail::priority_areas_table(r);
    else if (name == "priority_top.csv") t = detail::priority_top_table(r);
    else if (name == "indicators_long.csv") t = detail::indicators_long_table(r);
    else if (name == "over_representation.csv") t = detail::over_representation_table(r.risks.empty() ? empty : r);
    else if (name == "deprivation_profile.csv") t = detail::deprivation_profile_table(r.deprivation ? r : empty);
    else if (name == "missing_values.csv") t = detail::missing_values_table(r);
    else if (name == "hierarchy_rollup.csv") t = detail::hierarchy_rollup_table(r);
    else if (name == "dashboard.csv") t = detail::dashboard_table(r);
    else if (name == "zone_area_shares.csv") t = detail::zone_area_shares_table(r.grid ? r : empty);
    else throw std::logic_error("write_priority_csv: no table " + name + " (see priority_csv_names)");
    if ((name == "over_representation.csv" && r.risks.empty()) || (name == "deprivation_profile.csv" && !r.deprivation)) t.rows = 0;
    write_text_file(temporary_path, detail::table_csv(t), name);
}

}  // namespace hotspot
