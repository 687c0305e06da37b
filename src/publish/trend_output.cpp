#include "hotspot/publish/trend_output.hpp"

#include "hotspot/base/periods.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/output_set.hpp"
#include "hotspot/publish/run_report_csv.hpp"
#include "publish/csv_text.hpp"
#include "publish/gpkg_writer.hpp"
#include "publish/priority_table.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numeric>

namespace hotspot {

using detail::Cell;

namespace {

Cell real_or_null(double v) { return std::isfinite(v) ? Cell(v) : Cell(); }

std::string pct(double confidence) { return format_plain(confidence * 100); }

// "incidents per quarter (all categories)": what a count is.
std::string unit_words(const TrendResult& r) { return "incidents per " + trend_step_name(r.config.step) + " (" + r.selection_label + ")"; }

std::string span_words(const TrendResult& r) {
    return trend_step_name(r.config.step) + "s " + trend_step_label(r.config.step, r.step_starts.front()) + ".." +
           trend_step_label(r.config.step, r.step_starts.back()) + " (" + month_range_label(r.first_month, r.last_month) + ")";
}

// The columns naming a series, first in every table; `of` maps a row to its series.
void series_columns(detail::PriorityTable& t, const TrendResult& r, std::function<std::size_t(std::size_t)> of) {
    t.integer("series_id", "Series number (1-based), the same in trend_series, trend_tests, trend_seasonal and the chart file names",
              [of](std::size_t row) -> Cell { return static_cast<std::int64_t>(of(row) + 1); });
    const TrendGroup g = r.config.group;
    t.text(g == TrendGroup::source ? "source" : g == TrendGroup::measure ? "measure" : "category",
           g == TrendGroup::source    ? "Input ([input.NAME]) of the series, its rows of the selection (" + r.selection_label + ")"
           : g == TrendGroup::measure ? std::string("Measure ([measure.NAME]: its categories, sources and where filter) of the series")
                                      : "Crime category of the series, or the whole selection (" + r.selection_label + ")",
           [&r, of](std::size_t row) -> Cell { return r.series[of(row)].category; });
    t.text("area_code", r.config.areas_layer.empty() ? "Empty: the series is not split by area"
                                                     : "Area code in layer " + r.config.areas_layer + " (by the pipeline's point-in-polygon assignment)",
           [&r, of](std::size_t row) -> Cell { return detail::cell_text(r.series[of(row)].area_code); });
    t.text("area_name", "Area name in layer " + (r.config.areas_layer.empty() ? std::string("(none)") : r.config.areas_layer),
           [&r, of](std::size_t row) -> Cell { return detail::cell_text(r.series[of(row)].area_name); });
}

detail::PriorityTable series_table(const TrendResult& r) {
    const std::size_t steps = r.step_starts.size();
    detail::PriorityTable t;
    t.name = "trend_series";
    t.description = "Counts per series and " + trend_step_name(r.config.step) + ", " + span_words(r) + ": " + unit_words(r) +
                    "; empty count = no data (a month without input file or row), not zero";
    t.rows = r.series.size() * steps;
    const auto of = [steps](std::size_t row) { return row / steps; };
    series_columns(t, r, of);
    const auto step_of = [steps](std::size_t row) { return row % steps; };
    t.text("period", "The " + trend_step_name(r.config.step) + " (month YYYY-MM, calendar quarter YYYY-Qn or financial year April-March YYYY/YY)",
           [&r, step_of](std::size_t row) -> Cell { return trend_step_label(r.config.step, r.step_starts[step_of(row)]); });
    t.text("first_month", "First month of the period", [&r, step_of](std::size_t row) -> Cell { return month_label(r.step_starts[step_of(row)]); });
    t.text("last_month", "Last month of the period", [&r, step_of](std::size_t row) -> Cell {
        return month_label(r.step_starts[step_of(row)] + static_cast<MonthIndex>(r.step_months) - 1);
    });
    t.integer("incidents", "Incidents in the period, " + unit_words(r) + "; empty: no data for at least one of its months",
              [&r, of, step_of](std::size_t row) -> Cell {
                  const double v = r.series[of(row)].counts[step_of(row)];
                  return std::isnan(v) ? Cell() : Cell(static_cast<std::int64_t>(v));
              });
    t.text("data", "'counted', or 'no data' with each month lacking and why: no input, outside --months, or no police.uk file of an input the series counts (police_uk_files_missing in the run report)",
           [&r, of, step_of](std::size_t row) -> Cell {
               const std::vector<std::string>& why = r.group_month_why[r.series[of(row)].group];
               const MonthIndex first = r.step_starts[step_of(row)];
               std::vector<std::pair<std::string, std::string>> reasons;  // reason -> its months, in order of appearance
               for (std::size_t j = 0; j < r.step_months; ++j) {
                   const MonthIndex m = first + static_cast<MonthIndex>(j);
                   const std::string& w = why[static_cast<std::size_t>(m - r.first_month)];
                   if (w.empty()) continue;
                   auto at = std::find_if(reasons.begin(), reasons.end(), [&](const auto& p) { return p.first == w; });
                   if (at == reasons.end()) reasons.emplace_back(w, month_label(m));
                   else at->second += ", " + month_label(m);
               }
               if (reasons.empty()) return std::string("counted");
               std::string text = "no data:";
               for (const auto& [w, ms] : reasons) text += " " + ms + " (" + w + ");";
               text.pop_back();
               return text;
           });
    return t;
}

detail::PriorityTable tests_table(const TrendResult& r, std::size_t max_charts) {
    std::vector<std::string> chart(r.series.size());
    const std::vector<std::size_t> charted = charted_series(r, max_charts);
    for (std::size_t k = 0; k < charted.size(); ++k) chart[charted[k]] = trend_chart_name(k, "trend");
    const std::string step = trend_step_name(r.config.step), c = pct(r.config.confidence);
    detail::PriorityTable t;
    t.name = "trend_tests";
    t.description = "Mann-Kendall trend test and Sen's slope per series over " + span_words(r) + ", " + unit_words(r) +
                    "; periods without data left out";
    t.rows = r.series.size();
    series_columns(t, r, [](std::size_t row) { return row; });
    const auto mk = [&r](std::size_t row) -> const MannKendall& { return r.series[row].mk; };
    t.integer("periods", "Periods (" + step + "s) in the span", [&r](std::size_t) -> Cell { return static_cast<std::int64_t>(r.step_starts.size()); });
    t.integer("periods_tested", "n: periods with data, used in the test", [mk](std::size_t row) -> Cell { return static_cast<std::int64_t>(mk(row).n); });
    t.integer("periods_no_data", "Periods without data (NA), left out of the test", [&r](std::size_t row) -> Cell {
        return static_cast<std::int64_t>(r.series[row].missing_steps);
    });
    t.integer("incidents", "Incidents in the periods with data (" + r.selection_label + ")", [&r](std::size_t row) -> Cell {
        return static_cast<std::int64_t>(r.series[row].incidents);
    });
    t.real("mk_s", "Mann-Kendall S: sum of sign(x_j - x_i) over pairs of periods i < j", [mk](std::size_t row) -> Cell { return mk(row).s; });
    t.real("mk_var_s", "Var(S) with the tie correction [n(n-1)(2n+5) - sum t(t-1)(2t+5)] / 18", [mk](std::size_t row) -> Cell { return mk(row).var_s; });
    t.real("mk_z", "Z = (S - sgn S) / sqrt(Var S); 0 when S = 0", [mk](std::size_t row) -> Cell { return mk(row).z; });
    t.real("mk_p", "Two-sided p of Z (normal approximation), not adjusted for the " + std::to_string(r.series.size()) + " series tested",
           [mk](std::size_t row) -> Cell { return mk(row).p; });
    t.real("kendall_tau_b", "Kendall's tau-b between the counts and time (as R's cor.test method = kendall); empty when every count is equal",
           [mk](std::size_t row) -> Cell { return real_or_null(mk(row).tau_b); });
    t.real("sen_slope", "Sen's slope: median of the pairwise slopes, incidents per " + step + " per " + step,
           [mk](std::size_t row) -> Cell { return real_or_null(mk(row).sen_slope); });
    t.real("sen_lower_" + c, c + " % confidence interval of Sen's slope, lower (Gilbert 1987 rank method as R trend::sens.slope, ranks rounded), incidents per " + step + " per " + step + "; empty: too few periods",
           [mk](std::size_t row) -> Cell { return real_or_null(mk(row).sen_lower); });
    t.real("sen_upper_" + c, c + " % confidence interval of Sen's slope, upper, incidents per " + step + " per " + step,
           [mk](std::size_t row) -> Cell { return real_or_null(mk(row).sen_upper); });
    t.real("sen_intercept", "Intercept of the Sen line at period 0 (the first): median(count) - slope x median(period number), incidents per " + step,
           [mk](std::size_t row) -> Cell { return real_or_null(mk(row).sen_intercept); });
    t.text("direction", "rising / falling (Mann-Kendall two-sided p < " + format_plain(r.config.alpha) + ") or no significant trend",
           [&r](std::size_t row) -> Cell { return r.series[row].direction; });
    t.text("direction_fdr", "The direction after Benjamini-Hochberg false discovery rate control at " + format_plain(r.config.alpha) + " over the " +
                                std::to_string(r.series_tested) + " series tested (p <= " +
                                (r.fdr_cutoff < 0 ? std::string("none") : format_fixed(r.fdr_cutoff, 6)) + ")",
           [&r](std::size_t row) -> Cell { return r.series[row].direction_fdr; });
    t.text("seasonal_peak_months", "Calendar months significantly above average (index > 1, one-sided t-test of the yearly ratios p < 0.05); see trend_seasonal",
           [&r](std::size_t row) -> Cell {
               const auto& s = r.series[row].seasonal;
               if (!s) return "no seasonal index: " + r.series[row].seasonal_note;
               std::string names;
               for (std::size_t m = 0; m < 12; ++m)
                   if (s->above[m]) names += (names.empty() ? "" : ", ") + month_short_name(month_index(2000, static_cast<int>(m) + 1));
               return names.empty() ? std::string("none") : names;
           });
    t.text("chart", "The series' charts (trend_NNN.svg and seasonal_NNN.svg, NNN = its rank by incidents) when --charts drew it; empty: not charted",
           [chart](std::size_t row) -> Cell { return detail::cell_text(chart[row]); });
    return t;
}

detail::PriorityTable seasonal_table(const TrendResult& r) {
    std::vector<std::size_t> with;  // series with an index
    for (std::size_t s = 0; s < r.series.size(); ++s)
        if (r.series[s].seasonal) with.push_back(s);
    detail::PriorityTable t;
    t.name = "trend_seasonal";
    t.description = "Seasonal index per calendar month from the monthly counts " + month_range_label(r.first_month, r.last_month) + " (" +
                    r.selection_label + "): ratio to the centred 12-month moving average, averaged over years, normalised to sum 12";
    t.rows = with.size() * 12;
    const auto of = [with](std::size_t row) { return with[row / 12]; };
    series_columns(t, r, of);
    const auto month = [](std::size_t row) { return row % 12; };
    const auto si = [&r, of](std::size_t row) -> const SeasonalIndex& { return *r.series[of(row)].seasonal; };
    t.integer("month", "Calendar month, 1 = January", [month](std::size_t row) -> Cell { return static_cast<std::int64_t>(month(row) + 1); });
    t.text("month_name", "Calendar month", [month](std::size_t row) -> Cell { return month_short_name(month_index(2000, static_cast<int>(month(row)) + 1)); });
    t.real("seasonal_index", "Incidents in this calendar month relative to the centred 12-month moving average, averaged over years; 1 = an average month, the 12 sum to 12",
           [si, month](std::size_t row) -> Cell { return si(row).index[month(row)]; });
    t.integer("years", "Yearly ratios averaged (months with a centred moving average and data)",
              [si, month](std::size_t row) -> Cell { return static_cast<std::int64_t>(si(row).ratios[month(row)]); });
    t.real("p_above", "One-sided p of a one-sample t-test that the normalised yearly ratios exceed 1; empty with fewer than 2 ratios or equal ratios",
           [si, month](std::size_t row) -> Cell { return real_or_null(si(row).t_p[month(row)]); });
    t.integer("above_average", "1: significantly above average (index > 1 and p_above < 0.05)",
              [si, month](std::size_t row) -> Cell { return std::int64_t{si(row).above[month(row)] ? 1 : 0}; });
    return t;
}

std::string in_dir(const std::string& dir, const std::string& name) { return (std::filesystem::path(dir) / name).string(); }

}  // namespace

std::string trend_series_label(const TrendSeries& s) {
    return s.area_code.empty() ? s.category : s.category + ", " + s.area_code + (s.area_name != s.area_code ? " (" + s.area_name + ")" : "");
}

std::string trend_chart_name(std::size_t s, const char* kind) {
    std::string id = std::to_string(s + 1);
    if (id.size() < 3) id.insert(0, 3 - id.size(), '0');
    return std::string(kind) + "_" + id + ".svg";
}

std::vector<std::size_t> charted_series(const TrendResult& r, std::size_t max_charts) {
    std::vector<std::size_t> order(r.series.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&r](std::size_t a, std::size_t b) { return r.series[a].incidents > r.series[b].incidents; });
    order.resize(std::min(order.size(), max_charts));
    return order;
}

