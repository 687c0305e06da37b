#include "hotspot/workflow/pipeline.hpp"

#include "hotspot/base/connection.hpp"
#include "hotspot/base/errors.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/base/version.hpp"
#include "hotspot/geo/projection.hpp"
#include "hotspot/geo/unique_points.hpp"
#include "hotspot/workflow/attributes_step.hpp"
#include "hotspot/workflow/duplicate_ids.hpp"

#include <algorithm>
#include <bit>
#include <atomic>
#include <future>
#include <map>
#include <set>
#include <thread>

namespace hotspot {

std::uint64_t rejected_rows(const AnalysisResult& r) { return r.rejects.size() + total_rows(r.outside_counted); }

unsigned effective_threads(unsigned requested) {
    if (requested > 0) return requested;
    return std::max(1u, std::thread::hardware_concurrency());
}

namespace {

// A row found bad after reading; only these are stored (a string pair per row would cost
// hundreds of megabytes at 10 million rows).
struct PendingReject {
    std::size_t row;
    std::string reason, detail;
};

// Keeps the rows where keep[i] != 0, in the table and in r.locations (whose points no kept row
// uses any more are dropped, the rest numbered in order of first use, as unique_points would).
void keep_rows(AnalysisResult& r, const std::vector<std::uint8_t>& keep, unsigned threads) {
    UniquePoints& u = r.locations;
    if (u.of_row.size() == keep.size()) {
        std::vector<std::uint32_t> renumbered(u.x.size(), UINT32_MAX);
        UniquePoints kept;
        std::size_t n = 0;
        for (std::size_t i = 0; i < keep.size(); ++i) {
            if (!keep[i]) continue;
            std::uint32_t& p = renumbered[u.of_row[i]];
            if (p == UINT32_MAX) {
                p = static_cast<std::uint32_t>(kept.x.size());
                kept.x.push_back(u.x[u.of_row[i]]);
                kept.y.push_back(u.y[u.of_row[i]]);
            }
            u.of_row[n++] = p;
        }
        u.of_row.resize(n);
        u.x = std::move(kept.x);
        u.y = std::move(kept.y);
    } else {
        u = {};
    }
    r.incidents.keep_rows(keep, threads);
}

// r.locations, checked against the rows bit for bit (a step that moved rows without it cannot
// give a wrong answer, only a slower one). When it does not match, the locations are found
// anew: kept in r.locations when rows share them, else put in `unshared` for the caller's use
// only (a copy of every row's point, held on, would only add to the peak memory).
const UniquePoints& distinct_locations(AnalysisResult& r, UniquePoints& unshared) {
    const IncidentTable& t = r.incidents;
    UniquePoints& u = r.locations;
    bool matches = u.of_row.size() == t.size();
    for (std::size_t i = 0; matches && i < t.size(); ++i)
        matches = std::bit_cast<std::uint64_t>(t.x[i]) == std::bit_cast<std::uint64_t>(u.x[u.of_row[i]]) &&
                  std::bit_cast<std::uint64_t>(t.y[i]) == std::bit_cast<std::uint64_t>(u.y[u.of_row[i]]);
    if (matches) return u;
    UniquePoints found = locations_of_rows(t.x, t.y);
    if (found.x.size() < t.size()) {
        u = std::move(found);
        return u;
    }
    u = {};
    unshared = std::move(found);
    return unshared;
}

// Moves the flagged rows from the table into the rejects, in row order. Their raw text is
// filled in when outputs are written (see geopackage.cpp).
void move_to_rejects(AnalysisResult& r, std::vector<PendingReject>& pending, unsigned threads) {
    if (pending.empty()) return;
    std::sort(pending.begin(), pending.end(), [](const auto& a, const auto& b) { return a.row < b.row; });
    std::vector<std::uint8_t> keep(r.incidents.size(), 1);
    for (auto& p : pending) {
        keep[p.row] = 0;
        r.rejects.push_back(Reject{r.incidents.file[p.row], r.incidents.line[p.row], std::move(p.reason), std::move(p.detail), "",
                                   r.incidents.x[p.row], r.incidents.y[p.row]});
    }
    pending.clear();
    keep_rows(r, keep, threads);
}

}  // namespace

namespace {

// Projects rows[k] (or every row when rows is empty) from one CRS, each distinct location once.
void project_group(AnalysisResult& r, const std::string& crs, const std::string& t_srs, const std::vector<std::size_t>& rows,
                   unsigned threads, std::vector<PendingReject>& pending) {
    IncidentTable& t = r.incidents;
    const bool all_rows = rows.empty();
    const std::size_t n = all_rows ? t.size() : rows.size();
    const auto row = [&](std::size_t k) { return all_rows ? k : rows[k]; };
    UniquePoints u;
    if (all_rows) {
        u = locations_of_rows(t.x, t.y);
    } else {
        std::vector<double> gx(n), gy(n);
        for (std::size_t k = 0; k < n; ++k) gx[k] = t.x[row(k)], gy[k] = t.y[row(k)];
        u = unique_points(gx, gy);
    }
    std::vector<std::uint8_t> ok(u.x.size(), 1);
    const ProjectionStats stats = transform_in_place(crs, t_srs, u.x.data(), u.y.data(), u.x.size(), ok.data(), threads);
    r.report.add("crs", "operation " + crs + " -> " + t_srs, stats.operation + " (accuracy " + stats.accuracy + ")");
    r.report.count("distinct_locations " + crs, u.x.size());
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t i = row(k);
        const std::uint32_t p = u.of_row[k];
        if (!ok[p]) {  // t.x/t.y still hold the source coordinates
            pending.push_back({i, "projection_failed",
                               "PROJ could not transform (" + format_fixed(t.x[i], 6) + ", " + format_fixed(t.y[i], 6) + ") from " +
                                   crs + " to " + t_srs});
            continue;
        }
        t.x[i] = u.x[p];
        t.y[i] = u.y[p];
    }
    // Kept for the later steps when rows share locations, as distinct_locations keeps them (the
    // failed rows' points go with them in keep_rows).
    if (all_rows && u.x.size() < n) r.locations = std::move(u);
}

}  // namespace

