#include "hotspot/publish/emerging_output.hpp"

#include "hotspot/base/periods.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/output_set.hpp"
#include "hotspot/publish/run_report_csv.hpp"
#include "hotspot/publish/styles.hpp"
#include "publish/gpkg_writer.hpp"
#include "publish/record_table.hpp"

#include <filesystem>

namespace hotspot {

using detail::num;
using detail::txt;

const char* trend_words(TrendDirection d) {
    return d == TrendDirection::up ? "rising" : d == TrendDirection::down ? "falling" : "no significant trend";
}

namespace {

std::string span_words(const EmergingRun& r) {
    const MonthIndex last = r.steps.back() + static_cast<MonthIndex>(r.step_months) - 1;
    return std::to_string(r.steps.size()) + " " + (r.step_months == 1 ? "months" : "quarters") + " " + month_label(r.steps.front()) + ".." +
           month_label(last);
}

std::string final_words(const EmergingRun& r) { return "the final step (" + step_label(r.steps.back(), r.step_months) + ")"; }

double location_total(const EmergingRun& r, std::size_t i) {
    double s = 0;
    for (std::size_t t = 0; t < r.steps.size(); ++t) s += r.counts[t * r.locations() + i];
    return s;
}

// What names a location: a cell's number, or an area's code and name.
std::vector<detail::Column> id_columns(const EmergingRun& r) {
    if (r.areas_layer.empty()) return {{"cell_id", OFTInteger, "Study cell, numbered row-major from the north-west from 1"}};
    return {{"area_id", OFTString, "Area code (layer " + r.areas_layer + ")"}, {"area_name", OFTString, "Area name (layer " + r.areas_layer + ")"}};
}
std::vector<detail::Value> id_values(const EmergingRun& r, std::size_t i) {
    if (r.areas_layer.empty()) return {num(static_cast<double>(i + 1))};
    return {txt(r.area_id[i]), txt(r.area_name[i])};
}
std::string location_words(const EmergingRun& r) { return r.areas_layer.empty() ? "cell" : "area"; }
// What a bin holds: incidents, or their weights (harm, or the inputs' own weights).
std::string count_field(const EmergingRun& r) { return r.harm ? "harm" : r.weighted ? "weighted_incidents" : "incidents"; }
std::string count_words(const EmergingRun& r) {
    return r.harm ? "Harm (incidents weighted by the [harm] table)" : r.weighted ? "Weighted incidents (the inputs' weights)" : "Incidents";
}

// The attribute columns of a location: shared by the layer and its CSV.
detail::RecordTable locations_table(const EmergingRun& r) {
    detail::RecordTable t{"emerging_locations", "Emerging hot spot pattern per " + location_words(r) + " over " + span_words(r) + "; counts are " + r.incidents_label, {}, {}};
    const std::string level = " (significant after FDR at the run's level)";
    t.columns = id_columns(r);
    const std::string it = "the " + location_words(r);
    t.columns.insert(t.columns.end(), {
                 {"pattern", OFTString, "Emerging hot spot pattern, ArcGIS Pro's words (PATTERN)"},
                 {"category", OFTInteger, "ArcGIS Pro's CATEGORY: 1 new .. 8 historical hot, -1 .. -8 cold, 0 no pattern"},
                 {"hot_steps", OFTInteger, "Steps " + it + " was a hot spot" + level},
                 {"cold_steps", OFTInteger, "Steps " + it + " was a cold spot" + level},
                 {"steps", OFTInteger, "Time steps in the cube (" + span_words(r) + ")"},
                 {"final_step", OFTString, "Hot, cold or not significant in " + final_words(r)},
                 {"z_final", OFTReal, "Gi* z of " + it + " in " + final_words(r)},
                 {"z_trend", OFTString, "Mann-Kendall trend of " + it + "'s Gi* z series: rising, falling or no significant trend"},
                 {"z_trend_z", OFTReal, "Mann-Kendall Z of the Gi* z series (continuity corrected, ties corrected)"},
                 {"z_trend_p", OFTReal, "Two-sided p of z_trend_z"},
                 {"count_trend", OFTString, "Mann-Kendall trend of " + it + "'s counts: rising, falling or no significant trend"},
                 {"count_trend_z", OFTReal, "Mann-Kendall Z of the counts"},
                 {"count_trend_p", OFTReal, "Two-sided p of count_trend_z"},
                 {count_field(r), OFTReal, count_words(r) + " in " + it + " over " + span_words(r)},
                 {count_field(r) + "_final", OFTReal, count_words(r) + " in " + it + " in " + final_words(r)}});
    const std::size_t n = r.locations(), last = (r.steps.size() - 1) * n;
    for (std::size_t i = 0; i < n; ++i) {
        const EmergingLocation& at = r.result.at[i];
        const std::int8_t fin = r.result.significance[last + i];
        const auto d = [](std::size_t v) { return num(static_cast<double>(v)); };
        std::vector<detail::Value> row = id_values(r, i);
        row.insert(row.end(), {txt(emerging_pattern_name(at.pattern)), num(at.pattern.code()), d(at.hot_steps), d(at.cold_steps),
                               d(r.steps.size()), txt(fin > 0 ? "hot" : fin < 0 ? "cold" : "not significant"), num(r.result.bins.z[last + i]),
                               txt(trend_words(at.z_trend)), num(at.z_trend_z), num(at.z_trend_p), txt(trend_words(at.count_trend)),
                               num(at.count_trend_z), num(at.count_trend_p), num(location_total(r, i)), num(r.counts[last + i])});
        t.rows.push_back(std::move(row));
    }
    return t;
}

detail::RecordTable cube_table(const EmergingRun& r) {
    detail::RecordTable t{"emerging_cube", "The space-time cube: one row per " + location_words(r) + " and step, " + span_words(r) + "; counts are " + r.incidents_label, {}, {}};
    t.columns = id_columns(r);
    t.columns.insert(t.columns.end(), {
                 {"step", OFTString, "The month (YYYY-MM) or quarter (FIRST..LAST)"},
                 {count_field(r), OFTReal, count_words(r) + " in the " + location_words(r) + " in the step"},
                 {"gi_z", OFTReal, "Space-time Gi* z (the band's cells at this step and the window's steps before it)"},
                 {"gi_p", OFTReal, "Two-sided p of gi_z"},
                 {"gi_bin_fdr", OFTInteger, "Confidence after Benjamini-Hochberg FDR: +-3 99 %, +-2 95 %, +-1 90 %, 0 not significant"},
                 {"significant", OFTInteger, "1 hot, -1 cold, 0 not, at the run's level after FDR"}});
    const std::size_t n = r.locations();
    for (std::size_t s = 0; s < r.steps.size(); ++s)
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t b = s * n + i;
            const auto bin = r.result.bins.bin_fdr[b];
            std::vector<detail::Value> row = id_values(r, i);
            row.insert(row.end(), {txt(step_label(r.steps[s], r.step_months)), num(r.counts[b]), num(r.result.bins.z[b]),
                                   num(r.result.bins.p[b]), num(bin ? std::optional<double>(*bin) : std::nullopt),
                                   num(r.result.significance[b])});
            t.rows.push_back(std::move(row));
        }
    return t;
}

detail::RecordTable summary_table(const EmergingRun& r) {
    detail::RecordTable t{"emerging_summary", (r.areas_layer.empty() ? "Cells" : "Areas") + std::string(" per emerging hot spot pattern, ") + span_words(r), {}, {}};
    t.columns = {{"category", OFTInteger, "ArcGIS Pro's CATEGORY"},
                 {"pattern", OFTString, "ArcGIS Pro's PATTERN"},
                 {"locations", OFTInteger, r.areas_layer.empty() ? "Study cells with this pattern" : "Areas of layer " + r.areas_layer + " with this pattern"},
                 {"locations_pct", OFTReal, r.areas_layer.empty() ? "Percent of the study cells" : "Percent of the areas"}};
    const double n = static_cast<double>(r.locations());
    for (int code = 8; code >= -8; --code) {
        const std::size_t count = r.result.pattern_count[static_cast<std::size_t>(code + 8)];
        EmergingClass c{static_cast<EmergingPattern>(code < 0 ? -code : code), code < 0};
        t.rows.push_back({num(code), txt(emerging_pattern_name(c)), num(static_cast<double>(count)),
                          num(100.0 * static_cast<double>(count) / n)});
    }
    return t;
}

std::string in_dir(const std::string& dir, const std::string& name) { return (std::filesystem::path(dir) / name).string(); }

}  // namespace