void add_trend_report(const TrendResult& r, RunReport& rep) {
    rep.add("trend", "step", trend_step_name(r.config.step) + (r.config.step == TrendStep::financial_year ? " (April-March)" : ""));
    rep.add("trend", "span", span_words(r));
    std::string missing;
    for (MonthIndex m : r.missing_months) missing += (missing.empty() ? "" : ", ") + month_label(m);
    rep.add("trend", "months_without_data", missing.empty() ? "none" : missing + " (no input: NA, not zero; a period with any of them is NA and left out of the test)");
    if (!r.months_outside.empty())
        rep.add("trend", "months_outside_chosen", month_label(r.months_outside.front()) + ".." + month_label(r.months_outside.back()) + ": " +
                                                      std::to_string(r.months_outside.size()) + " months of whole steps outside --months (a step with any of them is NA)");
    if (!r.source_gaps.empty())
        rep.add("trend", "police_uk_files_missing", r.source_gaps + " (a month a police.uk input lacks is NA in every series that counts that input's rows: its total would miss them)");
    rep.add("trend", "selection", r.selection_label);
    const bool grouped = r.config.group != TrendGroup::total;
    rep.add("trend", "by", std::string(grouped ? to_string(r.config.group) : "") + (grouped && r.config.by_area ? "," : "") +
                               (r.config.by_area ? "area (layer " + r.config.areas_layer + ")" : "") + (!grouped && !r.config.by_area ? "total" : ""));
    if (r.config.group == TrendGroup::measure)
        for (const auto& m : r.config.measures) rep.add("trend", "measure." + m.name, describe_measure(m));
    for (const auto& a : r.where_accounts) rep.add("selection", "trend", a);
    for (const auto& w : r.warnings) rep.add("warning", "trend", w);
    if (r.config.first_month)
        rep.add("trend", "months_chosen", month_label(*r.config.first_month) + ".." + month_label(*r.config.last_month) + " (--months; " +
                                              std::to_string(r.rows_outside_months) + " selected rows dated outside them are in no series)");
    rep.add("trend", "rows", std::to_string(r.rows_total) + " accepted, " + std::to_string(r.rows_selected) + (r.config.group == TrendGroup::measure ? " counted by some measure" : " of the selected categories") +
                                 (r.config.first_month ? " inside --months" : "") +
                                 (r.config.by_area ? ", " + std::to_string(r.rows_outside_areas) + " of them in no area of layer " + r.config.areas_layer + " (in no series)" : ""));
    rep.add("trend", "counts", "each row counts 1 (harm and input weights are not applied to trend counts)");
    rep.add("trend", "series", std::to_string(r.series.size()));
    rep.add("trend", "test", "Mann-Kendall with the tie correction, two-sided at " + format_plain(r.config.alpha) +
                                 ", not adjusted for multiple series; Sen's slope with its " + pct(r.config.confidence) +
                                 " % interval by Gilbert's rank method (ranks rounded, as R trend::sens.slope)");
    rep.add("trend", "seasonal_index", "ratio to the centred 2x12 moving average, mean per calendar month, normalised to sum 12 (R decompose, "
                                       "multiplicative); needs >= 24 months; above average = index > 1 and one-sided t-test p < 0.05");
    std::size_t rising = 0, falling = 0;
    for (const TrendSeries& s : r.series) rising += s.direction == "rising", falling += s.direction == "falling";
    std::size_t rising_fdr = 0, falling_fdr = 0;
    for (const TrendSeries& s : r.series) rising_fdr += s.direction_fdr == "rising", falling_fdr += s.direction_fdr == "falling";
    rep.add("trend", "directions_fdr", std::to_string(rising_fdr) + " rising, " + std::to_string(falling_fdr) +
                                           " falling after Benjamini-Hochberg at " + format_plain(r.config.alpha) + " over " +
                                           std::to_string(r.series_tested) + " tested series");
    rep.add("trend", "directions", std::to_string(rising) + " rising, " + std::to_string(falling) + " falling, " +
                                       std::to_string(r.series.size() - rising - falling) + " neither (of " + std::to_string(r.series.size()) + ")");
}