void project_incidents(AnalysisResult& r, const std::string& t_srs, unsigned threads) {
    IncidentTable& t = r.incidents;
    std::vector<PendingReject> pending;
    r.locations = {};
    // Rows are grouped by their file's CRS; police.uk coordinates are snap points shared by
    // many rows, so each group projects its distinct locations only.
    std::map<std::string, std::vector<std::size_t>> rows_by_crs;
    std::set<std::string> crss;
    for (const auto& f : t.files) crss.insert(f.crs);
    if (crss.size() == 1) {
        project_group(r, *crss.begin(), t_srs, {}, threads, pending);  // the common case: no copies
    } else {
        for (std::size_t i = 0; i < t.size(); ++i) rows_by_crs[t.files[t.file[i]].crs].push_back(i);
        for (const auto& [crs, rows] : rows_by_crs) project_group(r, crs, t_srs, rows, threads, pending);
    }
    move_to_rejects(r, pending, threads);
}

void apply_study_area(AnalysisResult& r, const AnalysisConfig& config, unsigned threads) {
    r.study_area = choose_study_area(r.layers, config);
    r.report.add("parameter", "study_area", r.study_area.description);
    if (!r.study_area.defined()) return;
    const std::vector<std::uint8_t> inside = [&] {
        UniquePoints unshared;  // freed before the rows are dropped
        return inside_study_area(r.study_area, r.layers, r.incidents, threads, &distinct_locations(r, unshared));
    }();
    std::uint64_t outside = 0;
    for (auto v : inside) outside += v ? 0 : 1;
    const bool reject = config.outside_study_area == OutsideStudyArea::reject;
    r.report.count("outside_study_area", outside);
    r.report.add("parameter", "outside_study_area_policy",
                 !reject ? "keep" : config.keep_outside_rows ? "reject, listed in rejects with raw text" : "reject, counted per file and month");
    if (!reject || outside == 0) return;
    if (config.keep_outside_rows) {
        std::vector<PendingReject> pending;
        for (std::size_t i = 0; i < inside.size(); ++i)
            if (!inside[i]) pending.push_back({i, "outside_study_area", ""});  // detail: see describe_rejects
        move_to_rejects(r, pending, threads);
        return;
    }
    // Counted only: a national file would otherwise put ~100k rows of raw text in rejects.
    r.outside_counted = count_outside(r.incidents, inside);
    keep_rows(r, inside, threads);
}

