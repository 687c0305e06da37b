// Disclosure control (report/disclosure): the LP audit against brute force (every integer
// completion of small tables with their margins), and secondary suppression against planted
// tables where a naive single suppression is recoverable from the totals.
#include "hotspot/report/disclosure.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <random>

using namespace hotspot;

namespace {

// rows x cols inner cells, then row totals, column totals and the grand total as cells.
struct Grid {
    CountTable table;
    int rows = 0, cols = 0;
    int cell(int r, int c) const { return r * cols + c; }
};

Grid make_grid(const std::vector<std::vector<std::int64_t>>& inner) {
    Grid g;
    g.rows = static_cast<int>(inner.size());
    g.cols = static_cast<int>(inner.front().size());
    for (const auto& row : inner)
        for (std::int64_t v : row) g.table.add_cell(v);
    std::vector<int> row_total, col_total;
    std::int64_t grand = 0;
    for (int r = 0; r < g.rows; ++r) {
        std::int64_t s = 0;
        TableEquation eq;
        for (int c = 0; c < g.cols; ++c) {
            s += inner[r][c];
            eq.members.push_back(g.cell(r, c));
        }
        eq.total = g.table.add_cell(s);
        row_total.push_back(eq.total);
        grand += s;
        g.table.equations.push_back(eq);
    }
    for (int c = 0; c < g.cols; ++c) {
        std::int64_t s = 0;
        TableEquation eq;
        for (int r = 0; r < g.rows; ++r) {
            s += inner[r][c];
            eq.members.push_back(g.cell(r, c));
        }
        eq.total = g.table.add_cell(s);
        col_total.push_back(eq.total);
        g.table.equations.push_back(eq);
    }
    const int grand_cell = g.table.add_cell(grand);
    g.table.equations.push_back(TableEquation{row_total, grand_cell, 0});
    g.table.equations.push_back(TableEquation{col_total, grand_cell, 0});
    return g;
}

// Integer min and max of every suppressed cell over all completions that satisfy the equations:
// a depth-first enumeration over the suppressed cells (1..bound, or 1..a shown total of the cell's
// equation: a 0 is never suppressed, so a reader knows each is at least 1), where an equation with
// one cell left unassigned fixes that cell.
std::vector<std::pair<std::int64_t, std::int64_t>> brute_force(const CountTable& t, const std::vector<bool>& suppressed, std::int64_t bound) {
    const std::size_t n = t.values.size();
    std::vector<std::int64_t> upto(n, bound);
    for (const auto& eq : t.equations) {
        if (eq.total >= 0 && suppressed[eq.total]) continue;
        const std::int64_t total = eq.total >= 0 ? t.values[eq.total] : eq.constant;
        for (int m : eq.members) upto[m] = std::min(upto[m], total);
    }
    std::vector<std::int64_t> x = t.values;
    std::vector<char> known(n, 1);
    for (std::size_t c = 0; c < n; ++c)
        if (suppressed[c]) known[c] = 0;
    std::vector<std::pair<std::int64_t, std::int64_t>> range(n, {bound + 1, -1});
    std::function<void()> go = [&] {
        std::vector<int> fixed;  // cells this level fixed by propagation, unset on return
        const auto undo = [&] {
            for (int c : fixed) known[c] = 0;
        };
        for (bool changed = true; changed;) {
            changed = false;
            for (const auto& eq : t.equations) {
                int open = -1, n_open = 0;
                std::int64_t members = 0;
                for (int m : eq.members) {
                    if (known[m]) members += x[m];
                    else open = m, ++n_open;
                }
                const bool total_known = eq.total < 0 || known[eq.total];
                const std::int64_t total = eq.total < 0 ? eq.constant : x[eq.total];
                if (!total_known) open = eq.total, ++n_open;
                if (n_open == 0) {
                    if (members != total) return undo();
                } else if (n_open == 1) {
                    const std::int64_t v = open == eq.total ? members : total - members;
                    if (v < 1 || v > upto[open]) return undo();
                    x[open] = v;
                    known[open] = 1;
                    fixed.push_back(open);
                    changed = true;
                }
            }
        }
        int next = -1;
        for (std::size_t c = 0; c < n && next < 0; ++c)
            if (!known[c]) next = static_cast<int>(c);
        if (next < 0) {
            for (std::size_t c = 0; c < n; ++c)
                if (suppressed[c]) range[c] = {std::min(range[c].first, x[c]), std::max(range[c].second, x[c])};
            return undo();
        }
        known[next] = 1;
        for (std::int64_t v = 1; v <= upto[next]; ++v) {
            x[next] = v;
            go();
        }
        known[next] = 0;
        undo();
    };
    go();
    return range;
}

}  // namespace