void write_trend_geopackage(const TrendResult& r, const std::string& crs, const RunReport& report, const std::string& path, const std::string& target,
                            std::size_t max_charts) {
    detail::write_gpkg(path, target, crs, [&](GDALDataset& ds, const OGRSpatialReference&) {
        detail::write_table_layer(ds, series_table(r), nullptr);
        detail::write_table_layer(ds, tests_table(r, max_charts), nullptr);
        detail::write_table_layer(ds, seasonal_table(r), nullptr);
        std::vector<detail::ReportRow> rows;
        for (const auto& e : report.entries()) rows.push_back({e.section, e.key, e.value});
        detail::write_report_table(ds, rows, "Inputs, parameters, counters and version of this run");
    });
}

void claim_trend_files(OutputSet& outputs, const std::string& csv_dir, const std::string& chart_dir, std::size_t max_charts) {
    if (!csv_dir.empty())
        for (const char* name : {"trend_series.csv", "trend_tests.csv", "trend_seasonal.csv", "run_report.csv"})
            outputs.claim(in_dir(csv_dir, name), OutputKind::trend);
    if (!chart_dir.empty())
        for (std::size_t s = 0; s < max_charts; ++s)
            for (const char* kind : {"trend", "seasonal"}) outputs.claim(in_dir(chart_dir, trend_chart_name(s, kind)), OutputKind::trend);
}

