// The LP audit of a suppression pattern: for each suppressed cell, the least and greatest value it
// can take given the published cells, the table's totals and its least possible value (COIN-OR
// CLP): 1 while no 0 of the table is suppressed, since a reader who knows that zeros are shown
// knows a suppressed cell holds 1 or more (two cells adding to 10 are each 1..9, not 0..10); 0
// once protect_table has had to suppress a 0 (a column whose known total equals its number of
// non-zero cells pins them all to 1 otherwise), since a reader cannot tell which cells those are. Tables
// fall apart into components of suppressed cells linked by an equation; each is one small LP,
// solved once and then re-optimised (warm start) per cell and direction.
#include "report/disclosure_audit.hpp"

#include "hotspot/base/errors.hpp"

#include <coin/Clp_C_Interface.h>

#include <algorithm>
#include <limits>
#include <memory>
#include <numeric>

namespace hotspot {

namespace {

struct ClpDeleter {
    void operator()(Clp_Simplex* m) const { Clp_deleteModel(m); }
};

// One equation over suppressed cells only: sum coef * x = rhs.
struct Row {
    std::vector<int> vars;
    std::vector<double> coef;
    double rhs = 0.0;
};

int find_root(std::vector<int>& parent, int a) {
    while (parent[a] != a) a = parent[a] = parent[parent[a]];
    return a;
}

std::vector<Row> reduce(const CountTable& table, const std::vector<int>& var_of) {
    std::vector<Row> rows;
    for (const TableEquation& eq : table.equations) {
        Row row;
        double known = eq.total >= 0 ? 0.0 : static_cast<double>(eq.constant);
        if (eq.total >= 0) {
            if (var_of[eq.total] >= 0) {
                row.vars.push_back(var_of[eq.total]);
                row.coef.push_back(-1.0);
            } else {
                known = static_cast<double>(table.values[eq.total]);
            }
        }
        for (int m : eq.members) {
            if (var_of[m] >= 0) {
                row.vars.push_back(var_of[m]);
                row.coef.push_back(1.0);
            } else {
                known -= static_cast<double>(table.values[m]);
            }
        }
        row.rhs = known;
        if (!row.vars.empty()) rows.push_back(std::move(row));
    }
    return rows;
}

// Ranges of the variables `vars` of one component with its `rows`.
void solve_component(const std::vector<int>& vars, const std::vector<const Row*>& rows, const std::vector<int>& cell_of,
                     const std::vector<char>& wanted, double least, std::vector<FeasibleRange>& out) {
    std::vector<int> local(cell_of.size(), -1);
    for (std::size_t i = 0; i < vars.size(); ++i) local[vars[i]] = static_cast<int>(i);
    // Column-major matrix from the rows.
    std::vector<std::vector<std::pair<int, double>>> cols(vars.size());
    std::vector<double> row_bound;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (std::size_t k = 0; k < rows[r]->vars.size(); ++k)
            cols[local[rows[r]->vars[k]]].emplace_back(static_cast<int>(r), rows[r]->coef[k]);
        row_bound.push_back(rows[r]->rhs);
    }
    std::vector<CoinBigIndex> start{0};
    std::vector<int> index;
    std::vector<double> value;
    for (const auto& col : cols) {
        for (const auto& [r, c] : col) {
            index.push_back(r);
            value.push_back(c);
        }
        start.push_back(static_cast<CoinBigIndex>(index.size()));
    }
    const std::vector<double> lower(vars.size(), least), upper(vars.size(), std::numeric_limits<double>::max());
    std::vector<double> objective(vars.size(), 0.0);
    std::unique_ptr<Clp_Simplex, ClpDeleter> lp(Clp_newModel());
    Clp_setLogLevel(lp.get(), 0);
    Clp_loadProblem(lp.get(), static_cast<int>(vars.size()), static_cast<int>(rows.size()), start.data(), index.data(), value.data(),
                    lower.data(), upper.data(), objective.data(), row_bound.data(), row_bound.data());
    bool first = true;
    for (std::size_t i = 0; i < vars.size(); ++i) {
        if (!wanted[vars[i]]) continue;
        FeasibleRange range;
        double* obj = Clp_objective(lp.get());
        std::fill(obj, obj + vars.size(), 0.0);
        obj[i] = 1.0;
        for (const double direction : {1.0, -1.0}) {  // minimise, then maximise
            Clp_setOptimizationDirection(lp.get(), direction);
            if (first) {
                Clp_initialSolve(lp.get());
                first = false;
            } else {
                Clp_primal(lp.get(), 0);
            }
            const int status = Clp_status(lp.get());
            if (status == 2 && direction < 0) {
                range.upper = std::numeric_limits<double>::infinity();
                continue;
            }
            if (status != 0)
                throw Error("disclosure audit: the linear programme of a table's suppressed cells did not solve (CLP status " +
                                   std::to_string(status) + "); the published totals may not add up");
            const double x = Clp_getColSolution(lp.get())[i];
            (direction > 0 ? range.lower : range.upper) = x;
        }
        out[cell_of[vars[i]]] = range;
    }
}

}  // namespace

std::vector<FeasibleRange> audit_cells(const CountTable& table, const std::vector<bool>& suppressed, const std::vector<char>& wanted) {
    const std::size_t n = table.values.size();
    std::vector<FeasibleRange> out(n);
    std::vector<int> var_of(n, -1), cell_of;
    double least = 1.0;
    for (std::size_t c = 0; c < n; ++c)
        if (suppressed[c] && table.values[c] == 0) least = 0.0;
    for (std::size_t c = 0; c < n; ++c) {
        const double v = static_cast<double>(table.values[c]);
        out[c] = FeasibleRange{v, v};
        if (suppressed[c]) {
            var_of[c] = static_cast<int>(cell_of.size());
            cell_of.push_back(static_cast<int>(c));
            out[c] = FeasibleRange{least, std::numeric_limits<double>::infinity()};  // in no equation: anything from least
        }
    }
    std::vector<char> wanted_var(cell_of.size(), 0);
    for (std::size_t v = 0; v < cell_of.size(); ++v) wanted_var[v] = wanted.empty() || wanted[cell_of[v]];
    const std::vector<Row> rows = reduce(table, var_of);
    std::vector<int> parent(cell_of.size());
    std::iota(parent.begin(), parent.end(), 0);
    for (const Row& row : rows)
        for (int v : row.vars) parent[find_root(parent, v)] = find_root(parent, row.vars.front());
    std::vector<std::vector<int>> comp_vars(cell_of.size());
    std::vector<std::vector<const Row*>> comp_rows(cell_of.size());
    for (std::size_t v = 0; v < cell_of.size(); ++v) comp_vars[find_root(parent, static_cast<int>(v))].push_back(static_cast<int>(v));
    for (const Row& row : rows) comp_rows[find_root(parent, row.vars.front())].push_back(&row);
    for (std::size_t r = 0; r < cell_of.size(); ++r) {
        if (comp_rows[r].empty()) continue;
        bool any = false;
        for (int v : comp_vars[r]) any = any || wanted_var[v];
        if (any) solve_component(comp_vars[r], comp_rows[r], cell_of, wanted_var, least, out);
    }
    return out;
}

std::vector<FeasibleRange> audit_suppression(const CountTable& table, const std::vector<bool>& suppressed) {
    return audit_cells(table, suppressed, {});
}

}  // namespace hotspot
