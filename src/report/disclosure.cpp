// Primary and secondary suppression of a count table, audited by linear programming.
#include "hotspot/report/disclosure.hpp"

#include "report/disclosure_audit.hpp"

#include <algorithm>
#include <limits>
#include <set>

namespace hotspot {

namespace {

constexpr double kTolerance = 1e-6;

// The equations each cell takes part in (as a member or as the total).
std::vector<std::vector<int>> equations_of_cells(const CountTable& table) {
    std::vector<std::vector<int>> of(table.values.size());
    for (std::size_t e = 0; e < table.equations.size(); ++e) {
        for (int m : table.equations[e].members) of[m].push_back(static_cast<int>(e));
        if (table.equations[e].total >= 0) of[table.equations[e].total].push_back(static_cast<int>(e));
    }
    return of;
}

// The complement for an unprotected cell: first, in an equation where it is the only suppressed
// cell (such an equation gives it away), that equation's smallest non-zero published cell; then the
// smallest non-zero published member of any of its equations; then the smallest published total of
// an equation it is a member of.
int complement_for(int cell, const CountTable& table, const std::vector<std::vector<int>>& eqs, const std::vector<bool>& suppressed) {
    int best = -1;
    auto consider = [&](int c) {
        if (c < 0 || c == cell || suppressed[c] || table.values[c] <= 0) return;
        if (best < 0 || table.values[c] < table.values[best] || (table.values[c] == table.values[best] && c < best)) best = c;
    };
    for (int e : eqs[cell]) {
        const TableEquation& eq = table.equations[e];
        bool alone = eq.total < 0 || eq.total == cell || !suppressed[eq.total];
        for (int m : eq.members) alone = alone && (m == cell || !suppressed[m]);
        if (!alone) continue;
        for (int m : eq.members) consider(m);
        consider(eq.total);
    }
    if (best >= 0) return best;
    for (int e : eqs[cell])
        for (int m : table.equations[e].members) consider(m);
    if (best >= 0) return best;
    for (int e : eqs[cell])
        if (table.equations[e].total != cell) consider(table.equations[e].total);
    return best;
}

// When every cell of an unprotected cell's equations is suppressed already, what pins it lies
// further out: the complement is searched breadth-first through the suppressed cells linked to it,
// nearest ring first, the smallest non-zero shown cell of that ring.
int complement_further(int cell, const CountTable& table, const std::vector<std::vector<int>>& eqs, const std::vector<bool>& suppressed) {
    std::vector<char> seen(table.values.size(), 0);
    std::vector<int> ring{cell};
    seen[cell] = 1;
    while (!ring.empty()) {
        std::vector<int> next;
        int best = -1;
        for (int c : ring)
            for (int e : eqs[c]) {
                const TableEquation& eq = table.equations[e];
                std::vector<int> cells = eq.members;
                if (eq.total >= 0) cells.push_back(eq.total);
                for (int o : cells) {
                    if (seen[o]) continue;
                    seen[o] = 1;
                    if (suppressed[o]) next.push_back(o);
                    else if (table.values[o] > 0 && (best < 0 || table.values[o] < table.values[best])) best = o;
                }
            }
        if (best >= 0) return best;
        ring = std::move(next);
    }
    return -1;
}

// The last resort: a published 0 of one of the cell's equations. A column whose known total
// equals its number of non-zero cells (all 1) has no other complement; once a 0 is suppressed
// too, a reader can no longer take every suppressed cell to be at least 1.
int zero_complement(int cell, const CountTable& table, const std::vector<std::vector<int>>& eqs, const std::vector<bool>& suppressed) {
    for (int e : eqs[cell]) {
        const TableEquation& eq = table.equations[e];
        for (int m : eq.members)
            if (!suppressed[m] && table.values[m] == 0) return m;
    }
    return -1;
}

}  // namespace

std::vector<double> required_widths(const CountTable& table, const DisclosureRule& rule) {
    // The most a cell can hold in any table with the same known totals: a zero is never suppressed
    // (0); a member of a known total at most that total; a total at most the sum of its members'.
    const double unbounded = std::numeric_limits<double>::infinity();
    std::vector<double> most(table.values.size(), unbounded);
    for (std::size_t c = 0; c < table.values.size(); ++c)
        if (table.values[c] == 0) most[c] = 0.0;
    for (const TableEquation& eq : table.equations)
        if (eq.total < 0)
            for (int m : eq.members) most[m] = std::min(most[m], static_cast<double>(eq.constant));
    for (int pass = 0; pass < 2; ++pass)  // totals of totals (an area's "All" from its categories)
        for (const TableEquation& eq : table.equations)
            if (eq.total >= 0) {
                double sum = 0.0;
                for (int m : eq.members) sum += most[m];
                most[eq.total] = std::min(most[eq.total], sum);
            }
    std::vector<double> need(table.values.size());
    for (std::size_t c = 0; c < need.size(); ++c) need[c] = std::min(rule.width(), std::max(0.0, most[c] - 2.0));
    return need;
}

TableProtection protect_table(const CountTable& table, const DisclosureRule& rule) {
    const std::size_t n = table.values.size();
    TableProtection p;
    p.state.assign(n, CellState::published);
    std::vector<bool> suppressed(n, false);
    std::vector<char> pending(n, 0);  // primary cells not yet shown to be protected
    for (std::size_t c = 0; c < n; ++c)
        if (rule.is_small(table.values[c])) {
            p.state[c] = CellState::primary;
            suppressed[c] = true;
            pending[c] = 1;
        }
    const auto eqs = equations_of_cells(table);
    const auto need = required_widths(table, rule);
    p.range.assign(n, FeasibleRange{});
    for (std::size_t c = 0; c < n; ++c) p.range[c] = FeasibleRange{double(table.values[c]), double(table.values[c])};
    // Suppressing more cells only relaxes the LP, so a range never narrows: once protected, a cell
    // need not be audited again; only the pending ones and the new complements are.
    for (;;) {
        bool any_pending = false;
        for (char w : pending) any_pending = any_pending || w;
        if (!any_pending) break;
        const auto ranges = audit_cells(table, suppressed, pending);
        std::vector<int> unprotected;
        for (std::size_t c = 0; c < n; ++c) {
            if (!pending[c]) continue;
            p.range[c] = ranges[c];
            if (ranges[c].width() + kTolerance >= need[c])
                pending[c] = 0;
            else
                unprotected.push_back(static_cast<int>(c));
        }
        if (unprotected.empty()) break;
        std::set<int> touched;  // equations given a complement in this round: their other cells wait for the next audit
        bool added = false;
        for (int c : unprotected) {
            bool wait = false;
            for (int e : eqs[c]) wait = wait || touched.count(e);
            if (wait) continue;
            int k = complement_for(c, table, eqs, suppressed);
            if (k < 0) k = complement_further(c, table, eqs, suppressed);
            if (k < 0) k = zero_complement(c, table, eqs, suppressed);
            if (k < 0) continue;
            suppressed[k] = true;  // a complement holds no small count: it needs no range of its own
            p.state[k] = CellState::secondary;
            for (int e : eqs[k]) touched.insert(e);
            for (int e : eqs[c]) touched.insert(e);
            added = true;
        }
        if (!added) break;  // nothing left to suppress next to the unprotected cells
    }
    for (std::size_t c = 0; c < n; ++c) {
        if (p.state[c] == CellState::primary) ++p.primary;
        if (p.state[c] == CellState::secondary) ++p.secondary;
        if (pending[c]) ++p.unprotected;
    }
    return p;
}

std::int64_t round_to_base(std::int64_t value, int base) {
    if (base <= 1) return value;
    const std::int64_t b = base;
    const std::int64_t r = ((value % b) + b) % b;
    return r * 2 >= b ? value - r + b : value - r;
}

void DisclosureSummary::add(const TableProtection& p, std::size_t cell_count) {
    cells += static_cast<std::int64_t>(cell_count);
    primary += p.primary;
    secondary += p.secondary;
    unprotected += p.unprotected;
}

}  // namespace hotspot
