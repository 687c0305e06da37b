#pragma once
// The maximal covering location problem solved exactly with COIN-OR CBC (EPL-1.0) through its
// C API; src/decide/mclp_exact.cpp is the only file that includes coin/Cbc_C_Interface.h.
//   max sum_i a_i X_i  s.t.  sum_{j covers i} Y_j >= X_i,  sum_j Y_j = p,  Y_j in {0,1},  0 <= X_i <= 1.
// X is continuous: with Y integral the best X_i is min(1, sum Y) anyway, and fewer integers
// make CBC faster. Fixed sites have Y_j = 1. For a redeployment, "at most k of the existing
// sites move" is sum_{j in existing} Y_j >= |existing| - k.
#include "hotspot/decide/coverage_model.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace hotspot {

enum class PlacementStatus {
    optimal,      // proven optimal (CBC)
    gap_reached,  // stopped within the allowed relative gap (CBC)
    time_limit,   // stopped at the time limit: best solution found and CBC's bound
    greedy_only,  // greedy solution with its own bounds, CBC not asked
    infeasible,   // no solution satisfies the constraints
};
const char* status_name(PlacementStatus status);

struct ExactRequest {
    std::size_t total_sites = 0;              // p, fixed sites included
    std::vector<std::uint32_t> fixed;         // Y_j = 1
    std::vector<std::uint32_t> existing;      // redeployment: sites in place now
    std::size_t max_moves = std::numeric_limits<std::size_t>::max();  // of the existing sites, at most this many move
    std::vector<std::uint32_t> start;         // a feasible solution given to CBC as MIP start (may be empty)
    double time_limit_s = 60.0;
    double relative_gap = 0.0;                // stop when (bound - best) / bound <= this
};

struct ExactResult {
    PlacementStatus status = PlacementStatus::infeasible;
    std::vector<std::uint32_t> sites;  // ascending
    double objective = 0.0;            // recomputed from the coverage lists (not CBC's float)
    double bound = 0.0;                // CBC's best possible objective (= objective when optimal)
    double seconds = 0.0;
    int nodes = 0;
};

ExactResult mclp_exact(const CoverageModel& model, const ExactRequest& request);

// The LP relaxation (Y and X in [0, 1]) and a solution rounded from it: the sites at Y = 1 are
// kept and every way of adding the rest from the fractional ones is tried when there are at most
// 100,000 ways (else greedy completes them). The LP optimum bounds the MCLP optimum, so
// (bound - objective) / bound is a proven gap; on large instances it is often below 0.5 % in a
// fraction of branch-and-cut's time (docs/decisions.md). Not used with separation rows or a
// redeployment row (the rounding would ignore them): then solved = false.
struct LpRounding {
    bool solved = false;
    double bound = 0.0;                 // the LP optimum
    std::vector<std::uint32_t> sites;   // ascending
    double objective = 0.0;             // recomputed from the coverage lists
    std::size_t lp_ones = 0, lp_fractional = 0;
    bool enumerated = false;            // false: greedy completed the LP's whole sites
    double seconds = 0.0;
};
LpRounding mclp_lp_rounding(const CoverageModel& model, const ExactRequest& request);

std::string cbc_version();

}  // namespace hotspot
