#pragma once
// The evaluation workflow of `hotspot evaluate`: counted incidents -> square cells whose centre is
// inside the study area -> per-cell per-month counts (weighted: harm, when [harm] is set) ->
// rolling-origin back-test of the methods (decide/backtest).
#include "hotspot/decide/backtest.hpp"
#include "hotspot/workflow/pipeline.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hotspot {

struct EvaluateConfig {
    std::vector<std::string> categories;  // empty: all
    std::vector<BacktestMethod> methods;
    std::size_t fit_months = 12;
    std::optional<MonthIndex> window_first, window_last;  // test months; default: every month with k before it
    std::size_t test_length = 1;  // 1: each month is predicted; 3: each quarter (3 months from the window's first)
    std::vector<double> shares{0.01, 0.05};
    unsigned threads = 0;  // the run's --threads (0: all cores)
    double cell_m = 250;
    std::optional<double> origin_x, origin_y;  // the grid's north-west corner; default: the study area's, snapped out to the cell
    TieOrder ties = TieOrder::cell_order;
    bool harm = false;  // [harm] weighted the incidents (said in labels and the report)
};

struct EvaluateResult {
    BacktestData data;
    BacktestOptions options;
    BacktestResult backtest;
    MonthIndex first_month = 0;  // the month of data.counts[0] (first fit month)
    std::vector<MonthIndex> test_months;  // the first month of each test period
    std::size_t test_length = 1;          // months per test period
    double origin_x = 0, origin_y = 0;    // north-west corner
    std::size_t columns = 0, rows = 0;    // of the grid; cells are those whose centre is in the study area
    std::string origin_source;            // "given (--grid-origin)" or "study area extent snapped out to 250 m"
    std::string study_area;               // its description
    std::uint64_t rows_total = 0, rows_in_cells = 0, rows_outside_cells = 0, rows_outside_months = 0;
    double weight_in_cells = 0;           // sum of the counted rows' weights (== rows_in_cells unless weighted)
    bool weighted = false;                // some incident weight != 1 (harm or input weights)
    bool harm = false;                    // the weights are [harm]'s
    std::string incidents_label;          // "incidents (all categories, ...)" or "harm-weighted incidents (...)"
};

// Refuses (ConfigError, exit 2) no study area, a window with fewer than k fit months before it in
// the input, a month without input (no file and no row) inside the fit+test span, a grid origin
// east or south of the study area's corner.
EvaluateResult run_evaluate(const AnalysisResult& analysis, const EvaluateConfig& config);

// "2023-10" for a month, "2023-10..2023-12" for a longer test period.
std::string test_period_label(MonthIndex first, std::size_t months);
// "month" or "quarter" (3 months): what a test period is; "s" makes the plural.
std::string test_period_name(std::size_t months);

// "2023-10..2025-09" -> first and last test month; refused naming the value.
std::pair<MonthIndex, MonthIndex> parse_month_window(const std::string& text, const std::string& option = "--window");

}  // namespace hotspot
