// The evaluation workflow on the embedded city with the planted harm table: every row accounted
// for (in a study cell, outside every cell, outside the fit and test months), the per-cell
// per-month weighted counts of a sample of cells recomputed by scanning every row against the
// cell's bounds, the default grid corner, and the refusal of a corner inside the study area.
#include "hotspot/base/errors.hpp"
#include "hotspot/workflow/evaluate_workflow.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace hotspot;

TEST_CASE("evaluate on the embedded city: rows accounted for, harm-weighted counts by brute force", "[evaluate]") {
    AnalysisConfig c = load_config_file(std::string(HOTSPOT_GEODATA) + "/hotspot.ini");
    c.output = OutputOptions{};
    c.outside_study_area = OutsideStudyArea::keep;
    apply_setting(c, "harm.table", std::string(HOTSPOT_GEODATA) + "/../tests/data/harm/planted_policeuk.csv", "");
    apply_setting(c, "harm.missing", "one", "");  // the city's fly-tipping source
    const AnalysisResult a = run_analysis(c, AnalysisScope::join, [](const std::string&, double) {});
    EvaluateConfig e;
    e.methods = parse_backtest_methods("prev:12,kde:250");
    e.harm = true;
    e.window_first = month_index(2023, 6), e.window_last = month_index(2024, 5);
    const EvaluateResult r = run_evaluate(a, e);

    CHECK(r.rows_total == a.incidents.size());
    CHECK(r.rows_in_cells + r.rows_outside_cells + r.rows_outside_months == r.rows_total);
    CHECK(r.rows_outside_months > 0);
    CHECK(r.first_month == month_index(2022, 6));
    CHECK(r.test_months.size() == 12);
    CHECK(r.weighted);
    CHECK(r.incidents_label.starts_with("harm-weighted incidents"));
    const Envelope& env = a.study_area.envelope;
    CHECK(r.origin_x == std::floor(env.min_x / 250) * 250);
    CHECK(r.origin_y == std::ceil(env.max_y / 250) * 250);

    double total = 0, rows_weight = 0;
    for (const auto& month : r.data.counts)
        for (double v : month) total += v;
    CHECK(total == Approx(r.weight_in_cells));
    for (std::size_t i = 0; i < a.incidents.size(); ++i) rows_weight += a.incidents.weight[i];
    CHECK(rows_weight != Approx(static_cast<double>(a.incidents.size())));  // the harm weights are in

    // Every 37th cell: its counts from a scan of every row (x in [west, east), y in (south, north]).
    std::size_t nonzero = 0;
    for (std::size_t cell = 0; cell < r.data.x.size(); cell += 37) {
        std::vector<double> brute(r.data.counts.size(), 0.0);
        for (std::size_t i = 0; i < a.incidents.size(); ++i) {
            const double x = a.incidents.x[i], y = a.incidents.y[i];
            const MonthIndex m = a.incidents.month[i] - r.first_month;
            if (m < 0 || m >= static_cast<MonthIndex>(brute.size())) continue;
            if (x >= r.data.x[cell] - 125 && x < r.data.x[cell] + 125 && y > r.data.y[cell] - 125 && y <= r.data.y[cell] + 125)
                brute[static_cast<std::size_t>(m)] += a.incidents.weight[i];
        }
        for (std::size_t m = 0; m < brute.size(); ++m) {
            CHECK(r.data.counts[m][cell] == Approx(brute[m]));
            nonzero += brute[m] > 0;
        }
    }
    CHECK(nonzero > 100);

    e.origin_x = env.min_x + 1, e.origin_y = env.max_y;  // west edge left without cells
    CHECK_THROWS_WITH(run_evaluate(a, e), Catch::Contains("east or south of the study area's north-west corner"));
}
