#include "hotspot/publish/knox_output.hpp"

#include "hotspot/base/text.hpp"
#include "hotspot/publish/output_set.hpp"
#include "publish/gpkg_writer.hpp"
#include "publish/priority_table.hpp"

#include <cmath>
#include <optional>

namespace hotspot {

using detail::Cell;

namespace {

const char* distance_name(KnoxDistance d) { return d == KnoxDistance::manhattan ? "Manhattan (|dx| + |dy|)" : "Euclidean"; }

std::string number_text(double v) { return format_fixed(v, v == std::floor(v) ? 0 : 2); }

std::optional<double> finite(double v) { return std::isnan(v) ? std::nullopt : std::optional<double>(v); }

// "1 m to under 100 m", "under 1 m (the same place)", "300 m or more".
std::string space_words(const KnoxOptions& o, std::size_t s) {
    const auto& b = o.space_breaks_m;
    if (s + 1 == b.size()) return number_text(b[s]) + " m or more";
    if (s == 0) return "under " + number_text(b[1]) + " m" + (b[1] <= 1 ? " (the same place)" : "");
    return number_text(b[s]) + " m to under " + number_text(b[s + 1]) + " m";
}

std::string time_words(const KnoxOptions& o, std::size_t t) {
    const auto& b = o.time_breaks_days;
    if (t + 1 == b.size()) return std::to_string(b[t]) + " days or more";
    if (t == 0) return "under " + std::to_string(b[1]) + " days (0 = the same day)";
    return std::to_string(b[t]) + " to under " + std::to_string(b[t + 1]) + " days";
}

std::string reading(const NearRepeatResult& r, std::size_t c) {
    const KnoxTable& k = r.table;
    const std::size_t s = c / k.time_bands, t = c % k.time_bands;
    std::string text = "pairs " + space_words(r.options, s) + " and " + time_words(r.options, t) + " apart: ";
    if (std::isnan(k.ratio[c])) return text + std::to_string(k.observed[c]) + " observed, none expected";
    return text + format_fixed(k.ratio[c], 2) + "x expected (" + std::to_string(k.observed[c]) + " observed, " +
           format_fixed(k.mean_expected[c], 1) + " expected, p = " + format_fixed(k.p_value[c], 3) + ")";
}

detail::PriorityTable knox_table(const NearRepeatResult& r) {
    const KnoxTable& k = r.table;
    const KnoxOptions& o = r.options;
    const std::string of = " (of " + std::to_string(k.pairs) + " pairs of " + r.events_label + ")";
    const std::string sims = std::to_string(k.simulations) + " random permutations of the dates over the incidents (seed " +
                             std::to_string(k.seed) + ")";
    detail::PriorityTable t;
    t.name = "knox_table";
    t.description = "Knox test for near repeats: pairs of incidents by distance band (" + std::string(distance_name(o.distance)) +
                    ", metres) and time band (whole days), observed against " + sims + of;
    t.rows = k.space_bands * k.time_bands;
    const auto s_of = [&k](std::size_t row) { return row / k.time_bands; };
    const auto t_of = [&k](std::size_t row) { return row % k.time_bands; };
    t.text("space_band", "Distance between the two incidents, metres, " + std::string(distance_name(o.distance)) + "; [a,b) = a <= d < b",
           [&k, &o, &r, s_of, t_of](std::size_t row) -> Cell { return knox_space_label(o, s_of(row)); });
    t.text("space_band_nrc", "The label the Near Repeat Calculator 1.3 prints for this distance band",
           [&k, &o, &r, s_of, t_of](std::size_t row) -> Cell { return knox_space_label_nrc(o, s_of(row)); });
    t.text("time_band", "Days between the two incidents' dates; [a,b) = a <= days < b",
           [&k, &o, &r, s_of, t_of](std::size_t row) -> Cell { return knox_time_label(o, t_of(row)); });
    t.text("time_band_nrc", "The label the Near Repeat Calculator 1.3 prints for this time band",
           [&k, &o, &r, s_of, t_of](std::size_t row) -> Cell { return knox_time_label_nrc(o, t_of(row)); });
    t.real("space_from_m", "Distance band: lower limit, metres (included)", [&k, &o, &r, s_of, t_of](std::size_t row) -> Cell { return o.space_breaks_m[s_of(row)]; });
    t.real("space_to_m", "Distance band: upper limit, metres (excluded); empty: no limit", [&k, &o, &r, s_of, t_of](std::size_t row) -> Cell {
        return s_of(row) + 1 < k.space_bands ? Cell(o.space_breaks_m[s_of(row) + 1]) : Cell();
    });
    t.integer("time_from_days", "Time band: lower limit, days (included)",
              [&k, &o, &r, s_of, t_of](std::size_t row) -> Cell { return std::int64_t{o.time_breaks_days[t_of(row)]}; });
    t.integer("time_to_days", "Time band: upper limit, days (excluded); empty: no limit", [&k, &o, &r, s_of, t_of](std::size_t row) -> Cell {
        return t_of(row) + 1 < k.time_bands ? Cell(std::int64_t{o.time_breaks_days[t_of(row) + 1]}) : Cell();
    });
    t.integer("observed_pairs", "Pairs of incidents in this distance and time band" + of,
              [&k, &o, &r, s_of, t_of](std::size_t row) -> Cell { return static_cast<std::int64_t>(k.observed[row]); });
    t.real("expected_mean", "Expected pairs: the mean over " + sims, [&k, &o, &r, s_of, t_of](std::size_t row) -> Cell { return detail::cell(finite(k.mean_expected[row])); });
    t.real("expected_median", "Expected pairs: the median over " + sims,
           [&k, &o, &r, s_of, t_of](std::size_t row) -> Cell { return detail::cell(finite(k.median_expected[row])); });
    t.real("knox_ratio", "Knox ratio: observed pairs / expected_mean; empty when none are expected",
           [&k, &o, &r, s_of, t_of](std::size_t row) -> Cell { return detail::cell(finite(k.ratio[row])); });
    t.real("knox_ratio_median", "Observed pairs / expected_median; empty when the median is 0",
           [&k, &o, &r, s_of, t_of](std::size_t row) -> Cell { return detail::cell(finite(k.ratio_median[row])); });
    t.real("p_value", "One-sided Monte Carlo p: (1 + permutations with at least the observed pairs) / (1 + " +
                          std::to_string(k.simulations) + "); not adjusted for the " + std::to_string(t.rows) + " cells tested",
           [&k, &o, &r, s_of, t_of](std::size_t row) -> Cell { return detail::cell(finite(k.p_value[row])); });
    t.text("reading", "The row in words", [&k, &o, &r, s_of, t_of](std::size_t row) -> Cell { return reading(r, row); });
    return t;
}

}  // namespace

void add_knox_report(const NearRepeatResult& r, RunReport& report) {
    const KnoxOptions& o = r.options;
    std::string space, time;
    for (double b : o.space_breaks_m) space.append(space.empty() ? "" : ",").append(number_text(b));
    for (std::int32_t b : o.time_breaks_days) time.append(time.empty() ? "" : ",").append(std::to_string(b));
    report.add("parameter", "knox_space_breaks_m", space + " (right-open bands [a,b), the last open above)");
    report.add("parameter", "knox_time_breaks_days", time + " (right-open bands [a,b), the last open above)");
    report.add("parameter", "knox_distance", distance_name(o.distance));
    report.add("parameter", "knox_simulations", std::to_string(o.simulations) + " permutations of the dates over the incidents");
    report.add("parameter", "knox_seed", std::to_string(o.seed));
    report.add("parameter", "knox_p_value", "(1 + permutations with at least the observed pairs) / (1 + simulations), one-sided per cell");
    report.add("knox", "events", r.events_label);
    report.add("knox", "pairs", std::to_string(r.table.pairs) + " (every pair i < j once)");
    report.add("knox", "pairs_enumerated", std::to_string(r.table.near_pairs) + " closer than " + number_text(o.space_breaks_m.back()) +
                                               " m; the last distance band is the time-band totals minus these");
}

std::vector<std::string> knox_findings(const NearRepeatResult& r) {
    std::vector<std::string> out;
    for (std::size_t c = 0; c < r.table.observed.size(); ++c)
        if (r.table.p_value[c] < 0.05 && r.table.ratio[c] > 1.0) out.push_back(reading(r, c));
    return out;
}

void write_knox_csv(const NearRepeatResult& r, const std::string& path, const std::string& target) {
    write_text_file(path, detail::table_csv(knox_table(r)), target);
}

void write_knox_geopackage(const NearRepeatResult& r, const std::string& crs, const RunReport& report, const std::string& path,
                           const std::string& target) {
    detail::write_gpkg(path, target, crs, [&](GDALDataset& ds, const OGRSpatialReference&) {
        detail::write_table_layer(ds, knox_table(r), nullptr);
        std::vector<detail::ReportRow> rows;
        for (const auto& e : report.entries()) rows.push_back({e.section, e.key, e.value});
        detail::write_report_table(ds, rows, "Inputs, parameters, counters and version of this run");
    });
}

}  // namespace hotspot