std::string emerging_qml() {
    // The first four hot colours are ArcGIS Pro's (seen on published Emerging Hot Spot layers);
    // the rest follow them: hot reds darker for lasting patterns, cold blues mirroring them.
    const char* hot[9] = {"", "203,8,0,255", "189,109,94,255", "224,23,9,255", "133,20,0,255",
                          "247,130,107,255", "252,187,161,255", "237,121,40,255", "196,160,150,255"};
    const char* cold[9] = {"", "8,69,203,255", "94,126,189,255", "9,90,224,255", "0,33,133,255",
                           "107,153,247,255", "161,202,252,255", "40,160,237,255", "150,166,196,255"};
    std::vector<StyleClass> classes;
    for (int code = 1; code <= 8; ++code)
        classes.push_back({std::to_string(code), emerging_pattern_name({static_cast<EmergingPattern>(code), false}), hot[code]});
    for (int code = 1; code <= 8; ++code)
        classes.push_back({std::to_string(-code), emerging_pattern_name({static_cast<EmergingPattern>(code), true}), cold[code]});
    classes.push_back({"0", "No Pattern Detected", "255,255,255,0"});
    return categorized_fill_qml("category", classes);
}

void add_emerging_report(const EmergingRun& r, RunReport& rep) {
    rep.add("emerging", "study_area", r.study_area);
    if (r.areas_layer.empty())
        rep.add("emerging", "grid", format_plain(r.cells.cell_m) + " m square cells, north-west corner " + format_plain(r.cells.origin_x) + ", " +
                                        format_plain(r.cells.origin_y) + " (" + r.cells.origin_source + "), " + std::to_string(r.cells.columns) +
                                        " x " + std::to_string(r.cells.rows) + "; " + std::to_string(r.cells.x.size()) +
                                        " cells with their centre inside the study area");
    else
        rep.add("emerging", "locations", std::to_string(r.area_id.size()) + " polygons of layer " + r.areas_layer);
    rep.add("emerging", "steps", span_words(r));
    rep.add("emerging", "neighbourhood", r.spatial.rule + ", at the bin's step and the " +
                                             std::to_string(r.options.time_window) + " step(s) before it (never later ones)");
    rep.add("emerging", "locations_without_neighbour", std::to_string(r.without_neighbour) + " of " + std::to_string(r.locations()) +
                                                           " (purely temporal Gi* there: only their own counts over the time window)");
    for (const std::string& w : r.warnings) rep.add("warning", "emerging", w);
    rep.add("emerging", "significance", "a bin is hot or cold when its FDR-corrected Gi* confidence reaches " +
                                            format_plain(100 * (1 - r.options.alpha)) + " %; trends (Mann-Kendall) at p < " +
                                            format_plain(r.options.alpha) + ", two-sided; 90 % of steps means at least 9 in 10");
    const std::string where = r.areas_layer.empty() ? "study cell" : "area of layer " + r.areas_layer;
    rep.add("emerging", "rows", std::to_string(r.rows_total) + " of the chosen categories: " + std::to_string(r.rows_in_locations) + " in a " +
                                    where + " in the months analysed, " + std::to_string(r.rows_outside_locations) + " outside every " + where +
                                    ", " + std::to_string(r.rows_outside_months) + " dated outside the months");
    rep.add("emerging", "counts", r.weighted || r.harm ? std::string(r.harm ? "harm-weighted ([harm] table): " : "weighted (the inputs' weights): ") +
                                                       "each row counts its weight; " + format_fixed(r.weight_in_locations, 2) + " in the locations"
                                                 : "each row counts 1 (no harm or input weights)");
    rep.add("emerging", "gi_star", "space-time Getis-Ord Gi*, binary weights, the cube's " + std::to_string(r.counts.size()) +
                                       " bins as one population (mean " + format_fixed(r.result.bins.mean, 6) + ", sd " +
                                       format_fixed(r.result.bins.sd, 6) + "), Benjamini-Hochberg FDR over all bins");
    for (int code = 8; code >= -8; --code) {
        const std::size_t count = r.result.pattern_count[static_cast<std::size_t>(code + 8)];
        if (count == 0) continue;
        EmergingClass c{static_cast<EmergingPattern>(code < 0 ? -code : code), code < 0};
        rep.add("emerging", std::string("cells ") + emerging_pattern_name(c), std::to_string(count));
    }
}

