#include "hotspot/pipeline.hpp"

#include "hotspot/errors.hpp"
#include "hotspot/projection.hpp"
#include "hotspot/text.hpp"
#include "hotspot/unique_points.hpp"
#include "hotspot/version.hpp"

#include <algorithm>
#include <map>
#include <thread>
#include <unordered_map>

namespace hotspot {

unsigned effective_threads(unsigned requested) {
    if (requested > 0) return requested;
    return std::max(1u, std::thread::hardware_concurrency());
}

namespace {

// Moves rows flagged in `rejected` (non-empty reason) from the table into the rejects.
// Their raw text is filled in when outputs are written (see geopackage.cpp).
void move_to_rejects(AnalysisResult& r, const std::vector<std::string>& reason, const std::vector<std::string>& detail) {
    std::vector<std::uint8_t> keep(r.incidents.size(), 1);
    for (std::size_t i = 0; i < keep.size(); ++i) {
        if (reason[i].empty()) continue;
        keep[i] = 0;
        r.rejects.push_back(Reject{r.incidents.file[i], r.incidents.line[i], reason[i], detail[i], ""});
    }
    r.incidents.keep_rows(keep);
}

}  // namespace

void project_incidents(AnalysisResult& r, const std::string& t_srs, unsigned threads) {
    IncidentTable& t = r.incidents;
    std::vector<std::string> reason(t.size()), detail(t.size());
    // Rows are grouped by their file's CRS; within a group each distinct location is
    // projected once (police.uk coordinates are snap points shared by many rows).
    std::map<std::string, std::vector<std::size_t>> rows_by_crs;
    for (std::size_t i = 0; i < t.size(); ++i) rows_by_crs[t.files[t.file[i]].crs].push_back(i);
    for (auto& [crs, rows] : rows_by_crs) {
        std::vector<double> gx(rows.size()), gy(rows.size());
        for (std::size_t k = 0; k < rows.size(); ++k) gx[k] = t.x[rows[k]], gy[k] = t.y[rows[k]];
        UniquePoints u = unique_points(gx, gy);
        std::vector<std::uint8_t> ok(u.x.size(), 1);
        const ProjectionStats stats = transform_in_place(crs, t_srs, u.x.data(), u.y.data(), u.x.size(), ok.data(), threads);
        r.report.add("crs", "operation " + crs + " -> " + t_srs, stats.operation + " (accuracy " + stats.accuracy + ")");
        r.report.count("distinct_locations " + crs, u.x.size());
        for (std::size_t k = 0; k < rows.size(); ++k) {
            const std::size_t i = rows[k];
            const std::uint32_t p = u.of_row[k];
            if (!ok[p]) {
                reason[i] = "projection_failed";
                detail[i] = "PROJ could not transform (" + format_fixed(t.x[i], 6) + ", " + format_fixed(t.y[i], 6) + ") from " +
                            crs + " to " + t_srs;
                continue;
            }
            t.x[i] = u.x[p];
            t.y[i] = u.y[p];
        }
    }
    move_to_rejects(r, reason, detail);
}

void apply_study_extent(AnalysisResult& r, const Envelope& extent, OutsideExtent policy) {
    IncidentTable& t = r.incidents;
    r.extent = extent;
    r.has_extent = true;
    std::vector<std::string> reason(t.size()), detail(t.size());
    std::uint64_t outside = 0;
    const std::string box = format_fixed(extent.min_x, 0) + "," + format_fixed(extent.min_y, 0) + "," +
                            format_fixed(extent.max_x, 0) + "," + format_fixed(extent.max_y, 0);
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (extent.contains(t.x[i], t.y[i])) continue;
        ++outside;
        if (policy == OutsideExtent::reject) {
            reason[i] = "outside_study_extent";
            detail[i] = "projected point (" + format_fixed(t.x[i], 1) + ", " + format_fixed(t.y[i], 1) +
                        ") is outside the study extent " + box;
        }
    }
    r.report.add("parameter", "study_extent", box);
    r.report.count("outside_study_extent", outside);
    r.report.add("parameter", "outside_extent_policy", policy == OutsideExtent::reject ? "reject" : "keep");
    if (policy == OutsideExtent::reject) move_to_rejects(r, reason, detail);
}

void find_duplicate_ids(AnalysisResult& r, bool drop) {
    IncidentTable& t = r.incidents;
    std::unordered_map<std::string_view, std::size_t> first_row;
    first_row.reserve(t.size());
    std::vector<std::string> reason(t.size()), detail(t.size());
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t.crime_id.empty_at(i)) continue;  // ASB and BTP rows have no ID: not duplicates
        const auto [it, inserted] = first_row.emplace(t.crime_id.key(i), i);
        if (inserted) continue;
        const std::size_t f = it->second;
        r.duplicates.push_back(DuplicateId{t.crime_id.at(i), t.file[i], t.line[i], t.file[f], t.line[f], drop});
        if (drop) {
            reason[i] = "duplicate_id";
            detail[i] = "Crime ID " + t.crime_id.at(i) + " was first seen in " + t.files[t.file[f]].path + " line " +
                        std::to_string(t.line[f]);
        }
    }
    first_row.clear();  // holds views into crime_id, which move_to_rejects rewrites
    r.report.count("duplicate_crime_ids", r.duplicates.size());
    r.report.add("parameter", "drop_duplicate_ids", drop ? "true" : "false");
    if (drop) move_to_rejects(r, reason, detail);
}

