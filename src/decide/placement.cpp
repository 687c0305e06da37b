#include "hotspot/decide/placement.hpp"

#include "hotspot/base/errors.hpp"

#include <algorithm>
#include <string>

namespace hotspot {

namespace {

void check_existing(const CoverageModel& model, std::vector<std::uint32_t> existing) {
    std::sort(existing.begin(), existing.end());
    for (std::size_t k = 0; k < existing.size(); ++k) {
        if (existing[k] >= model.candidate_count())
            throw ConfigError("placement: existing site " + std::to_string(existing[k]) + " is not one of the " +
                              std::to_string(model.candidate_count()) + " candidates");
        if (k > 0 && existing[k] == existing[k - 1])
            throw ConfigError("placement: existing site " + std::to_string(existing[k]) + " is given twice");
    }
}

double weight_without(const CoverageModel& model, const std::vector<std::uint32_t>& sites, std::uint32_t removed) {
    std::vector<std::uint32_t> rest;
    for (std::uint32_t j : sites)
        if (j != removed) rest.push_back(j);
    return covered_by(model, rest).weight;
}

// Re-orders a solution greedily: existing sites first (in the order given), then the others by
// largest gain (ties to the lowest index); beside each, the best candidate outside the solution.
std::vector<SiteExplanation> explain(const CoverageModel& model, const std::vector<std::uint32_t>& sites,
                                     const std::vector<std::uint32_t>& existing, double objective) {
    std::vector<char> in_solution(model.candidate_count(), 0), placed(model.candidate_count(), 0);
    for (std::uint32_t j : sites) in_solution[j] = 1;
    std::vector<char> covered(model.demand_count(), 0);
    auto gain = [&](std::uint32_t j) {
        double g = 0.0;
        for (std::uint32_t i : model.covers[j])
            if (!covered[i]) g += model.demand_weight[i];
        return g;
    };
    std::vector<SiteExplanation> out;
    double cumulative = 0.0;
    for (std::size_t step = 0; step < sites.size(); ++step) {
        SiteExplanation e;
        double best = -1.0, outside = -1.0;
        for (std::uint32_t j = 0; j < model.candidate_count(); ++j) {
            if (placed[j]) continue;
            const double g = gain(j);
            if (in_solution[j]) {
                const bool is_existing = std::find(existing.begin(), existing.end(), j) != existing.end();
                const bool existing_left = step < existing.size();
                if (existing_left ? j == existing[step] : (!is_existing && g > best)) {
                    best = g;
                    e.site = j;
                    e.existing = is_existing;
                }
            } else if (g > outside) {
                outside = g;
                e.next_best = j;
                e.next_best_gain = g;
            }
        }
        e.gain = gain(e.site);
        placed[e.site] = 1;
        for (std::uint32_t i : model.covers[e.site])
            if (!covered[i]) {
                covered[i] = 1;
                cumulative += model.demand_weight[i];
            }
        e.cumulative = cumulative;
        e.loss_if_removed = objective - weight_without(model, sites, e.site);
        out.push_back(e);
    }
    return out;
}

void fill_totals(const CoverageModel& model, PlacementResult& r) {
    const CoverageTotals totals = covered_by(model, r.sites);
    r.objective = totals.weight;
    r.covered_points = totals.points;
    r.total_weight = model.total_weight();
    r.demand_points = model.demand_count();
    r.covered_weight_pct = r.total_weight > 0.0 ? 100.0 * r.objective / r.total_weight : 0.0;
    r.covered_points_pct = r.demand_points > 0
        ? (1.0 - static_cast<double>(r.demand_points - r.covered_points) / static_cast<double>(r.demand_points)) * 100.0
        : 0.0;
    r.gap = r.bound > 0.0 ? (r.bound - r.objective) / r.bound : 0.0;
}

}  // namespace

PlacementResult place_sites(const CoverageModel& model, const PlacementOptions& options) {
    const std::size_t existing = options.existing.size();
    check_existing(model, options.existing);
    if (options.count == 0) throw ConfigError("placement: the number of sites must be at least 1");
    const std::size_t total = options.existing_mode == ExistingMode::within ? options.count : options.count + existing;
    if (options.existing_mode == ExistingMode::within && existing > options.count)
        throw ConfigError("placement: " + std::to_string(existing) + " existing sites do not fit within p = " +
                          std::to_string(options.count) + " (use on-top to add new sites to them)");
    if (total > model.candidate_count())
        throw ConfigError("placement: p = " + std::to_string(total) + " but only " +
                          std::to_string(model.candidate_count()) + " candidates");

    PlacementResult r;
    r.greedy = mclp_greedy(model, total - existing, options.existing);
    r.sites = options.existing;
    for (std::uint32_t j : r.greedy.sites()) r.sites.push_back(j);
    if (!r.greedy.complete) {
        if (options.solver == PlacementSolver::greedy)
            throw ConfigError("placement: greedy placed only " + std::to_string(r.greedy.steps.size()) + " of " +
                              std::to_string(total - existing) + " new sites at the minimum separation; use the exact solver or a smaller separation");
        r.sites.clear();  // no MIP start: CBC searches from scratch
    }
    r.status = PlacementStatus::greedy_only;
    r.solver = "greedy";
    r.bound = r.greedy.bound();
    r.bound_source = r.greedy.bound_minoux <= r.greedy.bound_e ? "minoux" : "1-1/e";
    if (options.solver == PlacementSolver::cbc) {
        ExactRequest req;
        req.total_sites = total;
        req.fixed = options.existing;
        req.start = r.sites;
        req.time_limit_s = options.time_limit_s;
        req.relative_gap = options.relative_gap;
        r.solver = "CBC " + cbc_version();
        // The LP relaxation first: its bound may already prove the rounded or greedy solution
        // optimal or within the allowed gap, without branch-and-cut.
        const LpRounding lp = r.greedy.complete ? mclp_lp_rounding(model, req) : LpRounding{};
        if (lp.solved) {
            r.lp_bound = lp.bound;
            r.lp_rounding = lp.objective;
            r.lp_seconds = lp.seconds;
            r.method = lp.lp_fractional == 0 ? "LP relaxation, integral (" + std::to_string(lp.lp_ones) + " sites at 1)"
                                              : "LP relaxation (" + std::to_string(lp.lp_ones) + " sites at 1, " +
                                                    std::to_string(lp.lp_fractional) + " fractional), " +
                                                    (lp.enumerated ? "every rounding of the fractional ones tried" : "greedy completion");
            if (lp.objective > r.greedy.objective) req.start = lp.sites;
            const double best = std::max(lp.objective, r.greedy.objective);
            if (lp.bound < r.bound) r.bound = lp.bound, r.bound_source = "lp";
            const bool proven = best >= lp.bound - 1e-9 * std::max(1.0, std::abs(lp.bound));
            if (proven || (lp.bound - best) / lp.bound <= options.relative_gap) {
                if (lp.objective > r.greedy.objective) r.sites = lp.sites;
                r.status = proven ? PlacementStatus::optimal : PlacementStatus::gap_reached;
                if (proven) r.bound = best, r.bound_source = "optimal (LP bound reached)";
                r.seconds = lp.seconds;
                std::sort(r.sites.begin(), r.sites.end());
                fill_totals(model, r);
                r.explanation = explain(model, r.sites, options.existing, r.objective);
                return r;
            }
            r.method += ", then branch-and-cut";
        } else {
            r.method = "branch-and-cut";
        }
        const ExactResult exact = mclp_exact(model, req);
        r.seconds = lp.seconds + exact.seconds;
        r.nodes = exact.nodes;
        if (exact.status == PlacementStatus::infeasible) {
            r.status = exact.status;
            r.sites.clear();
            r.explanation.clear();
            fill_totals(model, r);
            return r;
        }
        if (!r.greedy.complete || exact.objective >= covered_by(model, req.start).weight) r.sites = exact.sites;  // CBC never does worse than its start
        else r.sites = req.start;
        r.status = exact.status;
        if (exact.status == PlacementStatus::optimal) {
            r.bound = covered_by(model, r.sites).weight;
            r.bound_source = "optimal";
        } else if (exact.bound < r.bound) {
            r.bound = exact.bound;
            r.bound_source = "cbc";
        }
    }
    std::sort(r.sites.begin(), r.sites.end());
    fill_totals(model, r);
    r.explanation = explain(model, r.sites, options.existing, r.objective);
    return r;
}

std::vector<RedeployStep> redeploy_curve(const CoverageModel& model, const std::vector<std::uint32_t>& existing,
                                         std::size_t max_moves, const PlacementOptions& options) {
    check_existing(model, existing);
    if (existing.empty()) throw ConfigError("placement: redeployment needs existing sites");
    if (max_moves > existing.size())
        throw ConfigError("placement: cannot move " + std::to_string(max_moves) + " of " + std::to_string(existing.size()) +
                          " existing sites");
    std::vector<RedeployStep> curve;
    std::vector<std::uint32_t> current = existing;
    std::sort(current.begin(), current.end());
    double previous = covered_by(model, current).weight;
    for (std::size_t k = 0; k <= max_moves; ++k) {
        ExactRequest req;
        req.total_sites = existing.size();
        req.existing = existing;
        req.max_moves = k;
        req.start = current;  // the best of k - 1 moves is feasible with k
        req.time_limit_s = options.time_limit_s;
        req.relative_gap = options.relative_gap;
        const ExactResult exact = mclp_exact(model, req);
        RedeployStep step;
        step.max_moves = k;
        step.status = exact.status;
        // Only a strict gain moves a site: an equally good solution is no reason to move a camera.
        if (exact.status != PlacementStatus::infeasible && exact.objective > previous) current = exact.sites;
        step.objective = covered_by(model, current).weight;
        step.gain = step.objective - previous;
        previous = step.objective;
        for (std::uint32_t j : existing)
            if (!std::binary_search(current.begin(), current.end(), j)) step.moved_from.push_back(j);
        for (std::uint32_t j : current)
            if (std::find(existing.begin(), existing.end(), j) == existing.end()) step.moved_to.push_back(j);
        std::sort(step.moved_from.begin(), step.moved_from.end());
        curve.push_back(step);
    }
    return curve;
}

}  // namespace hotspot