void write_emerging_geopackage(const EmergingRun& r, const std::string& crs, const RunReport& report, const std::string& path,
                               const std::string& target) {
    detail::write_gpkg(path, target, crs, [&](GDALDataset& ds, const OGRSpatialReference& srs) {
        const double h = r.cells.cell_m / 2;
        detail::write_feature_layer(ds, locations_table(r), "emerging_hot_spots", r.areas_layer.empty() ? wkbPolygon : wkbMultiPolygon, &srs,
                                    [&](OGRFeature& f, std::size_t i) {
                                        if (r.areas_layer.empty()) {
                                            OGRLinearRing ring;
                                            const double x = r.cells.x[i], y = r.cells.y[i];
                                            ring.addPoint(x - h, y - h), ring.addPoint(x + h, y - h), ring.addPoint(x + h, y + h),
                                                ring.addPoint(x - h, y + h);
                                            ring.closeRings();
                                            OGRPolygon cell;
                                            cell.addRing(&ring);
                                            f.SetGeometry(&cell);
                                        } else {
                                            OGRGeometry* g = nullptr;
                                            OGRGeometryFactory::createFromWkb(r.area_wkb[i].data(), nullptr, &g, r.area_wkb[i].size());
                                            if (g) f.SetGeometryDirectly(OGRGeometryFactory::forceToMultiPolygon(g));
                                        }
                                    });
        detail::write_table_layer(ds, cube_table(r));
        detail::write_table_layer(ds, summary_table(r));
        std::vector<detail::ReportRow> rows;
        for (const auto& e : report.entries()) rows.push_back({e.section, e.key, e.value});
        detail::write_report_table(ds, rows, "Inputs, parameters, counters and version of this run");
        detail::write_layer_styles(ds, {{"emerging_hot_spots", emerging_qml()}});
    });
}

void claim_emerging_files(OutputSet& outputs, const std::string& dir) {
    for (const char* name : {"emerging_locations.csv", "emerging_cube.csv", "emerging_summary.csv", "run_report.csv"})
        outputs.claim(in_dir(dir, name), OutputKind::csv);
}

void write_emerging_files(const EmergingRun& r, const RunReport& report, OutputSet& outputs, const std::string& dir) {
    const std::pair<const char*, detail::RecordTable> files[] = {
        {"emerging_locations.csv", locations_table(r)}, {"emerging_cube.csv", cube_table(r)}, {"emerging_summary.csv", summary_table(r)}};
    for (const auto& [name, table] : files) {
        const std::string p = in_dir(dir, name);
        write_text_file(outputs.temporary(p), detail::csv_text(table), p);
    }
    const std::string p = in_dir(dir, "run_report.csv");
    write_text_file(outputs.temporary(p), run_report_csv(report), p);
}

}  // namespace hotspot