TEST_CASE("disclosure audit: LP ranges equal the integer ranges of every completion", "[disclosure]") {
    std::mt19937 rng(14);
    for (int trial = 0; trial < 120; ++trial) {
        const int rows = 2 + trial % 2, cols = 2 + (trial / 2) % 2;
        std::uniform_int_distribution<int> value(0, rows * cols > 4 ? 4 : 6);
        std::vector<std::vector<std::int64_t>> inner(rows, std::vector<std::int64_t>(cols));
        for (auto& r : inner)
            for (auto& v : r) v = value(rng);
        Grid g = make_grid(inner);
        const std::size_t n = g.table.values.size();
        std::vector<bool> suppressed(n, false);
        const int k = 1 + trial % (rows * cols > 4 ? 3 : 4);
        std::uniform_int_distribution<std::size_t> pick(0, n - 1);
        for (int i = 0; i < k; ++i) {  // non-zero cells only, as protect_table picks them
            const std::size_t c = pick(rng);
            if (g.table.values[c] > 0) suppressed[c] = true;
        }
        const std::int64_t bound = g.table.values.back();  // no cell exceeds the grand total
        const auto exact = brute_force(g.table, suppressed, bound);
        const auto lp = audit_suppression(g.table, suppressed);
        for (std::size_t c = 0; c < n; ++c) {
            if (!suppressed[c]) continue;
            INFO("trial " << trial << " cell " << c);
            CHECK(lp[c].lower == Approx(static_cast<double>(exact[c].first)).margin(1e-6));
            CHECK(lp[c].upper == Approx(static_cast<double>(exact[c].second)).margin(1e-6));
        }
    }
}

TEST_CASE("disclosure: a naive single suppression is recoverable and secondary suppression protects it", "[disclosure]") {
    // Planted: one small cell (3); its row and column totals are published.
    Grid g = make_grid({{3, 25, 40}, {30, 22, 18}, {12, 50, 15}});
    std::vector<bool> naive(g.table.values.size(), false);
    naive[g.cell(0, 0)] = true;
    const auto naive_range = audit_suppression(g.table, naive);
    CHECK(naive_range[g.cell(0, 0)].lower == Approx(3.0));
    CHECK(naive_range[g.cell(0, 0)].upper == Approx(3.0));  // recovered exactly: 28 - 25 = 3

    // Suppressing one more cell in the same row only: the column total still gives it away.
    naive[g.cell(0, 1)] = true;
    CHECK(audit_suppression(g.table, naive)[g.cell(0, 0)].width() == Approx(0.0));

    const DisclosureRule rule;  // min_count 10, protection width 10
    const TableProtection p = protect_table(g.table, rule);
    CHECK(p.primary == 1);
    CHECK(p.secondary >= 3);  // a rectangle at least: one more in its row, its column and the opposite corner
    CHECK(p.unprotected == 0);
    // Independent check of the result by brute force over integer completions.
    std::vector<bool> sup(g.table.values.size());
    for (std::size_t c = 0; c < sup.size(); ++c) sup[c] = p.suppressed(static_cast<int>(c));
    const auto exact = brute_force(g.table, sup, g.table.values.back());
    for (std::size_t c = 0; c < sup.size(); ++c)
        if (p.state[c] == CellState::primary) CHECK(exact[c].second - exact[c].first >= rule.min_count);
}

TEST_CASE("disclosure: protected random tables pass a full audit and, when small, brute force", "[disclosure]") {
    std::mt19937 rng(2026);
    std::uniform_int_distribution<int> value(0, 8);
    int brute_checked = 0;
    for (int trial = 0; trial < 40; ++trial) {
        std::vector<std::vector<std::int64_t>> inner(3, std::vector<std::int64_t>(3));
        for (auto& r : inner)
            for (auto& v : r) v = value(rng) + (trial % 2) * 9;  // every other table has no small inner cell
        Grid g = make_grid(inner);
        const DisclosureRule rule;
        const TableProtection p = protect_table(g.table, rule);
        std::vector<bool> sup(g.table.values.size());
        int n_sup = 0;
        for (std::size_t c = 0; c < sup.size(); ++c) n_sup += (sup[c] = p.suppressed(static_cast<int>(c)));
        for (std::size_t c = 0; c < sup.size(); ++c)
            if (rule.is_small(g.table.values[c])) CHECK(sup[c]);
        const auto full = audit_suppression(g.table, sup);  // the whole pattern at once, not round by round
        int unprotected = 0;
        const auto need = required_widths(g.table, rule);  // no constants here: the rule's width
        for (std::size_t c = 0; c < sup.size(); ++c) unprotected += p.state[c] == CellState::primary && full[c].width() < need[c] - 1e-6;
        CHECK(unprotected == p.unprotected);
        if (n_sup == 0 || n_sup > 6) continue;  // brute force where it takes well under a second
        ++brute_checked;
        const auto exact = brute_force(g.table, sup, g.table.values.back());
        for (std::size_t c = 0; c < sup.size(); ++c)
            if (sup[c]) CHECK(exact[c].second - exact[c].first == Approx(full[c].width()));
    }
    CHECK(brute_checked > 0);
}

