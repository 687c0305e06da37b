#include "hotspot/decide/mclp_exact.hpp"

#include "hotspot/base/errors.hpp"
#include "hotspot/decide/mclp_greedy.hpp"

#include <coin/Cbc_C_Interface.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <memory>

namespace hotspot {

namespace {

struct ModelDeleter {
    void operator()(Cbc_Model* m) const { Cbc_deleteModel(m); }
};

// Compressed sparse columns: Y_j (one per candidate) then X_i (one per demand point that some
// candidate covers and that has weight > 0; the others cannot add to the objective).
struct Matrix {
    std::vector<CoinBigIndex> start{0};
    std::vector<int> index;
    std::vector<double> value, col_lower, col_upper, objective, row_lower, row_upper;
    bool separation_rows = false;
    void end_column(double lower, double upper, double obj) {
        start.push_back(static_cast<CoinBigIndex>(index.size()));
        col_lower.push_back(lower);
        col_upper.push_back(upper);
        objective.push_back(obj);
    }
};

Matrix build(const CoverageModel& model, const ExactRequest& req) {
    const std::size_t n_cand = model.candidate_count();
    std::vector<int> row_of(model.demand_count(), -1);
    int rows = 0;
    for (const auto& list : model.covers)
        for (std::uint32_t i : list)
            if (row_of[i] < 0 && model.demand_weight[i] > 0.0) row_of[i] = rows++;
    const int count_row = rows++;
    const bool redeploy = !req.existing.empty() && req.max_moves < req.existing.size();
    const int move_row = redeploy ? rows++ : -1;

    std::vector<char> is_fixed(n_cand, 0), is_existing(n_cand, 0);
    for (std::uint32_t j : req.fixed) is_fixed.at(j) = 1;
    for (std::uint32_t j : req.existing) is_existing.at(j) = 1;
    // Separation: Y_a + Y_b <= 1 for every pair closer than it (two sites already in place stay as they are).
    const int first_pair_row = rows;
    std::vector<std::vector<int>> pair_rows(n_cand);
    if (!model.too_close.empty())
        for (std::uint32_t a = 0; a < n_cand; ++a)
            for (std::uint32_t b : model.too_close[a])
                if (b > a && !(is_fixed[a] && is_fixed[b]) && !(is_existing[a] && is_existing[b])) {
                    pair_rows[a].push_back(rows);
                    pair_rows[b].push_back(rows++);
                }

    Matrix m;
    for (std::size_t j = 0; j < n_cand; ++j) {
        for (std::uint32_t i : model.covers[j])
            if (row_of[i] >= 0) {
                m.index.push_back(row_of[i]);
                m.value.push_back(1.0);
            }
        m.index.push_back(count_row);
        m.value.push_back(1.0);
        if (redeploy && is_existing[j]) {
            m.index.push_back(move_row);
            m.value.push_back(1.0);
        }
        for (int r : pair_rows[j]) {
            m.index.push_back(r);
            m.value.push_back(1.0);
        }
        m.end_column(is_fixed[j] ? 1.0 : 0.0, 1.0, 0.0);
    }
    for (std::size_t i = 0; i < model.demand_count(); ++i)
        if (row_of[i] >= 0) {
            m.index.push_back(row_of[i]);
            m.value.push_back(-1.0);
            m.end_column(0.0, 1.0, model.demand_weight[i]);
        }
    m.row_lower.assign(static_cast<std::size_t>(rows), 0.0);
    m.row_upper.assign(static_cast<std::size_t>(rows), std::numeric_limits<double>::max());
    m.row_lower[static_cast<std::size_t>(count_row)] = m.row_upper[static_cast<std::size_t>(count_row)] =
        static_cast<double>(req.total_sites);
    if (redeploy) m.row_lower[static_cast<std::size_t>(move_row)] = static_cast<double>(req.existing.size() - req.max_moves);
    m.separation_rows = first_pair_row < rows;
    for (int r = first_pair_row; r < rows; ++r) {
        m.row_lower[static_cast<std::size_t>(r)] = -std::numeric_limits<double>::max();
        m.row_upper[static_cast<std::size_t>(r)] = 1.0;
    }
    return m;
}

using CbcPtr = std::unique_ptr<Cbc_Model, ModelDeleter>;

CbcPtr load(const Matrix& m) {
    CbcPtr cbc(Cbc_newModel());
    Cbc_loadProblem(cbc.get(), static_cast<int>(m.col_lower.size()), static_cast<int>(m.row_lower.size()), m.start.data(), m.index.data(),
                    m.value.data(), m.col_lower.data(), m.col_upper.data(), m.objective.data(), m.row_lower.data(), m.row_upper.data());
    Cbc_setObjSense(cbc.get(), -1.0);  // maximise
    Cbc_setLogLevel(cbc.get(), 0);
    return cbc;
}

// Site sets of the LP-guided rounding larger than this are not enumerated (greedy completes them).
constexpr double max_rounding_sets = 100'000.0;

double choose(std::size_t n, std::size_t k) {
    double c = 1.0;
    for (std::size_t i = 0; i < k; ++i) c = c * static_cast<double>(n - i) / static_cast<double>(i + 1);
    return c;
}

// Every way to add `need` of `pool` to the sites in `current`, keeping the best by covered weight
// (ties: the first found). A set is scored by what its added sites cover beyond the base, with
// a stamp per demand point, so a set costs its own coverage lists, not a pass over all demand.
struct Enumeration {
    const CoverageModel& model;
    const std::vector<std::uint32_t>& pool;
    std::vector<char> base_covered;
    double base_weight = 0.0;
    std::vector<std::uint64_t> stamp;
    std::uint64_t sets = 0;
    std::vector<std::uint32_t> best;
    double best_weight = -1.0;