void write_trend_files(const TrendResult& r, const RunReport& report, OutputSet& outputs, const std::string& csv_dir, const std::string& chart_dir,
                       std::size_t max_charts) {
    if (!csv_dir.empty()) {
        const auto write = [&](const char* name, const std::string& text) {
            const std::string p = in_dir(csv_dir, name);
            write_text_file(outputs.temporary(p), text, p);
        };
        write("trend_series.csv", detail::table_csv(series_table(r)));
        write("trend_tests.csv", detail::table_csv(tests_table(r, max_charts)));
        write("trend_seasonal.csv", detail::table_csv(seasonal_table(r)));
        write("run_report.csv", run_report_csv(report));
    }
    if (chart_dir.empty()) return;
    const std::vector<std::size_t> charted = charted_series(r, max_charts);
    for (std::size_t k = 0; k < max_charts; ++k) {
        const bool used = k < charted.size();
        const std::string t = in_dir(chart_dir, trend_chart_name(k, "trend")), s = in_dir(chart_dir, trend_chart_name(k, "seasonal"));
        if (!used) {
            outputs.release(t), outputs.release(s);
            continue;
        }
        write_text_file(outputs.temporary(t), trend_chart_svg(r, charted[k]), t);
        const std::string seasonal = seasonal_chart_svg(r, charted[k]);
        if (seasonal.empty()) outputs.release(s);
        else write_text_file(outputs.temporary(s), seasonal, s);
    }
}

}  // namespace hotspot
