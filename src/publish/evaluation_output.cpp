#include "hotspot/publish/evaluation_output.hpp"

#include "hotspot/base/periods.hpp"
#include "hotspot/base/text.hpp"
#include "hotspot/publish/output_set.hpp"
#include "publish/gpkg_writer.hpp"
#include "publish/record_table.hpp"

#include <cmath>
#include <filesystem>
#include <optional>

namespace hotspot {

std::string share_pct_label(double share) { return format_plain(std::round(share * 1e6) / 1e4); }

namespace {

using detail::num;
using detail::txt;
using Table = detail::RecordTable;

std::string period_words(const EvaluateResult& r) {
    const MonthIndex end = r.test_months.back() + static_cast<MonthIndex>(r.test_length) - 1;
    return "test " + test_period_name(r.test_length) + "s " + month_label(r.test_months.front()) + ".." + month_label(end) + " (" +
           std::to_string(r.test_months.size()) + " origins), each fitted on the " + std::to_string(r.options.fit_months) +
           " months before it";
}

Table summary_table(const EvaluateResult& r) {
    const std::string per = " over the " + std::to_string(r.test_months.size()) + " test months (origins where defined)";
    Table t{"evaluation_summary",
            "Back-test summary per method and share of cells flagged: " + period_words(r) + "; counts are " + r.incidents_label, {}, {}};
    t.columns = {{"method", OFTString, "Method as given (prev:MONTHS, kde:BANDWIDTH_M, gistar:BAND_M, composite:MONTHS)"},
                 {"share_pct", OFTReal, "Share of the study cells flagged, percent (k = floor(cells x share))"},
                 {"method_description", OFTString, "What the method scores, with units"},
                 {"cells", OFTInteger, "Study cells (centre inside the study area)"},
                 {"cells_flagged_mean", OFTReal, "Cells flagged, mean over the test months (fewer than k when fewer cells score > 0)"},
                 {"hit_rate_pct_mean", OFTReal, "Hit rate: percent of the test month's incidents in the flagged cells, mean" + per},
                 {"hit_rate_pct_median", OFTReal, "Hit rate, percent, median" + per},
                 {"pai_mean", OFTReal, "Predictive accuracy index (hit rate / flagged share of area), mean" + per},
                 {"pai_median", OFTReal, "PAI, median" + per},
                 {"pei_mean", OFTReal, "Predictive efficiency index n / n*(a) (n*: most test incidents any cells of that area held), mean" + per},
                 {"pei_median", OFTReal, "PEI, median" + per},
                 {"rri_levine_mean", OFTReal, "Levine recapture rate index (share of test incidents / share of fit-window incidents in the flagged cells), mean" + per},
                 {"rri_levine_median", OFTReal, "Levine RRI, median" + per},
                 {"origins_defined", OFTInteger, "Test months where PAI is defined (incidents > 0 and cells flagged)"},
                 {"origins_won", OFTInteger, "Test months where this method's PAI was strictly above every other method's"},
                 {"best_at_share", OFTString, "yes: highest mean PAI at this share"}};
    for (const BacktestSummary& s : r.backtest.summaries) {
        const BacktestMethod& m = r.options.methods[s.method];
        const BacktestVerdict& v = r.backtest.verdicts[s.share];
        const auto pct = [](const MeasureSummary& x, bool median) { return x.origins ? std::optional<double>((median ? x.median : x.mean) * 100) : std::nullopt; };
        const auto plain = [](const MeasureSummary& x, bool median) { return x.origins ? std::optional<double>(median ? x.median : x.mean) : std::nullopt; };
        t.rows.push_back({txt(m.name), num(r.options.shares[s.share] * 100), txt(m.description), num(static_cast<double>(r.data.x.size())),
                          num(s.mean_k), num(pct(s.hit_rate, false)), num(pct(s.hit_rate, true)), num(plain(s.pai, false)),
                          num(plain(s.pai, true)), num(plain(s.pei, false)), num(plain(s.pei, true)), num(plain(s.rri, false)),
                          num(plain(s.rri, true)), num(static_cast<double>(s.pai.origins)), num(static_cast<double>(s.origins_won)),
                          txt(v.best == s.method ? "yes" : "no")});
    }
    return t;
}

Table origins_table(const EvaluateResult& r) {
    Table t{"evaluation_origins", "Back-test per method, share and test month: " + period_words(r) + "; counts are " + r.incidents_label, {}, {}};
    t.columns = {{"method", OFTString, "Method as given"},
                 {"share_pct", OFTReal, "Share of the study cells flagged, percent"},
                 {"test_month", OFTString, "The month (YYYY-MM) or quarter (FIRST..LAST) predicted"},
                 {"fit_months", OFTString, "The months the scores came from (FIRST..LAST)"},
                 {"cells_requested", OFTInteger, "k = floor(cells x share)"},
                 {"cells_flagged", OFTInteger, "Cells flagged (fewer than k when fewer cells score > 0)"},
                 {"cells_scored", OFTInteger, "Cells with a score > 0"},
                 {"flagged_area_km2", OFTReal, "Area of the flagged cells, km2 (a)"},
                 {"study_area_km2", OFTReal, "Area of all study cells, km2 (A)"},
                 {"test_incidents_flagged", OFTReal, "n: the test month's incidents in the flagged cells"},
                 {"test_incidents", OFTReal, "N: the test month's incidents in the study cells"},
                 {"hit_rate_pct", OFTReal, "100 n / N, percent"},
                 {"pai", OFTReal, "PAI = (n / N) / (a / A)"},
                 {"pei", OFTReal, "PEI = n / n*(a), n*(a) the most test incidents cells of area a held (fractional knapsack)"},
                 {"pei_ptools", OFTReal, "PEI as R ptools: PAI / PAI of the k cells densest in test incidents"},
                 {"rri_levine", OFTReal, "Levine RRI = (n / N) / (n_fit / N_fit), fit-window incidents"},
                 {"rri_ptools", OFTReal, "ptools RRI: summed scores of the flagged cells / n (a calibration ratio)"},
                 {"fit_incidents_flagged", OFTReal, "n_fit: fit-window incidents in the flagged cells"},
                 {"fit_incidents", OFTReal, "N_fit: fit-window incidents in the study cells"},
                 {"cells_tied_at_cut", OFTInteger, "Cells whose score equals the last flagged cell's, when the cut splits them (else 0)"},
                 {"test_incidents_flagged_pessimistic", OFTReal, "n if the tied cells were taken fewest test incidents first"},
                 {"test_incidents_flagged_optimistic", OFTReal, "n if the tied cells were taken most test incidents first"}};
    for (const BacktestOrigin& o : r.backtest.origins) {
        const HotspotAccuracy& a = o.accuracy;
        const MonthIndex test = r.first_month + static_cast<MonthIndex>(o.test_month);
        const MonthIndex fit0 = test - static_cast<MonthIndex>(r.options.fit_months);
        const auto d = [](std::size_t v) { return num(static_cast<double>(v)); };
        t.rows.push_back({txt(r.options.methods[o.method].name), num(r.options.shares[o.share] * 100), txt(test_period_label(test, r.test_length)),
                          txt(month_range_label(fit0, test - 1)), d(a.k_requested), d(a.k), d(a.positive_scores), num(a.flagged_area / 1e6),
                          num(a.total_area / 1e6), num(a.hits), num(a.incidents),
                          num(a.hit_rate ? std::optional<double>(*a.hit_rate * 100) : std::nullopt), num(a.pai), num(a.pei),
                          num(a.pei_ptools), num(a.rri), num(a.rri_ptools), num(a.fit_hits), num(a.fit_incidents), d(a.tied_at_cut),
                          num(a.hits_pessimistic), num(a.hits_optimistic)});
    }
    return t;
}

std::string in_dir(const std::string& dir, const std::string& name) { return (std::filesystem::path(dir) / name).string(); }
std::string chart_name(double share) { return "evaluation_pai_" + share_pct_label(share) + "pct.svg"; }

}  // namespace

void add_evaluation_report(const EvaluateResult& r, RunReport& rep) {
    rep.add("evaluate", "study_area", r.study_area);
    rep.add("evaluate", "grid", format_plain(r.data.cell_m) + " m square cells, north-west corner " + format_plain(r.origin_x) + ", " +
                                    format_plain(r.origin_y) + " (" + r.origin_source + "), " + std::to_string(r.columns) + " x " +
                                    std::to_string(r.rows));
    rep.add("evaluate", "cells", std::to_string(r.data.x.size()) + " (cell centre inside the study area), " +
                                     format_fixed(static_cast<double>(r.data.x.size()) * r.data.cell_m * r.data.cell_m / 1e6, 4) + " km2");
    rep.add("evaluate", "rows", std::to_string(r.rows_total) + " of the chosen categories: " + std::to_string(r.rows_in_cells) +
                                    " in a study cell in the fit and test months (a row counts in its cell even outside the study area's polygons), " +
                                    std::to_string(r.rows_outside_cells) + " outside every study cell (they still feed the kernel methods), " +
                                    std::to_string(r.rows_outside_months) + " dated outside the fit and test months");
    rep.add("evaluate", "counts", r.weighted || r.harm ? std::string(r.harm ? "harm-weighted ([harm] table): " : "weighted (the inputs' weights): ") + "each row counts its weight; " +
                                                   format_fixed(r.weight_in_cells, 2) + " in study cells"
                                             : "each row counts 1 (no harm or input weights)");
    rep.add("evaluate", "window", period_words(r));
    rep.add("evaluate", "test_step", "month");
    std::string shares;
    for (double s : r.options.shares) shares += (shares.empty() ? "" : ", ") + share_pct_label(s) + " %";
    rep.add("evaluate", "shares", shares + " of the study cells flagged, k = floor(cells x share), ranked by score per km2");
    for (const BacktestMethod& m : r.options.methods) rep.add("evaluate", "method " + m.name, m.description);
    rep.add("evaluate", "tie_rule", std::string(to_string(r.options.ties)) +
                                        " (cells with equal scores by cell order, row-major from the north-west; the range over tie orders is in evaluation_origins)");
    rep.add("evaluate", "zero_scores", "cells scoring <= 0 are never flagged (fewer than k flagged then)");
    rep.add("evaluate", "rri", "rri_levine = Levine (2008) recapture rate index (n / N) / (n_fit / N_fit) over the fit window; "
                               "rri_ptools = R ptools' RRI (summed scores / n)");
    rep.add("evaluate", "pei", "n / n*(a), n*(a) by fractional knapsack (<= 1); pei_ptools = ptools' definition (same number of cells)");
    for (const BacktestVerdict& v : r.backtest.verdicts) {
        const std::string share = share_pct_label(r.options.shares[v.share]) + "pct";
        const BacktestSummary& b = r.backtest.summaries[*v.best * r.options.shares.size() + v.share];
        std::string text = r.options.methods[*v.best].name + ", mean PAI " + format_fixed(b.pai.mean, 4);
        if (v.runner_up)
            text += ", " + format_fixed(v.margin_pai, 4) + " above " + r.options.methods[*v.runner_up].name + "; better than it in " +
                    std::to_string(v.best_beat_runner_up) + " of " + std::to_string(r.test_months.size()) + " test months, best of all in " +
                    std::to_string(v.origins_won);
        rep.add("evaluate", "best_at_" + share, text);
    }
}

void write_evaluation_geopackage(const EvaluateResult& r, const std::string& crs, const RunReport& report, const std::string& path,
                                 const std::string& target) {
    detail::write_gpkg(path, target, crs, [&](GDALDataset& ds, const OGRSpatialReference&) {
        detail::write_table_layer(ds, summary_table(r));
        detail::write_table_layer(ds, origins_table(r));
        std::vector<detail::ReportRow> rows;
        for (const auto& e : report.entries()) rows.push_back({e.section, e.key, e.value});
        detail::write_report_table(ds, rows, "Inputs, parameters, counters and version of this run");
    });
}

void claim_evaluation_files(OutputSet& outputs, const EvaluateConfig& c, const std::string& csv_dir, const std::string& chart_dir) {
    if (!csv_dir.empty())
        for (const char* name : {"evaluation_summary.csv", "evaluation_origins.csv"}) outputs.claim(in_dir(csv_dir, name), OutputKind::evaluation);
    if (!chart_dir.empty())
        for (double s : c.shares) outputs.claim(in_dir(chart_dir, chart_name(s)), OutputKind::evaluation);
}

void write_evaluation_files(const EvaluateResult& r, OutputSet& outputs, const std::string& csv_dir, const std::string& chart_dir) {
    if (!csv_dir.empty()) {
        const std::string s = in_dir(csv_dir, "evaluation_summary.csv"), o = in_dir(csv_dir, "evaluation_origins.csv");
        write_text_file(outputs.temporary(s), detail::csv_text(summary_table(r)), s);
        write_text_file(outputs.temporary(o), detail::csv_text(origins_table(r)), o);
    }
    if (!chart_dir.empty())
        for (std::size_t si = 0; si < r.options.shares.size(); ++si) {
            const std::string p = in_dir(chart_dir, chart_name(r.options.shares[si]));
            write_text_file(outputs.temporary(p), evaluation_chart_svg(r, si), p);
        }
}

}  // namespace hotspot
