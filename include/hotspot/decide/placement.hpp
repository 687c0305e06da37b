#pragma once
// Camera / patrol placement: the maximal covering location problem with existing sites counted
// within p (spopt's "predefined facilities") or on top of p new ones, solved by CBC with the
// lazy-greedy solution as MIP start (or greedy alone), and explained site by site. Also the
// redeployment curve: moving at most k of the existing sites, k = 0..K.
#include "hotspot/decide/coverage_model.hpp"
#include "hotspot/decide/mclp_exact.hpp"
#include "hotspot/decide/mclp_greedy.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace hotspot {

enum class PlacementSolver { cbc, greedy };
enum class ExistingMode {
    within,  // the existing sites are part of the p sites (spopt): p - E new ones
    on_top,  // p new sites are added to the E existing ones (p + E in all)
};

struct PlacementOptions {
    std::size_t count = 0;                   // p
    std::vector<std::uint32_t> existing;     // candidate indices of sites already in place (kept)
    ExistingMode existing_mode = ExistingMode::within;
    PlacementSolver solver = PlacementSolver::cbc;
    double time_limit_s = 60.0;
    double relative_gap = 0.0;
};

// One chosen site in explanation order: the chosen set re-ordered greedily (existing sites first).
struct SiteExplanation {
    std::uint32_t site = 0;
    bool existing = false;
    double gain = 0.0;                         // weight it adds after the sites before it
    double cumulative = 0.0;
    std::int64_t next_best = no_candidate;     // best candidate outside the solution at this step
    double next_best_gain = 0.0;
    double loss_if_removed = 0.0;              // objective - objective without this site
};

struct PlacementResult {
    PlacementStatus status = PlacementStatus::infeasible;
    std::string solver;                        // "CBC 2.10.8" or "greedy"
    std::vector<std::uint32_t> sites;          // ascending, existing included
    std::vector<SiteExplanation> explanation;
    double objective = 0.0;                    // covered weight
    double bound = 0.0;                        // proven upper bound of the optimum
    std::string bound_source;                  // "optimal", "optimal (LP bound reached)", "lp", "cbc", "minoux", "1-1/e"
    double gap = 0.0;                          // (bound - objective) / bound, 0 when bound is 0
    double total_weight = 0.0;
    std::size_t demand_points = 0;
    std::size_t covered_points = 0;            // demand points covered (unweighted: spopt's perc_cov)
    double covered_weight_pct = 0.0;           // 100 * objective / total_weight
    double covered_points_pct = 0.0;           // 100 * (1 - uncovered / demand_points)
    GreedyResult greedy;
    std::string method;                        // how CBC got there: "LP relaxation (...), then branch-and-cut"
    double lp_bound = 0.0, lp_rounding = 0.0, lp_seconds = 0.0;  // 0 when the LP stage did not run
    double seconds = 0.0;
    int nodes = 0;
};

// Refuses (ConfigError) p = 0, p > candidates, existing sites that repeat or are not candidates,
// and (within) more existing sites than p.
PlacementResult place_sites(const CoverageModel& model, const PlacementOptions& options);

struct RedeployStep {
    std::size_t max_moves = 0;                 // k
    double objective = 0.0;
    double gain = 0.0;                         // over k - 1 (over the existing sites for k = 0: 0)
    std::vector<std::uint32_t> moved_from;     // existing sites given up, ascending
    std::vector<std::uint32_t> moved_to;       // new sites taken, ascending
    PlacementStatus status = PlacementStatus::infeasible;
};

// Moving at most k of the existing sites (their number stays the same), for k = 0..max_moves,
// solved exactly by CBC (options.time_limit_s and relative_gap apply to each k). Sites move only
// for a strict gain: with ties the previous k's sites stay.
std::vector<RedeployStep> redeploy_curve(const CoverageModel& model, const std::vector<std::uint32_t>& existing,
                                         std::size_t max_moves, const PlacementOptions& options);

}  // namespace hotspot