void assign_to_layers(AnalysisResult& r, unsigned threads) {
    const IncidentTable& t = r.incidents;
    const UniquePoints u = unique_points(t.x, t.y);
    for (const AreaLayer& layer : r.layers) {
        const Assignment unique = assign_points(layer, u.x.data(), u.y.data(), u.x.size(), threads);
        Assignment a;
        a.area.resize(t.size());
        for (std::size_t i = 0; i < t.size(); ++i) {
            a.area[i] = unique.area[u.of_row[i]];
            a.inside += a.area[i] >= 0 ? 1 : 0;
        }
        a.outside = t.size() - a.inside;
        r.report.count("inside " + layer.name(), a.inside);
        r.report.count("outside " + layer.name(), a.outside);
        r.assignments.push_back(std::move(a));
    }
}

AnalysisResult run_analysis(const AnalysisConfig& config, AnalysisScope scope, const ProgressFn& progress) {
    validate(config);
    AnalysisResult r;
    const unsigned threads = effective_threads(config.threads);
    r.report.add("run", "hotspot_version", version_string);
    r.report.add("config", "effective_ini", to_ini(config));
    if (!config.source_file.empty()) r.report.add("config", "config_file", config.source_file);
    const CrsInfo crs = require_metric_crs(config.t_srs);
    r.report.add("crs", "analysis_crs", config.t_srs + " (" + crs.name + ")");
    r.report.add("parameter", "threads", std::to_string(threads));

    {
        StepTimer timer(r.report, "load_areas");
        for (std::size_t i = 0; i < config.areas.size(); ++i) {
            progress("load areas", static_cast<double>(i) / static_cast<double>(config.areas.size()));
            r.layers.push_back(AreaLayer::load(config.areas[i], config.t_srs));
            const AreaLayer& layer = r.layers.back();
            r.report.add("input", "area_layer " + layer.name(),
                         layer.spec().path + " (" + std::to_string(layer.size()) + " areas, CRS " + layer.source_crs() +
                             ", sha256 " + sha256_file(layer.spec().path) + ")");
            r.report.count("area_problems " + layer.name(), layer.problems().size());
        }
    }
    std::uint64_t rows_read = 0;
    {
        StepTimer timer(r.report, "read");
        progress("read", 0.0);
        ReadResult read = read_inputs(config.inputs, threads);
        r.incidents = std::move(read.incidents);
        r.rejects = std::move(read.rejects);
        for (const auto& f : r.incidents.files) {
            rows_read += f.rows_read;
            r.report.add("input", f.path,
                         f.format + ", source " + f.source + ", CRS " + f.crs + ", " + std::to_string(f.bytes) + " bytes, " +
                             std::to_string(f.rows_read) + " rows, sha256 " + f.sha256);
            if (f.blank_lines) r.report.count("blank_lines " + f.path, f.blank_lines);
        }
        r.report.count("files_read", r.incidents.files.size());
        r.report.count("rows_read", rows_read);
    }
    {
        StepTimer timer(r.report, "project");
        progress("project", 0.0);
        project_incidents(r, config.t_srs, threads);
    }
    if (config.extent) {
        apply_study_extent(r, *config.extent, config.outside_extent);
    } else if (!r.layers.empty()) {
        apply_study_extent(r, r.layers.front().envelope().expanded(config.extent_margin_m), config.outside_extent);
        r.report.add("parameter", "study_extent_from", "envelope of area layer " + quote_value(r.layers.front().name()) + " + " +
                                                           format_fixed(config.extent_margin_m, 0) + " m");
    } else {
        r.report.add("parameter", "study_extent", "none (no area layer and no extent given)");
    }
    find_duplicate_ids(r, config.drop_duplicate_ids);
    {
        StepTimer timer(r.report, "assign");
        progress("assign", 0.0);
        assign_to_layers(r, threads);
    }
    if (scope == AnalysisScope::full) {
        StepTimer timer(r.report, "measure");
        for (std::size_t l = 0; l < r.layers.size(); ++l)
            r.measures.push_back(measure_areas(r.layers[l], r.assignments[l].area, r.incidents, config.measures));
        if (!r.measures.empty() && r.measures.front().base) {
            r.report.add("parameter", "base_period", r.measures.front().base->label);
            r.report.add("parameter", "current_period", r.measures.front().current->label);
        }
        r.report.add("parameter", "level_band_pct", format_fixed(config.measures.level_band_pct, 2));
    }

    // Every row read is either accepted or rejected: check it, and say so in the report.
    std::map<std::string, std::uint64_t> by_reason;
    for (const auto& rej : r.rejects) ++by_reason[rej.reason];
    for (const auto& [reason, n] : by_reason) r.report.count("rejected " + reason, n);
    r.report.count("accepted", r.incidents.size());
    r.report.count("rejected", r.rejects.size());
    if (rows_read != r.incidents.size() + r.rejects.size())
        throw Error("internal error: " + std::to_string(rows_read) + " rows read but " + std::to_string(r.incidents.size()) +
                    " accepted + " + std::to_string(r.rejects.size()) + " rejected");
    r.report.add("check", "rows_read == accepted + rejected", "true");
    progress("done", 1.0);
    return r;
}

}  // namespace hotspot