void find_duplicate_ids(AnalysisResult& r, bool drop, unsigned threads) {
    IncidentTable& t = r.incidents;
    std::vector<PendingReject> pending;
    for (const RepeatedId& d : repeated_crime_ids(t.crime_id, threads)) {
        const std::size_t i = d.row, f = d.first;
        r.duplicates.push_back(DuplicateId{t.crime_id.at(i), t.file[i], t.line[i], t.file[f], t.line[f], drop});
        if (drop)
            pending.push_back({i, "duplicate_id",
                               "Crime ID " + t.crime_id.at(i) + " was first seen in " + t.files[t.file[f]].path + " line " +
                                   std::to_string(t.line[f])});
    }
    r.report.count("duplicate_crime_ids", r.duplicates.size());
    r.report.add("parameter", "drop_duplicate_ids", drop ? "true" : "false");
    move_to_rejects(r, pending, threads);
}

void describe_rejects(AnalysisResult& r) {
    // Formatting hundreds of thousands of messages is left until they are written.
    for (auto& rej : r.rejects)
        if (rej.reason == "outside_study_area" && rej.detail.empty())
            rej.detail = "projected point (" + format_fixed(rej.x, 1) + ", " + format_fixed(rej.y, 1) + ") is outside the study area, " +
                         r.study_area.description;
}

void weigh_by_harm(AnalysisResult& r, const HarmConfig& harm) {
    const HarmTable table = read_harm_table(harm.table);
    const HarmSummary s = apply_harm(r.incidents, table, harm.missing);
    r.report.add("input", "harm table", table.path + " (" + std::to_string(table.weight.size()) + " categories, sha256 " + table.sha256 + ")");
    r.report.add("parameter", "harm missing", std::string(to_string(harm.missing)) + " (a category the table lacks)");
    for (const HarmUse& u : s.categories) {
        if (!u.rows) continue;
        r.report.add("harm", u.category,
                     "weight " + format_exact(u.weight) + (u.in_table ? "" : std::string(" (not in the table: harm.missing = ") + to_string(harm.missing) + ")") +
                         ", " + std::to_string(u.rows) + " rows, harm " + format_exact(u.harm));
        if (!u.in_table)
            r.report.add("warning", "harm " + u.category,
                         "the harm table has no weight for " + quote_value(u.category) + ": its " + std::to_string(u.rows) + " rows are weighted " +
                             format_exact(u.weight));
    }
    r.report.count("harm rows_without_weight", s.rows_missing);
    if (!s.unused.empty()) {
        std::string names;
        for (const auto& c : s.unused) names += (names.empty() ? "" : "; ") + c;
        r.report.add("harm", "categories not in the data", names);
    }
}