TEST_CASE("disclosure: a known total from elsewhere (constant) links the cells", "[disclosure]") {
    CountTable t;
    const int a = t.add_cell(4), b = t.add_cell(30), c = t.add_cell(12);
    t.equations.push_back(TableEquation{{a, b, c}, -1, 46});
    const TableProtection p = protect_table(t, DisclosureRule{});
    CHECK(p.state[a] == CellState::primary);
    CHECK(p.state[c] == CellState::secondary);  // the smallest non-zero other cell
    CHECK(p.state[b] == CellState::published);
    CHECK(p.range[a].width() == Approx(14.0));  // a + c = 16, each at least 1
}

TEST_CASE("disclosure: a known total below the width bounds what protection can reach", "[disclosure]") {
    CountTable t;  // a column whose known total is 6: every cell of it is at most 6
    const int a = t.add_cell(2), b = t.add_cell(4), c = t.add_cell(0);
    t.equations.push_back(TableEquation{{a, b, c}, -1, 6});
    // At most 6, at least 1, and so is the other suppressed cell: 1..5 (a zero is never suppressed).
    CHECK(required_widths(t, DisclosureRule{}) == std::vector<double>{4.0, 4.0, 0.0});
    const TableProtection p = protect_table(t, DisclosureRule{});
    CHECK(p.unprotected == 0);
    CHECK(p.range[a].width() == Approx(4.0));
    CHECK(p.range[b].width() == Approx(4.0));
    CHECK(p.state[c] == CellState::published);  // a zero adds no doubt
}

TEST_CASE("disclosure: a total of bounded members is bounded too", "[disclosure]") {
    // An area's "All" of 1 is its one category cell of 1 plus zeros; that category's known total is 7.
    CountTable t;
    const int x = t.add_cell(1), zero = t.add_cell(0), y = t.add_cell(6), all = t.add_cell(1), other_all = t.add_cell(999);
    t.equations.push_back(TableEquation{{x, zero}, all, 0});
    t.equations.push_back(TableEquation{{x, y}, -1, 7});
    t.equations.push_back(TableEquation{{all, other_all}, -1, 1000});  // the All column, with a large known total
    const auto need = required_widths(t, DisclosureRule{});
    CHECK(need[all] == Approx(5.0));  // at most 7, less the 1 each of it and its complement hold at least
    const TableProtection p = protect_table(t, DisclosureRule{});
    CHECK(p.unprotected == 0);
    CHECK(p.suppressed(x));
    CHECK(p.suppressed(all));
}

TEST_CASE("disclosure: rounding to base 5", "[disclosure]") {
    CHECK(round_to_base(0, 5) == 0);
    CHECK(round_to_base(12, 5) == 10);
    CHECK(round_to_base(13, 5) == 15);
    CHECK(round_to_base(17, 0) == 17);
    CHECK(round_to_base(25, 5) == 25);
}

TEST_CASE("disclosure: a known total equal to its number of non-zero cells is protected with a zero", "[disclosure]") {
    // Three LSOAs with one bicycle theft each, two with none, and the force's total of 3 known:
    // suppressed cells being at least 1 (zeros shown), each suppressed 1 is pinned to 1. Only
    // suppressing a 0 as well leaves a reader unable to tell which cells hold what.
    CountTable t;
    const int a = t.add_cell(1), b = t.add_cell(1), c = t.add_cell(1), z1 = t.add_cell(0), z2 = t.add_cell(0);
    t.equations.push_back(TableEquation{{a, b, c, z1, z2}, -1, 3});
    std::vector<bool> ones{true, true, true, false, false};
    for (int cell : {a, b, c}) CHECK(audit_suppression(t, ones)[cell].width() == Approx(0.0).margin(1e-9));  // each is exactly 1
    const TableProtection p = protect_table(t, DisclosureRule{});
    CHECK(p.unprotected == 0);
    CHECK((p.state[z1] == CellState::secondary || p.state[z2] == CellState::secondary));
    std::vector<bool> sup(5);
    for (int cell = 0; cell < 5; ++cell) sup[cell] = p.suppressed(cell);
    for (int cell : {a, b, c}) CHECK(audit_suppression(t, sup)[cell].width() >= 1.0);  // 0..3 now
}
