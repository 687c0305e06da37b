#pragma once
// How well a hotspot map predicted: flag the cells a method ranks highest, then count the
// test period's incidents that fell in them (issue 12, "Evaluation"; METHODS.md).
//   hit rate   n / N                         (n: test incidents in flagged cells, N: in all cells)
//   PAI        (n / N) / (a / A)             Chainey, Tompson & Uhlig (2008); a, A: flagged, total area
//   PEI        n / n*(a)                     Hunt (2016); n*(a): most test incidents any cells of
//              total area a could hold, as a fractional knapsack (cells by observed density,
//              the last one in part), so PEI <= 1 with unequal cells too; equal cells: the
//              top-k observed counts.
//   pei_ptools PAI / PAI of the k cells densest in observed incidents (R ptools::pai; can
//              exceed 1 with unequal cells, kept for parity)
//   rri        Levine (2008) recapture rate index: (n / N) / (n_fit / N_fit), the flagged
//              cells' share of test incidents over their share of fit-period incidents
//   rri_ptools ptools' "RRI": summed scores of the flagged cells / n (a calibration ratio,
//              meaningful only when the scores are predicted counts)
// PEI* (White, Hunt & Green 2023) is not computed: its definition could not be verified.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace hotspot {

// Order of cells whose score per unit area is equal. cell_order (the default) needs no look at
// the test data; pessimistic (fewest test incidents first: ptools' order) and optimistic
// (most first) bound what any tie order could give.
enum class TieOrder { cell_order, pessimistic, optimistic };

// One method's prediction and the outcome, per cell (all spans the same length).
struct AccuracyCells {
    std::span<const double> score;     // higher = more expected; <= 0 = not predicted (never flagged)
    std::span<const double> observed;  // test-period incidents (or harm-weighted incidents)
    std::span<const double> fitted;    // fit-period incidents, for Levine's RRI; may be empty
    std::span<const double> area;      // cell areas, any one unit (m^2), > 0
};

struct HotspotAccuracy {
    std::size_t cells = 0;
    std::size_t k_requested = 0;       // floor(cells x share), or the k asked for
    std::size_t k = 0;                 // cells flagged: fewer when fewer cells have a score > 0
    std::size_t positive_scores = 0;   // cells with a score > 0
    std::vector<std::uint32_t> flagged;  // cell indices, best ranked first
    double flagged_area = 0, total_area = 0;      // a, A (unit of AccuracyCells::area)
    double hits = 0, incidents = 0;               // n, N (test period)
    double fit_hits = 0, fit_incidents = 0;       // n_fit, N_fit (when fitted is given)
    double best_possible_hits = 0;                // n*(a), fractional knapsack
    // Undefined (nullopt) when a denominator is 0: no test incidents, nothing flagged, ...
    std::optional<double> hit_rate, pai, pei, pei_ptools, rri, rri_ptools;
    // Ties at the cut: the cells whose score per area equals the last flagged cell's, when
    // some of them are flagged and some not (0 otherwise), and n under the two extreme orders.
    std::size_t tied_at_cut = 0, tied_flagged = 0;
    double hits_pessimistic = 0, hits_optimistic = 0;
};

// What every method and share of one test period have in common, checked and prepared once
// (a back-test measures many methods against the same month): the observed, fit-period and
// area columns, their totals, and the cells with test incidents ordered by observed density
// (for n*(a) and ptools' PEI). The spans must outlive it. Refuses what AccuracyCells refuses.
struct AccuracyOutcome {
    AccuracyOutcome(std::span<const double> observed, std::span<const double> fitted, std::span<const double> area);
    std::span<const double> observed, fitted, area;
    double total_area = 0, incidents = 0, fit_incidents = 0;
    bool equal_areas = true;
    std::vector<std::uint32_t> with_incidents;  // observed > 0, by observed / area descending, equal ones by cell
};

// Flags k = floor(cells x share) cells (0 < share <= 1) ranked by score / area, descending.
// Refuses (InputError) spans of different lengths, no cells, non-finite scores, negative or
// non-finite counts, non-positive areas, naming the cell and value.
HotspotAccuracy hotspot_accuracy(const AccuracyCells& cells, double share, TieOrder ties = TieOrder::cell_order);
// The same with k given (0 <= k <= cells).
HotspotAccuracy hotspot_accuracy_at(const AccuracyCells& cells, std::size_t k, TieOrder ties = TieOrder::cell_order);
// The same against a prepared test period (one score per cell of it).
HotspotAccuracy hotspot_accuracy(std::span<const double> score, const AccuracyOutcome& outcome, double share,
                                 TieOrder ties = TieOrder::cell_order);
HotspotAccuracy hotspot_accuracy_at(std::span<const double> score, const AccuracyOutcome& outcome, std::size_t k,
                                    TieOrder ties = TieOrder::cell_order);

// n*(a): the most observed incidents cells of total area `area` can hold when the last cell
// may be taken in part (cells by observed / area, descending).
double best_possible_hits(std::span<const double> observed, std::span<const double> cell_area, double area);

const char* to_string(TieOrder t);

}  // namespace hotspot