void assign_to_layers(AnalysisResult& r, unsigned threads) {
    UniquePoints unshared;
    const UniquePoints& u = distinct_locations(r, unshared);
    const IncidentTable& t = r.incidents;
    r.report.add("parameter", "assign_distinct_locations", std::to_string(u.x.size()));
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

void load_area_layers(AnalysisResult& r, const AnalysisConfig& config, AnalysisScope scope, const ProgressFn& progress) {
    {
        StepTimer timer(r.report, "load_areas");
        for (std::size_t i = 0; i < config.areas.size(); ++i) {
            progress("load areas", static_cast<double>(i) / static_cast<double>(config.areas.size()));
            r.layers.push_back(AreaLayer::load(config.areas[i], config.t_srs));
            const AreaLayer& layer = r.layers.back();
            r.report.add("input", "area_layer " + layer.name(),
                         without_password(layer.spec().path) + " (" + std::to_string(layer.size()) + " areas, CRS " + layer.source_crs() +
                             (is_connection_string(layer.spec().path) ? ", a database table" : ", sha256 " + sha256_file(layer.spec().path)) + ")");
            r.report.count("area_problems " + layer.name(), layer.problems().size());
            if (!layer.spec().where.empty()) {
                r.report.add("parameter", "area_layer " + layer.name() + " where", layer.spec().where);
                r.report.count("area_layer " + layer.name() + " features_filtered_out", layer.filtered_out());
            }
        }
        join_attribute_tables(r, config);  // may give a layer its population
        for (const AreaLayer& layer : r.layers)
            if (scope == AnalysisScope::full && !layer.has_population())
                r.report.add("warning", "area_layer " + layer.name(),
                             "area layer " + quote_value(layer.name()) + " has no population field: its rates per 1,000 "
                             "residents will be empty and its map shows counts (give one with population=FIELD in --area, "
                             "population=COLUMN in --attributes, or [area." + layer.name() + "])");
    }
}

namespace {

// Reads every input into r.incidents and r.rejects and reports each file; returns the rows read.
// Stops when `cancel` becomes true (see read_inputs).
std::uint64_t read_step(AnalysisResult& r, const AnalysisConfig& config, unsigned threads, const ProgressFn& progress,
               const std::atomic<bool>& cancel) {
    std::uint64_t rows_read = 0;
    StepTimer timer(r.report, "read");
    progress("read", 0.0);
    std::vector<InputSpec> inputs = config.inputs;
    const std::vector<std::string> kept = where_columns(config);
    for (auto& in : inputs) {
        in.months = config.months;
        in.kept_columns = kept;
    }
    r.report.add("parameter", "months_accepted", config.months.label());
    ReadResult read = read_inputs(inputs, threads, &cancel);
    r.incidents = std::move(read.incidents);
    r.rejects = std::move(read.rejects);
    for (const auto& f : r.incidents.files) {
        rows_read += f.rows_read;
        r.report.add("input", f.path,
                     f.format + ", source " + f.source + ", CRS " + f.crs + ", " + std::to_string(f.bytes) + " bytes, " +
                         std::to_string(f.rows_read) + " rows, sha256 " + f.sha256);
        if (f.blank_lines) r.report.count("blank_lines " + f.path, f.blank_lines);
        if (f.lines) {  // CSV files; the reader has checked the sum
            r.report.count("lines " + f.path, f.lines);
            r.report.add("check", "lines == records + blank lines + lines inside multi-line records, " + f.path,
                         std::to_string(f.lines) + " == " + std::to_string(f.rows_read + 1) + " + " +
                             std::to_string(f.blank_lines) + " + " + std::to_string(f.continuation_lines));
        }
    }
    for (const auto& f : read.skipped) {
        r.report.add("input_skipped", f.path, "input " + f.source + ": " + f.reason);
        r.report.add("warning", "input", "skipped " + quote_value(f.path) + ": " + f.reason);
    }
    r.report.count("files_read", r.incidents.files.size());
    r.report.count("files_skipped", read.skipped.size());
    r.report.count("rows_read", rows_read);
    return rows_read;
}

}  // namespace

AnalysisResult run_analysis(const AnalysisConfig& config, AnalysisScope scope, const ProgressFn& progress) {
    validate(config);
    AnalysisResult r;
    const unsigned threads = effective_threads(config.threads);
    r.report.add("run", "hotspot_version", version_string);
    r.report.add("config", "effective_ini", to_ini(config));
    if (!config.source_file.empty()) r.report.add("config", "config_file", config.source_file);
    r.report.add("parameter", "threads", std::to_string(threads));

    // The analysis CRS is checked, the area layers load and the inputs' PROJ operations are built
    // on a thread of their own while the inputs are read: none of it needs the rows, and reading
    // leaves a core part idle (Merseyside: ~130 ms of 0.5 s beside the read). The report entries
    // go where doing it before the read put them. A failure there stops the read and its error is
    // the one raised, as when it came first.
    const std::size_t beside_report_at = r.report.entries().size();
    AnalysisResult loaded;
    std::atomic<bool> beside_read_failed{false};
    auto loading = std::async(std::launch::async, [&] {
        try {
            const CrsInfo crs = require_metric_crs(config.t_srs);
            loaded.report.add("crs", "analysis_crs", config.t_srs + " (" + crs.name + ")");
            load_area_layers(loaded, config, scope, [](const std::string&, double) {});
            for (const InputSpec& in : config.inputs) {
                const std::string source = !in.s_srs.empty() ? in.s_srs : in.format == InputFormat::police_uk ? police_uk_crs : "";
                if (!source.empty() && source != config.t_srs) prepare_transform(source, config.t_srs);
            }
        } catch (...) {
            beside_read_failed = true;
            throw;
        }
    });
    std::uint64_t rows_read = 0;
    try {
        rows_read = read_step(r, config, threads, progress, beside_read_failed);
    } catch (...) {
        loading.get();  // an area layer's error first, as when the layers loaded before the read
        throw;
    }
    loading.get();
    r.layers = std::move(loaded.layers);
    RunReport report;
    const auto add_all = [&report](auto first, auto last) {
        for (; first != last; ++first) report.add(first->section, first->key, first->value);
    };
    const std::vector<ReportEntry>& ours = r.report.entries();
    const auto at = ours.begin() + static_cast<std::ptrdiff_t>(beside_report_at);
    add_all(ours.begin(), at);
    add_all(loaded.report.entries().begin(), loaded.report.entries().end());
    add_all(at, ours.end());
    r.report = std::move(report);
    if (!config.harm.table.empty()) {
        StepTimer timer(r.report, "harm");
        weigh_by_harm(r, config.harm);
    }
    {
        StepTimer timer(r.report, "project");
        progress("project", 0.0);
        project_incidents(r, config.t_srs, threads);
    }
    {
        StepTimer timer(r.report, "study_area");
        progress("study area", 0.0);
        apply_study_area(r, config, threads);
    }
    {
        StepTimer timer(r.report, "duplicate_ids");
        find_duplicate_ids(r, config.drop_duplicate_ids, threads);
    }
    {
        StepTimer timer(r.report, "assign");
        progress("assign", 0.0);
        assign_to_layers(r, threads);
        r.locations = {};  // no later step needs them (national runs: 250 MB and more)
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
        if (!r.measures.empty() && r.measures.front().headline_period) {
            const AreaMeasures& m = r.measures.front();
            r.report.add("parameter", "headline_period", m.headline_label());
            r.report.add("parameter", "headline_period_basis", m.headline_basis);
            r.report.add("parameter", "rate_unit", "per 1,000 residents per year");
            r.report.add("parameter", "all_months", m.all_months->label + " (" + std::to_string(m.months_all()) + " months)");
        }
    }

    // Rejects in input order, whichever step found them.
    std::stable_sort(r.rejects.begin(), r.rejects.end(),
                     [](const Reject& a, const Reject& b) { return a.file != b.file ? a.file < b.file : a.line < b.line; });
    // Every row read is either accepted or rejected: check it, and say so in the report.
    // Rows outside the study area counted but not listed are rejected too.
    std::map<std::string, std::uint64_t> by_reason;
    for (const auto& rej : r.rejects) ++by_reason[rej.reason];
    const std::uint64_t counted_only = total_rows(r.outside_counted);
    if (counted_only) by_reason["outside_study_area"] += counted_only;
    for (const auto& [reason, n] : by_reason) r.report.count("rejected " + reason, n);
    const std::uint64_t rejected = rejected_rows(r);
    r.report.count("accepted", r.incidents.size());
    r.report.count("rejected", rejected);
    r.report.count("rejected_listed", r.rejects.size());
    r.report.count("rejected_counted_only", counted_only);
    if (rows_read != r.incidents.size() + rejected)
        throw Error("internal error: " + std::to_string(rows_read) + " rows read but " + std::to_string(r.incidents.size()) +
                    " accepted + " + std::to_string(rejected) + " rejected");
    r.report.add("check", "rows_read == accepted + rejected",
                 "true: " + std::to_string(rows_read) + " == " + std::to_string(r.incidents.size()) + " + (" +
                     std::to_string(r.rejects.size()) + " listed in rejects + " + std::to_string(counted_only) +
                     " outside the study area, counted only)");
    progress("done", 1.0);
    return r;
}

}  // namespace hotspot
