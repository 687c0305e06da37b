#pragma once
// Rolling-origin back-test of hotspot maps (issue 12, "Evaluation"; METHODS.md): for every test
// month t, each method scores every cell from the fit window t-k..t-1 only (never month t), then
// hotspot_accuracy flags the top floor(cells x share) cells and measures them against month t.
//   prev:K    sum of the previous K months' counts (K <= k)
//   kde:H     quartic kernel (1 - d^2/H^2)^2 of bandwidth H metres, summed over the fit window's
//             points within H of the cell centre (KDE is linear: one surface per month, summed)
//   gistar:D  Getis-Ord Gi* z of the fit-window counts, distance band D metres between cell
//             centres (binary weights, self included); z <= 0 or undefined is never flagged
//   composite:K the composite of the sources (inputs): each source's incidents in the previous K
//             months scaled by its busiest cell to 0..1 (min-max over the fixed range [0, max]),
//             averaged with equal weights (ArcGIS's meanScaled with a range from 0); needs >= 2 sources
// Levine's RRI always uses the fit window's counts (k months) as n_fit / N_fit.
#include "hotspot/decide/hotspot_accuracy.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hotspot {

enum class BacktestMethodKind { previous, kde, gistar, composite };

struct BacktestMethod {
    BacktestMethodKind kind = BacktestMethodKind::previous;
    double parameter = 12;  // months (previous, composite), bandwidth m (kde), band m (gistar)
    std::string name;       // as given: "prev:12", "kde:250", "gistar:500", "composite:12"
    std::string description;  // in words, with units
};

// "prev:12", "kde:250", "gistar:500", "composite:12"; anything else is a ConfigError naming the value.
BacktestMethod parse_backtest_method(const std::string& text);
std::vector<BacktestMethod> parse_backtest_methods(const std::string& comma_list);

// The study cells and what happened in them, month by month.
struct BacktestData {
    std::vector<std::vector<double>> counts;  // [month][cell]: incidents (or weighted incidents)
    std::vector<double> area;                 // per cell, m^2
    std::vector<double> x, y;                 // cell centres, metres
    double cell_m = 0;                        // > 0: the centres lie on a lattice of this spacing (kernel speed-up)
    // Points for the kernel methods (may lie outside the cells): metres, month index into
    // counts, weight. Empty when no kde method is asked for.
    std::vector<double> px, py, pw;
    std::vector<std::uint32_t> pmonth;
    // The same incidents split by source, for composite methods: [source][month][cell]; the
    // sources' counts add up to `counts`. Empty when no composite method is asked for.
    std::vector<std::vector<std::vector<double>>> source_counts;
    std::vector<std::string> source_names;
};

struct BacktestOptions {
    std::vector<BacktestMethod> methods;
    std::size_t fit_months = 12;                 // k
    std::size_t first_test = 12, last_test = 0;  // month indices into counts (inclusive)
    // Months per test period: 1 (each month predicted) or 3 (quarters of 3 months from
    // first_test). Origins step by it; last_test - first_test + 1 must be a multiple of it.
    std::size_t test_length = 1;
    std::vector<double> shares{0.01, 0.05};
    TieOrder ties = TieOrder::cell_order;
    unsigned threads = 0;                        // test months measured in parallel (0: all cores); same result
};

struct BacktestOrigin {
    std::size_t method = 0, share = 0, test_month = 0;  // indices into options / counts (test_month: the period's first)
    HotspotAccuracy accuracy;                           // its `flagged` list is dropped
};

// Over the origins where the measure is defined (`origins` of them).
struct MeasureSummary {
    double mean = 0, median = 0;
    std::size_t origins = 0;
};

struct BacktestSummary {
    std::size_t method = 0, share = 0;
    MeasureSummary hit_rate, pai, pei, rri;
    double mean_k = 0;
    std::size_t origins_won = 0;  // origins where its PAI is strictly above every other method's
};

// The best method at one share by mean PAI, against the runner-up.
struct BacktestVerdict {
    std::size_t share = 0;
    std::optional<std::size_t> best, runner_up;  // method indices (no runner-up with one method)
    double margin_pai = 0;                       // best mean PAI - runner-up mean PAI
    std::size_t best_beat_runner_up = 0;         // origins where best's PAI > runner-up's (paired)
    std::size_t runner_up_beat_best = 0, paired_ties = 0;
    std::size_t origins_won = 0;                 // origins where best beat every other method
};

struct BacktestResult {
    std::vector<BacktestOrigin> origins;  // method-major, then share, then test month
    std::vector<BacktestSummary> summaries;  // method-major, then share
    std::vector<BacktestVerdict> verdicts;   // one per share
    std::size_t tied_origins = 0;            // (share, month) pairs with no single best PAI
};

// Refuses (InputError / ConfigError) counts of uneven length, a test month with fewer than k
// months before it, K > k for prev:K, shares outside (0, 1], no methods.
BacktestResult run_backtest(const BacktestData& data, const BacktestOptions& options);

// One kernel surface per month: cell c of month m sums w (1 - d^2/h^2)^2 over the points of
// month m within h (d <= h) of its centre. Cells must be centres of a regular grid of spacing
// `cell` (only the points' neighbourhood is visited); `cell` <= 0 visits every cell.
std::vector<std::vector<double>> monthly_quartic_surfaces(const BacktestData& data, double bandwidth_m, double cell_m);

// The scores of one method at one test month (t >= k), from months t-k..t-1 only.
// `kde` is the method's monthly surfaces (unused for the other kinds).
// composite:K scores a source whose window is empty (busiest cell 0) as 0 everywhere.
std::vector<double> backtest_scores(const BacktestData& data, const BacktestMethod& m, std::size_t fit_months, std::size_t t,
                                    const std::vector<std::vector<double>>& kde);

}  // namespace hotspot
