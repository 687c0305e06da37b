#pragma once
// Lazy greedy for the maximal covering location problem: add, p times, the candidate with the
// largest marginal gain (weight newly covered), ties to the lowest candidate index. Coverage is
// submodular, so greedy G satisfies G - F >= (1 - 1/e)(OPT - F) (Nemhauser, Wolsey & Fisher 1978;
// F = what the fixed sites cover), and for every partial solution S_t,
// OPT <= f(S_t) + the sum of the p largest marginal gains at S_t (Minoux 1978), usually much tighter.
#include "hotspot/decide/coverage_model.hpp"

#include <cstdint>
#include <vector>

namespace hotspot {

inline constexpr std::int64_t no_candidate = -1;

struct GreedyStep {
    std::uint32_t site = 0;
    double gain = 0.0;        // weight newly covered by this site
    double cumulative = 0.0;  // weight covered after it (fixed sites included)
    std::int64_t runner_up = no_candidate;  // the best other candidate at this step (no_candidate if none)
    double runner_up_gain = 0.0;
};

struct GreedyResult {
    double fixed_weight = 0.0;      // covered by the fixed sites alone
    std::vector<GreedyStep> steps;  // the new sites in the order chosen
    double objective = 0.0;         // weight covered by fixed + new sites
    bool complete = true;           // false: the separation left fewer candidates than sites asked for
    double bound_e = 0.0;           // OPT <= F + (G - F) / (1 - 1/e); +inf with a separation (it does not hold)
    double bound_minoux = 0.0;      // OPT <= min_t f(S_t) + top-p gains at S_t
    double bound() const { return bound_minoux < bound_e ? bound_minoux : bound_e; }
    std::vector<std::uint32_t> sites() const;  // new sites, in the order chosen
};

// Adds new_sites candidates to the fixed ones (which stay, and are not chosen again). The caller
// checks that enough candidates exist (ConfigError otherwise, naming the numbers). With
// model.too_close, a candidate closer than the separation to a chosen or fixed site is skipped.
GreedyResult mclp_greedy(const CoverageModel& model, std::size_t new_sites, const std::vector<std::uint32_t>& fixed = {});

}  // namespace hotspot