    void run(std::size_t need, std::vector<std::uint32_t>& current, std::size_t from, std::size_t added) {
        if (need == 0) {
            ++sets;
            double w = base_weight;
            for (std::size_t a = current.size() - added; a < current.size(); ++a)
                for (std::uint32_t i : model.covers[current[a]])
                    if (!base_covered[i] && stamp[i] != sets) stamp[i] = sets, w += model.demand_weight[i];
            if (w > best_weight) best_weight = w, best = current;
            return;
        }
        for (std::size_t k = from; k + need <= pool.size(); ++k) {
            current.push_back(pool[k]);
            run(need - 1, current, k + 1, added + 1);
            current.pop_back();
        }
    }
};

}  // namespace

LpRounding mclp_lp_rounding(const CoverageModel& model, const ExactRequest& req) {
    const auto started = std::chrono::steady_clock::now();
    LpRounding out;
    const Matrix m = build(model, req);
    if (m.separation_rows || (!req.existing.empty() && req.max_moves < req.existing.size())) return out;  // rounding ignores those rows
    CbcPtr lp = load(m);  // no integer columns: Cbc_solve solves the LP relaxation with Clp
    if (Cbc_solve(lp.get()) != 0 || !Cbc_isProvenOptimal(lp.get())) return out;
    out.solved = true;
    out.bound = Cbc_getObjValue(lp.get());
    const double* y = Cbc_getColSolution(lp.get());
    constexpr double eps = 1e-6;
    std::vector<std::uint32_t> ones, fractional;
    for (std::uint32_t j = 0; j < model.candidate_count(); ++j) {
        if (y[j] >= 1.0 - eps) ones.push_back(j);
        else if (y[j] > eps) fractional.push_back(j);
    }
    out.lp_ones = ones.size();
    out.lp_fractional = fractional.size();
    if (ones.size() > req.total_sites) ones.resize(req.total_sites);  // cannot happen with sum Y = p; kept safe
    const std::size_t need = req.total_sites - ones.size();
    if (need <= fractional.size() && choose(fractional.size(), need) <= max_rounding_sets) {
        Enumeration e{model, fractional, std::vector<char>(model.demand_count(), 0), 0.0, std::vector<std::uint64_t>(model.demand_count(), 0), 0, {},
                      -1.0};
        for (std::uint32_t j : ones)
            for (std::uint32_t i : model.covers[j]) e.base_covered[i] = 1;
        for (std::size_t i = 0; i < model.demand_count(); ++i)
            if (e.base_covered[i]) e.base_weight += model.demand_weight[i];
        std::vector<std::uint32_t> current = ones;
        e.run(need, current, 0, 0);
        out.sites = e.best;
        out.objective = covered_by(model, out.sites).weight;  // recomputed in one pass, the same sum as every other objective
        out.enumerated = true;
    } else {  // too many sets: greedy completes the LP's whole sites
        const GreedyResult g = mclp_greedy(model, need, ones);
        out.sites = ones;
        for (std::uint32_t j : g.sites()) out.sites.push_back(j);
        out.objective = covered_by(model, out.sites).weight;
    }
    std::sort(out.sites.begin(), out.sites.end());
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return out;
}

const char* status_name(PlacementStatus status) {
    switch (status) {
        case PlacementStatus::optimal: return "optimal";
        case PlacementStatus::gap_reached: return "gap_reached";
        case PlacementStatus::time_limit: return "time_limit";
        case PlacementStatus::greedy_only: return "greedy_only";
        case PlacementStatus::infeasible: return "infeasible";
    }
    return "unknown";
}

std::string cbc_version() { return Cbc_getVersion(); }

ExactResult mclp_exact(const CoverageModel& model, const ExactRequest& req) {
    const auto started = std::chrono::steady_clock::now();
    const Matrix m = build(model, req);
    CbcPtr cbc = load(m);
    for (int j = 0; j < static_cast<int>(model.candidate_count()); ++j) Cbc_setInteger(cbc.get(), j);
    Cbc_setMaximumSeconds(cbc.get(), req.time_limit_s);
    Cbc_setAllowableFractionGap(cbc.get(), req.relative_gap);
    // CBC 2.10.8 crashed in CglPreProcess::postProcess on a separated model (city data, p = 40,
    // 1,500 m): its integer preprocessing is switched off when there are separation rows.
    if (m.separation_rows) Cbc_setParameter(cbc.get(), "preprocess", "off");
    if (!req.start.empty()) {
        std::vector<int> idx(model.candidate_count());
        std::vector<double> val(model.candidate_count(), 0.0);
        for (std::size_t j = 0; j < idx.size(); ++j) idx[j] = static_cast<int>(j);
        for (std::uint32_t j : req.start) val.at(j) = 1.0;
        Cbc_setMIPStartI(cbc.get(), static_cast<int>(idx.size()), idx.data(), val.data());
    }
    Cbc_solve(cbc.get());

    ExactResult result;
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    result.nodes = Cbc_getNodeCount(cbc.get());
    const double* solution = Cbc_getColSolution(cbc.get());
    if (Cbc_isProvenInfeasible(cbc.get()) || solution == nullptr) {
        result.status = PlacementStatus::infeasible;
        return result;
    }
    for (std::size_t j = 0; j < model.candidate_count(); ++j)
        if (solution[j] > 0.5) result.sites.push_back(static_cast<std::uint32_t>(j));
    if (result.sites.size() != req.total_sites) {  // no integer solution found within the limits
        result.status = PlacementStatus::infeasible;
        result.sites.clear();
        return result;
    }
    result.objective = covered_by(model, result.sites).weight;
    if (Cbc_secondaryStatus(cbc.get()) == 2)
        result.status = PlacementStatus::gap_reached;
    else if (Cbc_isProvenOptimal(cbc.get()))
        result.status = PlacementStatus::optimal;
    else
        result.status = PlacementStatus::time_limit;
    // CBC's bound for a maximisation, never below the solution it found.
    result.bound = result.status == PlacementStatus::optimal ? result.objective
                                                             : std::max(result.objective, Cbc_getBestPossibleObjValue(cbc.get()));
    return result;
}

}  // namespace hotspot
